/**
 * A cheap guess at whether a text is Spanish or English, for blocks and pages that carry no `lang`
 * attribute: the share of very common function words of each language among the first words. Pure and
 * small (it ships in the content script); it decides only between the two languages the pack has.
 */
import type { Lang } from '../pack-format/types';

/** Words frequent in running text of one language and rare in the other (accents as written). */
const SPANISH = new Set(
  'el la los las del al de y en que por para con una un es son se su sus lo le les como más pero fue ha han este esta estos estas sobre entre sin también muy según cuando ya donde hay sido ser está están dijo desde porque qué cómo él ella ellos todo todos otros otra puede pueden tiene tienen había hasta tras durante cada aunque mientras'.split(' '),
);
const ENGLISH = new Set(
  'the of and to in is that for it with as was on are be by this from at an have has or not were which their been its but they said who will would about after more than how what can could should do does did had if into out up he she we you his her them there these those our so all any some other only also over under before because while'.split(' '),
);

/** Words read at most: the first few dozen decide, so long blocks cost no more than short ones. */
const MAX_WORDS = 60;
/** Fewer telltale words than this and the text is too short to say. */
const MIN_HITS = 3;

const WORD = /[\p{L}]+/gu;

/** "es" or "en" when the text says clearly, else null (short or mixed text: ask the page). */
export function detectLanguage(text: string): Lang | null {
  let spanish = 0;
  let english = 0;
  let words = 0;
  for (const match of text.matchAll(WORD)) {
    const word = match[0].toLowerCase();
    if (SPANISH.has(word)) spanish++;
    else if (ENGLISH.has(word)) english++;
    if (++words >= MAX_WORDS) break;
  }
  if (spanish + english < MIN_HITS) return null;
  if (spanish >= 2 * english) return 'es';
  if (english >= 2 * spanish) return 'en';
  return null;
}

/** The language a `lang` attribute names ("es-MX" → "es"), or null for others and for "". */
export function langOfTag(tag: string | null | undefined): Lang | null {
  // Stryker disable next-line OptionalChaining,StringLiteral: equivalent — the group always captures when the pattern matches, and a missing tag read as any text but a language tag gives null too.
  const primary = /^\s*(es|en)(?:[-_]|\s*$)/i.exec(tag ?? '')?.[1]?.toLowerCase();
  return primary === 'es' || primary === 'en' ? primary : null;
}
