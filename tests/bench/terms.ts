import { readFileSync } from 'node:fs';
import type { MatchTerm } from '../../lib/match/types';
import type { RegexSource } from './page-probes';

interface PackFile {
  explainers?: { id: string; terms?: (Omit<MatchTerm, 'explainerId'> & { text: string })[] }[];
}

/** The pack's terms as the content script receives them: every term plus its explainer id. */
export function loadPackTerms(packFile: string): MatchTerm[] {
  let pack: PackFile;
  try {
    pack = JSON.parse(readFileSync(packFile, 'utf8')) as PackFile;
  } catch (error) {
    throw new Error(`${packFile}: cannot read the pack (${(error as Error).message}); run \`npm run pack:default\``);
  }
  if (!Array.isArray(pack.explainers)) throw new Error(`${packFile}: field "explainers" is missing or not a list`);
  const terms = pack.explainers.flatMap((explainer) =>
    (explainer.terms ?? []).map((term) => ({ ...term, caseSensitive: term.caseSensitive === true, explainerId: explainer.id })),
  );
  if (terms.length === 0) throw new Error(`${packFile}: the pack has no terms`);
  return terms;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const NOT_BEFORE_WORD = '(?<![\\p{L}\\p{N}_])';
const NOT_AFTER_WORD = '(?![\\p{L}\\p{N}_])';

/**
 * The native-matcher floor: one precompiled alternation per case mode (`giu` for case-insensitive
 * terms, `gu` for case-sensitive ones), longest spelling first, bounded by word boundaries that also
 * hold for non-ASCII letters. No rules, vetoes or context: the least work any matcher could do.
 */
export function floorRegexes(terms: readonly Pick<MatchTerm, 'text' | 'caseSensitive'>[]): RegexSource[] {
  const sources: RegexSource[] = [];
  for (const caseSensitive of [false, true]) {
    const spellings = [...new Set(terms.filter((t) => t.caseSensitive === caseSensitive).map((t) => t.text))]
      .filter((text) => text.length > 0)
      .sort((a, b) => b.length - a.length || a.localeCompare(b));
    if (spellings.length === 0) continue;
    sources.push({
      source: `${NOT_BEFORE_WORD}(?:${spellings.map(escapeRegExp).join('|')})${NOT_AFTER_WORD}`,
      flags: caseSensitive ? 'gu' : 'giu',
    });
  }
  return sources;
}

/** Deterministic pseudo-random numbers, so every run compares the same term tables. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Words of six or more letters that occur in `text`, most frequent first. */
export function frequentWords(text: string, limit: number): string[] {
  const counts = new Map<string, number>();
  for (const word of text.match(/\p{L}{6,}/gu) ?? []) {
    const key = word.toLowerCase();
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([word]) => word);
}

/**
 * A synthetic pack of `count` terms: the same `realWords` in every size (so every size finds the
 * same mentions and only the table grows) plus invented words and two-word phrases that never occur.
 */
export function syntheticTerms(count: number, realWords: readonly string[]): MatchTerm[] {
  const rand = seededRandom(0x5eed);
  const seen = new Set<string>();
  const terms: MatchTerm[] = [];
  for (const word of realWords.slice(0, Math.min(realWords.length, count))) {
    seen.add(word.toLowerCase());
    terms.push({ explainerId: `real-${terms.length}`, text: word, caseSensitive: false });
  }
  const invented = (): string =>
    Array.from({ length: 4 + Math.floor(rand() * 8) }, () => String.fromCharCode(97 + Math.floor(rand() * 26))).join('');
  while (terms.length < count) {
    const text = rand() < 0.3 ? `${invented()} ${invented()}` : invented();
    if (seen.has(text)) continue;
    seen.add(text);
    terms.push({ explainerId: `synthetic-${terms.length}`, text, caseSensitive: false });
  }
  return terms;
}
