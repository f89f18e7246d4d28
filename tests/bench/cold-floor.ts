/**
 * The cold native floor, as issue 14 defines it: a freshly loaded page builds one case-insensitive
 * RegExp of every term spelling in the pack and walks its text once. Construction, the RegExp's first
 * compile and the walk's cold code are all inside the timing; nothing runs before it in that page.
 */
import type { BrowserContext } from 'playwright-core';
import type { MatchTerm } from '../../lib/match/types';
import { closeQuietly } from './browser';
import { escapeRegExp } from './terms';

const NOT_BEFORE_WORD = '(?<![\\p{L}\\p{N}_])';
const NOT_AFTER_WORD = '(?![\\p{L}\\p{N}_])';

/** Every distinct spelling (case-sensitive ones too, folded in), longest first, word-bounded. */
export function coldFloorSource(terms: readonly Pick<MatchTerm, 'text'>[]): string {
  const spellings = [...new Set(terms.map((term) => term.text).filter((text) => text.length > 0))].sort(
    (a, b) => b.length - a.length || a.localeCompare(b),
  );
  return `${NOT_BEFORE_WORD}(?:${spellings.map(escapeRegExp).join('|')})${NOT_AFTER_WORD}`;
}

export const COLD_FLOOR_FLAGS = 'giu';

/** The probe as one expression: evaluated once in a page's main world, it times itself. */
function coldFloorExpression(source: string): string {
  return `(() => {
  const source = ${JSON.stringify(source)};
  const start = performance.now();
  const regex = new RegExp(source, ${JSON.stringify(COLD_FLOOR_FLAGS)});
  const walker = document.createTreeWalker(document.body || document.documentElement, 4);
  let matches = 0;
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    const text = node.data;
    regex.lastIndex = 0;
    while (regex.exec(text) !== null) matches++;
  }
  return { ms: performance.now() - start, matches };
})()`;
}

export interface ColdFloorResult {
  ms: number;
  matches: number;
}

/** Runs the probe once through `evaluate` (a fresh page's main world: the first script of ours it sees). */
export async function coldFloor(evaluate: (expression: string) => Promise<unknown>, source: string): Promise<ColdFloorResult> {
  return (await evaluate(coldFloorExpression(source))) as ColdFloorResult;
}

/** One fresh load of `url` in `context` (no extension), then the cold floor in its main world. */
export async function coldFloorRun(context: BrowserContext, url: string, source: string, timeoutMs: number): Promise<ColdFloorResult> {
  const page = await context.newPage();
  try {
    try {
      await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
    } catch {
      // Same policy as the scan: time what loaded.
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`cold floor: no answer after ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return await Promise.race([coldFloor((expression) => page.evaluate(expression), source), timeout]);
    } finally {
      clearTimeout(timer);
    }
  } finally {
    await closeQuietly(page);
  }
}
