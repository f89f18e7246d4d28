/**
 * The English and Spanish sense sets (tests/eval/sense/*.jsonl, tests/eval/sense-es/*.jsonl) as one
 * shape: which family each file labels, which explainers count for a family, and how a matcher is
 * scored on a part. Shared by the two evaluations and by the sense trainer (tools/sense/train.ts),
 * which reads the tuning part only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Matcher } from '../../lib/match/types';
import type { Lang } from '../../lib/pack-format/types';
import { covers, EVAL_DIR, isTestPage, type EvalLine, type Tally } from './eval-score';

export interface SenseLine extends EvalLine {
  term: string;
  lang?: string;
}

interface SenseFile {
  file: string;
  family: string;
  lines: SenseLine[];
}

export interface SenseSet {
  lang: Lang;
  dir: string;
  files: SenseFile[];
  /** The family an explainer's matches count for, if any. */
  familyOf(explainerId: string): string | undefined;
}

/** English: the explainer each file labels; explainers that refine one count for it. */
const EN_FAMILY: Readonly<Record<string, string>> = {
  'ice.jsonl': 'ice',
  'detainer.jsonl': 'immigration-detainer',
  'sanctuary.jsonl': 'sanctuary-jurisdictions',
  'dhs.jsonl': 'dhs',
  'tps.jsonl': 'tps',
  'cbp.jsonl': 'cbp',
  'moa.jsonl': '287g-agreement',
  'parole.jsonl': 'humanitarian-parole',
  'asylum.jsonl': 'asylum',
  'removal.jsonl': 'removal',
};
const EN_REFINES: Readonly<Record<string, string>> = {
  '287g-program': '287g-agreement',
  'expedited-removal': 'removal',
  'ice-ero': 'ice',
  'ice-hsi': 'ice',
};
const EN_FAMILIES = new Set(Object.values(EN_FAMILY));

/** Spanish: explainers that belong to one family (files name their family in `term`). */
export const ES_FAMILY_OF: Readonly<Record<string, string>> = {
  ice: 'ice',
  'ice-ero': 'ice',
  'ice-hsi': 'ice',
  '287g-program': '287g',
  '287g-agreement': '287g',
  'sanctuary-jurisdictions': 'sanctuary',
  'immigration-detainer': 'detainer',
  tps: 'tps',
  cbp: 'border',
  asylum: 'asylum',
  removal: 'deportation',
  'expedited-removal': 'deportation',
  'laken-riley-act': 'laken-riley',
};

function readLines(dir: string, file: string): SenseLine[] {
  return readFileSync(join(dir, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as SenseLine);
}

function jsonlFiles(dir: string): string[] {
  return readdirSync(dir).filter((file) => file.endsWith('.jsonl')).sort();
}

export function englishSet(): SenseSet {
  const dir = join(EVAL_DIR, 'sense');
  return {
    lang: 'en',
    dir,
    files: jsonlFiles(dir).map((file) => ({ file, family: EN_FAMILY[file] ?? `unlabelled ${file}`, lines: readLines(dir, file) })),
    familyOf: (id) => EN_REFINES[id] ?? (EN_FAMILIES.has(id) ? id : undefined),
  };
}

export function spanishSet(): SenseSet {
  const dir = join(EVAL_DIR, 'sense-es');
  return {
    lang: 'es',
    dir,
    files: jsonlFiles(dir).map((file) => {
      const lines = readLines(dir, file);
      return { file, family: lines[0]?.term ?? file.replace(/\.jsonl$/, ''), lines };
    }),
    familyOf: (id) => ES_FAMILY_OF[id],
  };
}

export function tuningPart(lines: readonly SenseLine[]): SenseLine[] {
  return lines.filter((line) => !isTestPage(line.url));
}

export function testPart(lines: readonly SenseLine[]): SenseLine[] {
  return lines.filter((line) => isTestPage(line.url));
}

/**
 * Scores each line as its own page: a match counts for the family when its explainer belongs to it and
 * its span covers an expected spelling not yet taken; other explainers' matches are not scored.
 */
export function scoreLines(matcher: Matcher, set: SenseSet, lines: readonly SenseLine[], family: string, tally: Tally, nested?: Map<string, number>): void {
  for (const line of lines) {
    const remaining = line.expect.filter((e) => set.familyOf(e.explainer) === family);
    const matches = matcher.match(line.text, { lang: set.lang });
    for (const m of matches) {
      if (set.familyOf(m.explainerId) !== family) continue;
      const at = remaining.findIndex((e) => covers(m.start, m.end, line, e.text));
      if (at >= 0) {
        remaining.splice(at, 1);
        tally.hit(family);
      } else {
        tally.falsePositive(family, m.text, line);
      }
    }
    for (const e of remaining) {
      tally.falseNegative(family, e.text, line);
      // Marked all the same, as part of another explainer's longer spelling ("ICE" in "ICE detention").
      if (nested && matches.some((m) => set.familyOf(m.explainerId) !== family && covers(m.start, m.end, line, e.text))) {
        nested.set(family, (nested.get(family) ?? 0) + 1);
      }
    }
  }
}

/** "family: N" for each family with misses inside other explainers' longer matches. */
export function nestedNote(nested: ReadonlyMap<string, number>): string {
  const parts = [...nested.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([family, n]) => `${family} ${n}`);
  return `False negatives inside another explainer's longer match: ${parts.length > 0 ? parts.join(', ') : 'none'}`;
}

/**
 * The ambiguous spelling each English family is judged on. Issue #13 sets its targets per ambiguous
 * term ("the agency sense of ICE / Ice / I.C.E."), so this reading scores every occurrence of that
 * spelling in a line, and only those: a synonym the family also marks ("immigration hold" in a
 * detainer line) is neither a hit nor a false positive, because the labellers marked the ambiguous
 * word, not every name of the topic.
 */
export const EN_AMBIGUOUS: Readonly<Record<string, RegExp>> = {
  ice: /I\.?C\.?E\b\.?/giu,
  'immigration-detainer': /\bdetainers?\b/giu,
  'sanctuary-jurisdictions': /\bsanctuar(?:y|ies)\b/giu,
  dhs: /\bDHS\b/giu,
  tps: /\bTPS\b/giu,
  cbp: /\bCBP\b/giu,
  '287g-agreement': /\bMO[AU]s?\b/giu,
  'humanitarian-parole': /\bparole[ds]?\b/giu,
  asylum: /\basylums?\b/giu,
  removal: /\bremovals?\b/giu,
};

/** [start, end) of every occurrence of the family's ambiguous spelling, the word-bounded ones. */
function occurrences(text: string, spelling: RegExp): [number, number][] {
  const found: [number, number][] = [];
  for (const m of text.matchAll(new RegExp(spelling.source, spelling.flags))) {
    const start = m.index;
    const end = start + m[0].length;
    // "AbolishICE": a capitalised spelling may follow a lower-case letter (hashtags, camel case).
    const before = text[start - 1] ?? ' ';
    const glued = /[\p{L}\p{N}]/u.test(before) && !(/\p{Ll}/u.test(before) && m[0] === m[0].toUpperCase());
    if (!glued) found.push([start, end]);
  }
  return found;
}

/** Whether `text` occurs in the line over [start, end). */
function within(line: EvalLine, text: string, start: number, end: number): boolean {
  for (let at = line.text.indexOf(text); at >= 0; at = line.text.indexOf(text, at + 1)) {
    if (at <= start && end <= at + text.length) return true;
  }
  return false;
}

/**
 * Scores each occurrence of the family's ambiguous spelling, each line its own page. An occurrence
 * is a mention when it lies inside an expected span of the family; it is marked when a match of the
 * family covers it, or when a longer match of any explainer does ("ICE" in "ICE detention", which the
 * detention explainer claims: the reader gets a mark on it and the agency sense was taken). Marked
 * occurrences that are not mentions are false positives; mentions left unmarked, false negatives.
 */
export function scoreMentions(matcher: Matcher, set: SenseSet, lines: readonly SenseLine[], family: string, spelling: RegExp, tally: Tally): void {
  for (const line of lines) {
    const expected = line.expect.filter((e) => set.familyOf(e.explainer) === family);
    const matches = matcher.match(line.text, { lang: set.lang });
    for (const [start, end] of occurrences(line.text, spelling)) {
      const mention = expected.some((e) => within(line, e.text, start, end));
      const marked = matches.some(
        (m) => m.start <= start && end <= m.end && (set.familyOf(m.explainerId) === family || m.end - m.start > end - start),
      );
      const text = line.text.slice(start, end);
      if (mention && marked) tally.hit(family);
      else if (mention) tally.falseNegative(family, text, line);
      else if (marked) tally.falsePositive(family, text, line);
    }
  }
}
