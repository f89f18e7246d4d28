import matter from 'gray-matter';
import { factLines, type SourceFile } from '../pack/compiler';
import { describeFigures, findFigures } from '../pack/figures';
import { trackingParams } from '../../lib/pack-format/urls';
import type { Lang } from '../../lib/pack-format/types';

/**
 * The content audit behind `npm run audit`: is every explainer truthful about when its figures were
 * true, are its links clean, and are its primary sources official? Pure: it takes file texts and a
 * "today", so tests pin both. Front matter is read loosely (no schema), so an explainer the compiler
 * would refuse is still audited.
 */

type AuditRule =
  | 'figure-without-asof'
  | 'tracking-param'
  | 'passed-deadline'
  | 'stale-figure'
  | 'unofficial-primary'
  | 'quantity-conflict';

export interface AuditFinding {
  level: 'error' | 'warning';
  rule: AuditRule;
  file: string;
  /** 1-based line in the file, when known. */
  line?: number;
  field: string;
  message: string;
}

interface AuditSummary {
  explainers: number;
  facts: number;
  /** Facts that state a figure or a changeable status (tools/pack/figures.ts). */
  figureFacts: number;
  figureFactsWithAsOf: number;
  /** Share of figure facts with asOf, 0–100 (100 when there are none). */
  percentFiguresWithAsOf: number;
  explainersWithOfficialPrimary: number;
  percentOfficialPrimary: number;
  trackingParams: number;
  errors: number;
  warnings: number;
}

export interface AuditReport {
  findings: AuditFinding[];
  summary: AuditSummary;
}

export interface AuditOptions {
  /** YYYY-MM-DD. */
  today: string;
  /** Figures older than this many days are warned about (default 180). */
  staleDays?: number;
}

export const DEFAULT_STALE_DAYS = 180;

/** gray-matter would `eval` a `---js` block; front matter here is data, so only YAML is parsed. */
const refuseEngine = {
  parse(): never {
    throw new Error('only YAML front matter is allowed');
  },
};
const MATTER_OPTIONS = { engines: { js: refuseEngine, javascript: refuseEngine, coffee: refuseEngine, json: refuseEngine } };

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const asRecord = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
/** YAML turns unquoted dates into Date objects. */
const dateText = (value: unknown): string | undefined =>
  value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === 'string' ? value : undefined;

// ---------------------------------------------------------------------------------------------
// Official domains

const ARCHIVE_HOSTS = new Set(['web.archive.org', 'webarchive.library.unt.edu', 'wayback.archive-it.org']);

/**
 * Government hosts: .gov and .mil (which cover agencies, congress.gov, govinfo.gov,
 * federalregister.gov, GAO, federal courts and most state legislatures and courts), and the states'
 * own `.us` namespace (state.nj.us, co.example.ca.us). webharvest.gov is .gov itself.
 */
function isGovernmentHost(host: string): boolean {
  return /(?:^|\.)(?:gov|mil)$/.test(host) || /(?:^|\.)[a-z]{2}\.us$/.test(host);
}

/** The page an archive URL is a copy of, e.g. web.archive.org/web/2025…/https://www.ice.gov/287g. */
function archivedUrl(url: URL): string | undefined {
  const inner = /\/(?:https?:\/\/|https?:\/)?((?:[a-z0-9-]+\.)+[a-z]{2,}(?:[/:?#].*)?)$/i.exec(url.pathname.replace(/^\/web\/[^/]+/, '').replace(/^\/[^/]+\/\d{8,14}[a-z_]*/, '') + url.search);
  if (!inner?.[1]) return undefined;
  return `https://${inner[1]}`;
}

/** Whether a primary source sits on an official government domain, or is an archived copy of one. */
export function isOfficialUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  const host = url.hostname.toLowerCase();
  if (isGovernmentHost(host)) return true;
  if (!ARCHIVE_HOSTS.has(host)) return false;
  const inner = archivedUrl(url);
  if (!inner) return false;
  try {
    return isGovernmentHost(new URL(inner).hostname.toLowerCase());
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Passed deadlines still written as future

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_WORD = String.raw`(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`;
const DATE_IN_TEXT = new RegExp(
  String.raw`\b(?:(${MONTH_WORD})\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})|(${MONTH_WORD})\s+((?:19|20)\d{2})|((?:19|20)\d{2})-(\d{2})-(\d{2}))\b`,
  'gi',
);
const FUTURE_WORDS = /\b(until|deadline|will|by|due)\b/gi;
/** A clause already in the past tense ("required … by July 1") does not promise anything. */
const PAST_MARKERS =
  /\b(?:was|were|had|did|gave|set|told|took|went|became|made|began|ran|held|kept|sent|rose|grew|fell|found|said|saw|won|lost|paid|brought|built|chose|drew|got|left|led|met|sold|stood|struck|wrote|spent|\w{2,}ed)\b/i;
const NOT_PAST = /\b(?:need|needed|indeed|speed|feed|proceed|exceed|succeed|seed|bleed|bed|red|shed|based|expected|scheduled|planned|proposed)\b/gi;

function monthIndex(word: string): number {
  return MONTHS.indexOf(word.slice(0, 3).toLowerCase());
}

const pad = (value: number) => String(value).padStart(2, '0');

/** Last day a date in running text can mean: "July 2026" → 2026-07-31. */
function lastDayOf(match: RegExpMatchArray): string | undefined {
  if (match[1] && match[2] && match[3]) {
    const month = monthIndex(match[1]);
    return month < 0 ? undefined : `${match[3]}-${pad(month + 1)}-${pad(Number(match[2]))}`;
  }
  if (match[4] && match[5]) {
    const month = monthIndex(match[4]);
    if (month < 0) return undefined;
    const last = new Date(Date.UTC(Number(match[5]), month + 1, 0)).getUTCDate();
    return `${match[5]}-${pad(month + 1)}-${pad(last)}`;
  }
  if (match[6] && match[7] && match[8]) return `${match[6]}-${match[7]}-${match[8]}`;
  return undefined;
}

export interface PassedDeadline {
  /** The words from the future word to the date, e.g. "end by July 1, 2026". */
  words: string;
  date: string;
}

/**
 * Dates before `today` written as still to come: the date follows "until", "deadline", "will",
 * "by" or "due" within the same clause and a few words, or is followed by "deadline", and the clause
 * is not already told in the past tense.
 */
export function findPassedDeadlines(text: string, today: string): PassedDeadline[] {
  const found: PassedDeadline[] = [];
  for (const match of text.matchAll(DATE_IN_TEXT)) {
    const date = lastDayOf(match);
    if (!date || date >= today) continue;
    // A colon introduces what the clause before it says ("was small: about 150 by 2020"), so it does not end it.
    const clauseStart = Math.max(...['.', ';', '!', '?', '\n'].map((mark) => text.lastIndexOf(mark, match.index - 1))) + 1;
    const before = text.slice(clauseStart, match.index);
    const end = match.index + match[0].length;
    const clauseEnd = /[.;!?\n]/.exec(text.slice(end));
    const rest = text.slice(end, clauseEnd ? end + clauseEnd.index : text.length);
    const after = rest.slice(0, 12);
    const words = [...before.matchAll(FUTURE_WORDS)];
    const last = words.at(-1);
    const near = last !== undefined && before.slice(last.index).split(/\s+/).filter(Boolean).length <= 7;
    const deadlineAfter = /^\s*deadline\b/i.test(after);
    if (!near && !deadlineAfter) continue;
    const isWill = last?.[1]?.toLowerCase() === 'will';
    if (!isWill && PAST_MARKERS.test(`${before} ${rest}`.replace(NOT_PAST, ' '))) continue;
    const from = near && last ? clauseStart + last.index : match.index;
    found.push({ words: text.slice(from, match.index + match[0].length + (deadlineAfter ? after.indexOf('deadline') + 8 : 0)).trim(), date });
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Figures

const SCALES: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };
const SCALES_ES: Record<string, number> = { mil: 1e3, millón: 1e6, millon: 1e6, millones: 1e6, 'mil millones': 1e9 };

/**
 * Every number a fact states as a figure, as values: "1,202 active" → 1202, "$45 billion" → 45e9. Spanish
 * writes "1.202" and "3,5 millones", so a Spanish fact and its English original compare equal.
 */
function figureValues(text: string, lang: Lang): number[] {
  return findFigures(text, lang).flatMap((word) => {
    if (lang === 'es') {
      const match = /(\d[\d.]*(?:,\d+)?)\s*(mil\s+millones|millones|millón|millon|mil)?/i.exec(word.text);
      if (!match?.[1]) return [];
      const value = Number(match[1].replaceAll('.', '').replace(',', '.'));
      return [value * (SCALES_ES[(match[2] ?? '').toLowerCase().replace(/\s+/g, ' ')] ?? 1)];
    }
    const match = /(\d[\d,]*(?:\.\d+)?)\s*(million|billion|trillion|thousand)?/i.exec(word.text);
    if (!match?.[1]) return [];
    return [Number(match[1].replaceAll(',', '')) * (SCALES[(match[2] ?? '').toLowerCase()] ?? 1)];
  });
}

function daysBetween(from: string, to: string): number {
  return Math.floor((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

interface QuantityUse {
  file: string;
  line?: number;
  field: string;
  asOf: string;
  values: number[];
}

/** Body and summary lines with their 1-based line numbers, for the deadline rule. */
function proseLines(text: string, bodyStart: number): { line: number; text: string; field: string }[] {
  return text
    .split('\n')
    .map((line, index) => ({ line: index + 1, text: line, field: 'body' }))
    .filter((entry) => entry.line > bodyStart && entry.text.trim() !== '' && !entry.text.startsWith('#'));
}

export function auditSources(files: readonly SourceFile[], options: AuditOptions): AuditReport {
  const staleDays = options.staleDays ?? DEFAULT_STALE_DAYS;
  const findings: AuditFinding[] = [];
  const quantities = new Map<string, QuantityUse[]>();
  let facts = 0;
  let figureFacts = 0;
  let figureFactsWithAsOf = 0;
  let withOfficial = 0;
  let tracking = 0;

  for (const file of files) {
    const text = file.text.replace(/^\uFEFF/, '');
    const lines = text.split('\n');
    const lineOf = (needle: string, from = 0) => {
      const index = lines.findIndex((line, i) => i >= from && line.includes(needle));
      return index < 0 ? undefined : index + 1;
    };
    let data: Record<string, unknown>;
    let content: string;
    try {
      const parsed = matter(text, MATTER_OPTIONS);
      data = asRecord(parsed.data);
      content = parsed.content;
    } catch (error) {
      findings.push({ level: 'error', rule: 'figure-without-asof', file: file.path, field: 'front matter', message: `cannot read front matter: ${(error as Error).message}` });
      continue;
    }
    const add = (finding: Omit<AuditFinding, 'file'>) => findings.push({ file: file.path, ...finding });
    const lang: Lang = file.lang ?? (data.lang === 'es' ? 'es' : 'en');

    // Facts: figures need asOf; old figures are warned about; quantities are collected.
    const factLine = factLines(text);
    asArray(data.facts).forEach((raw, i) => {
      const fact = asRecord(raw);
      const factText = typeof fact.text === 'string' ? fact.text : '';
      const asOf = dateText(fact.asOf);
      const line = factLine[i];
      facts += 1;
      const figures = findFigures(factText, lang);
      if (figures.length > 0) {
        figureFacts += 1;
        if (asOf) figureFactsWithAsOf += 1;
        else {
          add({ level: 'error', rule: 'figure-without-asof', line, field: `facts[${i}]`, message: `states ${describeFigures(figures)} without asOf` });
        }
      }
      if (asOf && daysBetween(asOf, options.today) > staleDays) {
        add({ level: 'warning', rule: 'stale-figure', line, field: `facts[${i}].asOf`, message: `figure as of ${asOf} is ${daysBetween(asOf, options.today)} days old (over ${staleDays})` });
      }
      const values = figureValues(factText, lang);
      if (typeof fact.quantity === 'string' && asOf && values.length > 0) {
        const key = `${fact.quantity}@${asOf}`;
        const uses = quantities.get(key) ?? [];
        uses.push({ file: file.path, line, field: `facts[${i}]`, asOf, values });
        quantities.set(key, uses);
      }
    });

    // Passed deadlines in everything a reader sees as current: summary, facts, timeline, body.
    const prose: { field: string; text: string; line?: number }[] = [];
    if (typeof data.summary === 'string') prose.push({ field: 'summary', text: data.summary, line: lineOf('summary:') });
    asArray(data.facts).forEach((raw, i) => {
      const factText = asRecord(raw).text;
      if (typeof factText === 'string') prose.push({ field: `facts[${i}]`, text: factText, line: factLine[i] });
    });
    asArray(data.timeline).forEach((raw, i) => {
      const entryText = asRecord(raw).text;
      if (typeof entryText === 'string') prose.push({ field: `timeline[${i}]`, text: entryText, line: lineOf(entryText.slice(0, 40)) });
    });
    const bodyStart = text.length - content.length >= 0 ? text.slice(0, text.length - content.length).split('\n').length - 1 : 0;
    prose.push(...proseLines(text, bodyStart));
    for (const entry of prose) {
      for (const deadline of findPassedDeadlines(entry.text, options.today)) {
        add({ level: 'error', rule: 'passed-deadline', line: entry.line, field: entry.field, message: `"${deadline.words}" reads as still to come, but ${deadline.date} has passed; say what happened` });
      }
    }

    // URLs: tracking parameters anywhere (front matter or body).
    const urls = [...text.matchAll(/https?:\/\/[^\s"'<>)\]]+/g)].map((match) => ({ url: match[0], index: match.index }));
    for (const { url, index } of urls) {
      const params = trackingParams(url);
      if (params.length === 0) continue;
      tracking += 1;
      add({ level: 'error', rule: 'tracking-param', line: text.slice(0, index).split('\n').length, field: 'url', message: `${url} carries tracking parameters (${params.join(', ')})` });
    }

    // Primary sources on official domains.
    const primary = asArray(data.primarySources).map((raw) => asRecord(raw).url).filter((url): url is string => typeof url === 'string');
    if (primary.some(isOfficialUrl)) withOfficial += 1;
    primary.forEach((url, i) => {
      if (!isOfficialUrl(url)) add({ level: 'warning', rule: 'unofficial-primary', line: lineOf(url, (lineOf('primarySources:') ?? 1) - 1), field: `primarySources[${i}]`, message: `${url} is not on an official (government) domain` });
    });
  }

  // The same quantity on the same day must share a number: a fact may give several (before and after,
  // a part and the whole), so only two facts with no number in common disagree.
  for (const [key, uses] of quantities) {
    const disagree = uses.some((a) => uses.some((b) => a !== b && !a.values.some((value) => b.values.includes(value))));
    if (!disagree) continue;
    const [quantity] = key.split('@');
    const listed = uses.map((use) => `${use.file}:${use.line ?? '?'} says ${use.values.map((value) => value.toLocaleString('en-US')).join(' / ')}`).join('; ');
    for (const use of uses) {
      findings.push({ level: 'warning', rule: 'quantity-conflict', file: use.file, line: use.line, field: use.field, message: `${quantity} as of ${use.asOf} differs across explainers: ${listed}` });
    }
  }

  const errors = findings.filter((finding) => finding.level === 'error').length;
  const percent = (part: number, whole: number) => (whole === 0 ? 100 : Math.round((part / whole) * 1000) / 10);
  return {
    findings,
    summary: {
      explainers: files.length,
      facts,
      figureFacts,
      figureFactsWithAsOf,
      percentFiguresWithAsOf: percent(figureFactsWithAsOf, figureFacts),
      explainersWithOfficialPrimary: withOfficial,
      percentOfficialPrimary: percent(withOfficial, files.length),
      trackingParams: tracking,
      errors,
      warnings: findings.length - errors,
    },
  };
}
