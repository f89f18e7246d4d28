/**
 * `npm run detect -- <file.html> [--pack pack.json | --terms terms.json]`
 *   prints `explainerId  "matched text"  …surrounding words…` for every match on the page.
 * `npm run detect -- --jsonl [--pack … | --terms …]`
 *   reads `{"text": "...", "fallback"?: "..."}` lines on stdin and writes one line per input:
 *   `{"matches":[{"explainer":"ice","text":"ICE","start":0,"end":3}]}`, or `{"error":"..."}`.
 *
 * Terms come from `--terms` (a MatchTerm[] file), `--pack` (a compiled pack), or else the
 * explainers in content/explainers compiled on the spot, or else public/packs/default.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createMatcher } from '../../lib/match/index';
import type { Matcher, MatchTerm } from '../../lib/match/types';
import type { Pack } from '../../lib/pack-format/types';

const USAGE = `usage: npm run detect -- <file.html> [--pack pack.json | --terms terms.json]
       npm run detect -- --jsonl [--pack pack.json | --terms terms.json] < lines.jsonl`;

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const explainersDir = path.join(root, 'content', 'explainers');
const compilerFile = path.join(root, 'tools', 'pack', 'compiler.ts');
const defaultPack = path.join(root, 'public', 'packs', 'default.json');

/** Skipped like the content script skips them: code, form fields and editable regions. */
const SKIP = new Set(['HEAD', 'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEXTAREA', 'INPUT', 'SELECT', 'CODE', 'PRE', 'TEMPLATE', 'SVG', 'IFRAME']);
const BLOCKS = new Set([
  'P', 'LI', 'DD', 'DT', 'TD', 'TH', 'CAPTION', 'FIGCAPTION', 'BLOCKQUOTE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6',
  'DIV', 'SECTION', 'ARTICLE', 'ASIDE', 'HEADER', 'FOOTER', 'NAV', 'MAIN', 'BODY', 'UL', 'OL', 'DL', 'TABLE',
  'TR', 'FORM', 'FIELDSET', 'LEGEND', 'ADDRESS', 'DETAILS', 'SUMMARY', 'LABEL', 'BUTTON',
]);

function termsFromPack(pack: Pack, source: string): MatchTerm[] {
  if (!pack || !Array.isArray(pack.explainers)) throw new Error(`${source}: not a pack (no "explainers" array)`);
  return pack.explainers.flatMap((explainer) => explainer.terms.map((term) => ({ ...term, explainerId: explainer.id })));
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
}

/** The terms to match, and where they came from (said on stderr, so a stale fallback is visible). */
async function loadTerms(options: { pack?: string; terms?: string }): Promise<{ terms: MatchTerm[]; source: string }> {
  if (options.terms) {
    const terms = readJson(options.terms);
    if (!Array.isArray(terms)) throw new Error(`${options.terms}: expected an array of terms`);
    return { terms: terms as MatchTerm[], source: options.terms };
  }
  if (options.pack) return { terms: termsFromPack(readJson(options.pack) as Pack, options.pack), source: options.pack };
  if (existsSync(compilerFile) && existsSync(explainersDir)) {
    try {
      const { compileFolder } = await import('../pack/compiler');
      const pack = compileFolder(explainersDir, { id: 'detect', name: 'detect', publisher: 'local' });
      return { terms: termsFromPack(pack, explainersDir), source: `${explainersDir} (compiled now)` };
    } catch (error) {
      if (!existsSync(defaultPack)) throw error;
      console.error(`warning: ${explainersDir} did not compile (${(error as Error).message.split('\n')[0]}); using ${defaultPack}`);
    }
  }
  if (existsSync(defaultPack)) return { terms: termsFromPack(readJson(defaultPack) as Pack, defaultPack), source: defaultPack };
  throw new Error(`no terms: pass --pack or --terms, or add ${explainersDir} or ${defaultPack}`);
}

interface Block {
  text: string;
}

/** Text per block element, in document order, plus the title and h1–h3 as fallback context. */
async function pageBlocks(html: string): Promise<{ blocks: Block[]; fallback: string }> {
  const { Window } = await import('happy-dom');
  // A parser only: no scripts, no style sheets, no frames, nothing fetched.
  const window = new Window({
    url: 'http://localhost/',
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      disableComputedStyleRendering: true,
      handleDisabledFileLoadingAsSuccess: true,
    },
  });
  const doc = new window.DOMParser().parseFromString(html, 'text/html');
  const byBlock = new Map<unknown, string[]>();
  const visit = (node: { nodeType: number; nodeName: string; childNodes: ArrayLike<unknown>; textContent: string | null }, block: unknown): void => {
    if (node.nodeType === 3) {
      const parts = byBlock.get(block);
      if (parts) parts.push(node.textContent ?? '');
      else byBlock.set(block, [node.textContent ?? '']);
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9) return;
    const name = node.nodeName.toUpperCase();
    if (SKIP.has(name)) return;
    const element = node as unknown as { getAttribute?: (name: string) => string | null };
    const editable = element.getAttribute?.('contenteditable');
    if (editable !== null && editable !== undefined && editable !== 'false') return;
    const inner = BLOCKS.has(name) ? node : block;
    for (const child of Array.from(node.childNodes)) visit(child as typeof node, inner);
  };
  visit(doc, doc);
  const blocks = [...byBlock.values()]
    .map((parts) => ({ text: parts.join('').replace(/\s+/g, ' ').trim() }))
    .filter((block) => block.text !== '');
  const headings = Array.from(doc.querySelectorAll('title, h1, h2, h3')).map((el) => el.textContent ?? '');
  const fallback = headings.join(' \n ').replace(/\s+/g, ' ').trim();
  await window.happyDOM.close();
  return { blocks, fallback };
}

function surroundings(text: string, start: number, end: number, words = 6): string {
  const before = text.slice(0, start).split(/\s+/).slice(-words - 1).join(' ');
  const after = text.slice(end).split(/\s+/).slice(0, words + 1).join(' ');
  return `…${before}[${text.slice(start, end)}]${after}…`;
}

async function detectHtml(file: string, matcher: Matcher): Promise<number> {
  let html: string;
  try {
    html = readFileSync(file, 'utf8');
  } catch (error) {
    console.error(`${file}: ${(error as Error).message}`);
    return 1;
  }
  const { blocks, fallback } = await pageBlocks(html);
  let count = 0;
  for (const block of blocks) {
    for (const m of matcher.match(block.text, { fallbackText: fallback })) {
      console.log(`${m.explainerId}  ${JSON.stringify(m.text)}  ${surroundings(block.text, m.start, m.end)}`);
      count++;
    }
  }
  console.error(`${file}: ${count} match${count === 1 ? '' : 'es'} in ${blocks.length} blocks`);
  return 0;
}

function detectLine(line: string, matcher: Matcher): string {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch (error) {
    return JSON.stringify({ error: `not JSON: ${(error as Error).message}` });
  }
  const record = input as { text?: unknown; fallback?: unknown } | null;
  if (typeof record !== 'object' || record === null || typeof record.text !== 'string') {
    return JSON.stringify({ error: 'expected an object with a string "text"' });
  }
  if (record.fallback !== undefined && typeof record.fallback !== 'string') {
    return JSON.stringify({ error: '"fallback" must be a string' });
  }
  const matches = matcher
    .match(record.text, { fallbackText: record.fallback })
    .map((m) => ({ explainer: m.explainerId, text: m.text, start: m.start, end: m.end }));
  return JSON.stringify({ matches });
}

async function detectJsonl(matcher: Matcher): Promise<number> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    process.stdout.write(`${detectLine(line, matcher)}\n`);
  }
  return 0;
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { jsonl: { type: 'boolean' }, pack: { type: 'string' }, terms: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help || (!values.jsonl && positionals.length !== 1) || (values.jsonl && positionals.length > 0)) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  let loaded: { terms: MatchTerm[]; source: string };
  try {
    loaded = await loadTerms(values);
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  }
  console.error(`terms: ${loaded.terms.length} from ${loaded.source}`);
  const matcher = createMatcher(loaded.terms);
  return values.jsonl ? detectJsonl(matcher) : detectHtml(positionals[0]!, matcher);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
