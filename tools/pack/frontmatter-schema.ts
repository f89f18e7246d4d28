import * as v from 'valibot';
import { CATEGORIES } from '../../lib/pack-format/categories';
import { LANGS } from '../../lib/pack-format/types';
import { ISO_DAY, PARTIAL_DATE, dateInputToString, isRealDate } from '../../lib/pack-format/dates';
import { FACTS_MAX, FACTS_MIN, FACT_MAX, ID_PATTERN, SUMMARY_MAX } from '../../lib/pack-format/limits';

/**
 * The YAML front matter of `content/explainers/<id>.md`. Objects are strict so a misspelt key
 * ("primarysources") is reported instead of silently dropped. URLs are plain strings here; the
 * compiler applies the shared URL rule (lib/pack-format/urls.ts) so it can name the allow-list.
 */

export { ID_PATTERN } from '../../lib/pack-format/limits';

const text = (what: string) =>
  v.pipe(v.string(`${what} must be text`), v.trim(), v.nonEmpty(`${what} must not be empty`));

const limitedText = (what: string, max: number) =>
  v.pipe(
    text(what),
    v.maxLength(max, (issue) => `${what} is ${issue.received} characters; at most ${max} allowed`),
  );

const id = (what: string) =>
  v.pipe(
    v.string(`${what} must be text`),
    v.regex(ID_PATTERN, `${what} must be lowercase a-z, 0-9 and single hyphens (e.g. "287g-program")`),
  );

/** YAML hands us strings, Date objects (unquoted dates) or numbers (unquoted years). */
const dateInput = v.union([v.string(), v.date(), v.number()], 'expected a date like "2026-02-18"');

const isoDay = v.pipe(
  dateInput,
  v.transform(dateInputToString),
  v.regex(ISO_DAY, (issue) => `expected a YYYY-MM-DD date, got "${issue.input}"`),
  v.check(isRealDate, (issue) => `"${issue.input}" is not a real calendar date`),
);

const partialDate = v.pipe(
  dateInput,
  v.transform(dateInputToString),
  v.regex(PARTIAL_DATE, (issue) => `expected YYYY-MM-DD, YYYY-MM or YYYY, got "${issue.input}"`),
  v.check(isRealDate, (issue) => `"${issue.input}" is not a real calendar date`),
);

const url = v.pipe(v.string('expected a URL string'), v.nonEmpty('URL must not be empty'));

const termSchema = v.strictObject({
  text: v.pipe(
    text('term text'),
    v.regex(/[\p{L}\p{N}]/u, 'term text needs at least one letter or digit'),
  ),
  caseSensitive: v.optional(v.boolean('caseSensitive must be true or false'), false),
  context: v.optional(v.pipe(v.array(text('context word')), v.minLength(1, 'context, when given, needs at least one word'))),
  minContext: v.optional(v.pipe(v.number(), v.integer('minContext must be a whole number'), v.minValue(1, 'minContext must be at least 1'))),
  contextWindow: v.optional(
    v.pipe(v.number(), v.integer('contextWindow must be a whole number of words'), v.minValue(1), v.maxValue(1000)),
  ),
  not: v.optional(v.array(text('veto phrase'))),
  against: v.optional(v.pipe(v.array(text('counter-evidence word')), v.minLength(1, 'against, when given, needs at least one word'))),
});

const factSchema = v.strictObject({
  text: limitedText('fact', FACT_MAX),
  sources: v.pipe(
    v.array(url, 'sources must be a list of URLs'),
    v.minLength(1, 'each key fact needs at least one source URL'),
  ),
  asOf: v.optional(isoDay),
  // Names the measured quantity ("287g-agreements-active") so an audit can compare the same figure across explainers.
  quantity: v.optional(id('quantity')),
});

const correctionSchema = v.strictObject({
  date: isoDay,
  text: limitedText('correction', FACT_MAX),
});

const timelineSchema = v.strictObject({
  date: partialDate,
  text: text('timeline text'),
  sources: v.optional(v.array(url, 'sources must be a list of URLs')),
});

const sourceSchema = v.strictObject({
  title: text('source title'),
  url,
  publisher: v.optional(text('publisher')),
});

const seriesSchema = v.strictObject({
  title: text('series title'),
  unit: text('series unit'),
  note: v.optional(text('series note')),
  points: v.pipe(
    v.array(
      v.strictObject({
        date: partialDate,
        value: v.pipe(v.number('value must be a number'), v.finite('value must be a finite number')),
        label: v.optional(text('point label')),
        source: url,
      }),
    ),
    v.minLength(1, 'a series needs at least one point'),
  ),
});

export const frontMatterSchema = v.strictObject({
  id: id('id'),
  // English by default; "es" in content/explainers/es/ (the compiler checks it agrees with the folder).
  lang: v.optional(v.picklist(LANGS, `lang must be one of: ${LANGS.join(' | ')}`)),
  title: text('title'),
  summary: limitedText('summary', SUMMARY_MAX),
  category: v.picklist(CATEGORIES, `category must be one of: ${CATEGORIES.join(' | ')}`),
  updated: isoDay,
  related: v.optional(v.array(id('related id')), []),
  terms: v.pipe(v.array(termSchema, 'terms must be a list'), v.minLength(1, 'at least one term is needed, or the explainer never shows on a page')),
  facts: v.pipe(
    v.array(factSchema, 'facts must be a list'),
    v.minLength(FACTS_MIN, (issue) => `${issue.received} key facts; an explainer needs ${FACTS_MIN} to ${FACTS_MAX}`),
    v.maxLength(FACTS_MAX, (issue) => `${issue.received} key facts; an explainer needs ${FACTS_MIN} to ${FACTS_MAX}`),
  ),
  // Authoring rule: every explainer we publish has a timeline, primary sources and further reading.
  // Publisher packs checked at runtime (pack-schema.ts) may leave timeline and furtherReading empty.
  timeline: v.pipe(
    v.array(timelineSchema, 'timeline must be a list'),
    v.minLength(1, 'the timeline is empty; list at least one dated event, oldest first'),
  ),
  primarySources: v.pipe(
    v.array(sourceSchema, 'primarySources must be a list'),
    v.minLength(1, 'primarySources is empty; at least one primary source (an official page, statute, GAO/CRS report) is needed'),
  ),
  furtherReading: v.pipe(
    v.array(sourceSchema, 'furtherReading must be a list'),
    v.minLength(1, 'furtherReading is empty; list at least one independent source (reporting, analysis) to read next'),
  ),
  series: v.optional(v.array(seriesSchema, 'series must be a list')),
  corrections: v.optional(v.array(correctionSchema, 'corrections must be a list')),
});

export type FrontMatter = v.InferOutput<typeof frontMatterSchema>;

export { issueMessage, issuePath } from '../../lib/pack-format/issues';
