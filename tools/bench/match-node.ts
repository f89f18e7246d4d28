/**
 * Micro-benchmark: one precompiled RegExp alternation vs the matcher, over ~3 MB of text nodes
 * taken from real pages (read at run time from CORPUS_DIR, default /work/shared/corpus/pages;
 * the pages are test input only and are never copied into the repository).
 *
 *   npx tsx tools/bench/match-node.ts            (env: CORPUS_DIR, BENCH_MB, BENCH_RUNS)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMatcher } from '../../lib/match/index';
import type { MatchTerm } from '../../lib/match/types';

const corpusDir = process.env.CORPUS_DIR ?? '/work/shared/corpus/pages';
const targetBytes = Number(process.env.BENCH_MB ?? 3) * 1024 * 1024;
const runs = Number(process.env.BENCH_RUNS ?? 5);

function textNodesOf(html: string): string[] {
  const body = html
    .replace(/<(script|style|noscript|template|svg)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ');
  return body
    .split(/<[^>]*>/)
    .map((chunk) =>
      chunk
        .replace(/&nbsp;/g, '\u00a0')
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code))),
    )
    .filter((chunk) => /\S/.test(chunk));
}

function loadNodes(): string[] {
  const files = readdirSync(corpusDir).filter((name) => name.endsWith('.html')).sort();
  if (files.length === 0) throw new Error(`${corpusDir}: no .html files (set CORPUS_DIR)`);
  const pool = files.flatMap((name) => textNodesOf(readFileSync(join(corpusDir, name), 'utf8')));
  const nodes: string[] = [];
  let size = 0;
  for (let i = 0; size < targetBytes; i = (i + 1) % pool.length) {
    nodes.push(pool[i]!);
    size += pool[i]!.length;
  }
  return nodes;
}

/** Deterministic pseudo-random generator so runs compare the same term tables. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * The same five real words from the text (so every table reports the same real hits), the rest
 * invented words and two-word phrases: the tables differ only in size.
 */
function syntheticTerms(count: number, nodes: readonly string[]): MatchTerm[] {
  const rand = random(42);
  const realWords = [...new Set(nodes.slice(0, 20000).join(' ').match(/\p{L}{7,}/gu) ?? [])].slice(100, 105);
  const seen = new Set<string>();
  const terms: MatchTerm[] = realWords.map((text, i) => ({ explainerId: `real${i}`, text, caseSensitive: false }));
  for (const term of terms) seen.add(term.text.toLowerCase());
  const word = () =>
    Array.from({ length: 4 + Math.floor(rand() * 8) }, () => String.fromCharCode(97 + Math.floor(rand() * 26))).join('');
  while (terms.length < count) {
    const text = rand() < 0.3 ? `${word()} ${word()}` : word();
    if (seen.has(text)) continue;
    seen.add(text);
    terms.push({ explainerId: `t${terms.length}`, text, caseSensitive: false });
  }
  return terms;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const nodes = loadNodes();
const chars = nodes.reduce((sum, node) => sum + node.length, 0);
console.log(`${nodes.length} text nodes, ${(chars / 1e6).toFixed(2)} M chars, best of ${runs} runs\n`);
console.log('terms   build ms   RegExp ms  (hits)   matcher ms  (hits)   matcher/RegExp   (~ = timed on a tenth of the nodes, x10)');
// Warm the JIT and the shared tables so the first row does not pay for them.
{
  const warm = createMatcher(syntheticTerms(100, nodes));
  for (let r = 0; r < 2; r++) for (const node of nodes) warm.match(node);
}
let hundredTerms: number | undefined;
for (const count of [10, 100, 1000, 10000]) {
  const terms = syntheticTerms(count, nodes);
  const t0 = performance.now();
  const matcher = createMatcher(terms);
  const build = performance.now() - t0;
  const regex = new RegExp(`(?<![\\p{L}\\p{N}])(?:${terms.map((t) => escapeRegExp(t.text)).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  // A 10,000-way alternation takes minutes over the whole text: time it on a tenth, scale by ten.
  const sample = count >= 10000 ? 10 : 1;
  const regexNodes = nodes.slice(0, Math.ceil(nodes.length / sample));
  const viaRegex = { ms: Infinity, found: 0 };
  const viaMatcher = { ms: Infinity, found: 0 };
  // Alternate the two so load from other processes hits both alike; keep the best of each.
  for (let r = 0; r < (sample > 1 ? 1 : runs); r++) {
    let t0 = performance.now();
    let found = 0;
    for (const node of regexNodes) {
      regex.lastIndex = 0;
      while (regex.exec(node) !== null) found++;
    }
    viaRegex.ms = Math.min(viaRegex.ms, (performance.now() - t0) * sample);
    viaRegex.found = sample > 1 ? NaN : found;
    t0 = performance.now();
    found = 0;
    for (const node of nodes) found += matcher.match(node).length;
    viaMatcher.ms = Math.min(viaMatcher.ms, performance.now() - t0);
    viaMatcher.found = found;
  }
  if (sample > 1) {
    for (let r = 1; r < runs; r++) {
      const t0 = performance.now();
      for (const node of nodes) matcher.match(node);
      viaMatcher.ms = Math.min(viaMatcher.ms, performance.now() - t0);
    }
  }
  if (count === 100) hundredTerms = viaMatcher.ms;
  const scaling = hundredTerms === undefined ? '' : `   (${(viaMatcher.ms / hundredTerms).toFixed(2)}x the 100-term matcher)`;
  console.log(
    `${String(count).padStart(5)}  ${build.toFixed(1).padStart(8)}  ${(sample > 1 ? '~' : '') + viaRegex.ms.toFixed(0).padStart(sample > 1 ? 9 : 10)} ${(Number.isNaN(viaRegex.found) ? 'n/a' : String(viaRegex.found)).padStart(7)}` +
      `  ${viaMatcher.ms.toFixed(1).padStart(10)} ${String(viaMatcher.found).padStart(7)}  ${(viaMatcher.ms / viaRegex.ms).toFixed(2).padStart(8)}x` +
      scaling,
  );
}
