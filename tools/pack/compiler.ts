import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import yaml from 'js-yaml';
import * as v from 'valibot';
import { isAfterDay, todayIso } from '../../lib/pack-format/dates';
import { PackCompileError, type PackError } from './errors';
import { describeFigures, findFigures } from './figures';
import { ID_PATTERN, frontMatterSchema, issueMessage, issuePath, type FrontMatter } from './frontmatter-schema';
import { packHashInput } from '../../lib/pack-format/hash';
import { parseSections } from './markdown';
import { findTermCollisions, termKey, type OwnedTerm } from './terms';
import { buildSearchIndex, searchDocOf } from '../../lib/pack-format/search-doc';
import { senseWeights } from '../../lib/pack-format/pack-schema';
import { PACK_FORMAT, type Explainer, type ExplainerTranslation, type Lang, type Pack, type TermSpec } from '../../lib/pack-format/types';
import { frontMatterUrls, parseHttpAllowlist, sectionUrls, trackingParams, urlProblem, type HttpAllowlist } from '../../lib/pack-format/urls';

export interface PackMeta {
  id: string;
  name: string;
  publisher: string;
  /** Defaults to the newest `updated` date as "YYYY.MM.DD", so content changes move the version. */
  version?: string;
  /** Days after its `asOf` that a figure is shown as an older figure; readers default to 180. */
  staleAfterDays?: number;
}

export interface CompileOptions {
  /** YYYY-MM-DD treated as today for "not in the future" checks (tests pin it). */
  today?: string;
  httpAllowlist?: HttpAllowlist;
  /**
   * Also write Fuse's prebuilt index (`searchIndex`). The extension no longer reads it (its search
   * prefilter is built at load), so it only costs bytes; kept for readers on older versions.
   */
  searchIndex?: boolean;
}

export interface SourceFile {
  /** Shown in errors; its base name (without .md) must equal the explainer's id. */
  path: string;
  text: string;
  /**
   * The language its folder holds: English at the top, Spanish in `es/`. Default: "es" when the file
   * sits in an `es` folder, else "en". Front matter `lang` must agree (and is required outside English).
   */
  lang?: Lang;
  /**
   * The text of `<id>.sense.json` beside it, when there is one: learned sense weights by term text
   * (tools/sense/train.ts writes them). Each one decides its term in place of the term's context rule.
   */
  sense?: string;
}

/** Sub-folders holding translations, by language: `content/explainers/es/<id>.md`. */
const TRANSLATION_FOLDERS: readonly Lang[] = ['es'];

/** The language a source file is written in, from its folder. */
function folderLang(file: SourceFile): Lang {
  if (file.lang !== undefined) return file.lang;
  const folder = path.basename(path.dirname(file.path));
  return TRANSLATION_FOLDERS.find((lang) => lang === folder) ?? 'en';
}

const PACK_FILE = '(pack)';

/** gray-matter would `eval` a `---js` block; front matter here is data, so only YAML is parsed. */
const refuseEngine = {
  parse(): never {
    throw new Error('only YAML front matter is allowed');
  },
};
/**
 * YAML's core schema: an unquoted date stays the text the author wrote, so "2025-02-30" is refused as
 * no real date instead of rolling over to 2025-03-02 (the default schema's timestamps do).
 */
const parseYaml = (text: string): object => (yaml.load(text, { schema: yaml.CORE_SCHEMA }) as object | null | undefined) ?? {};
const MATTER_OPTIONS = { engines: { yaml: parseYaml, js: refuseEngine, javascript: refuseEngine, coffee: refuseEngine, json: refuseEngine } };

interface ParsedFile {
  file: string;
  lang: Lang;
  explainer: Explainer;
}

/** Related ids of a file whose front matter failed the schema, still checked so its author sees every problem. */
interface UnparsedFile {
  file: string;
  related: unknown;
}

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const asRecord = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};

/**
 * URLs straight from the raw front matter, so the URL rule is reported even when the schema
 * fails elsewhere in the file. Non-string values are left to the schema's own errors.
 */
function checkRawUrls(file: string, raw: unknown, allowlist: HttpAllowlist, errors: PackError[]): void {
  const data = asRecord(raw);
  const shape = {
    facts: asArray(data.facts).map((fact) => ({ sources: asArray(asRecord(fact).sources) })),
    timeline: asArray(data.timeline).map((entry) => ({ sources: asArray(asRecord(entry).sources) })),
    primarySources: asArray(data.primarySources).map((source) => ({ url: asRecord(source).url })),
    furtherReading: asArray(data.furtherReading).map((source) => ({ url: asRecord(source).url })),
    series: asArray(data.series).map((series) => ({
      points: asArray(asRecord(series).points).map((point) => ({ source: asRecord(point).source })),
    })),
  };
  for (const { field, url } of frontMatterUrls(shape as unknown as Parameters<typeof frontMatterUrls>[0])) {
    if (typeof url !== 'string') continue;
    const problem = urlProblem(url, allowlist) ?? trackingProblem(url);
    if (problem) errors.push({ file, field, message: problem });
  }
}

/** Tracking parameters say who shared a link, not what it points at; the reader's click should not carry them. */
function trackingProblem(url: string): string | null {
  const params = trackingParams(url);
  return params.length === 0 ? null : `URL carries tracking parameters (${params.join(', ')}); link without them: ${url}`;
}

/**
 * 1-based line of each `facts` item in the file, so a fact rule can point where the author types.
 * Front matter is YAML; a fact starts at a `- ` line indented like the first item under `facts:`.
 */
export function factLines(text: string): number[] {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => /^facts:\s*$/.test(line));
  if (start < 0) return [];
  const found: number[] = [];
  let indent: string | undefined;
  for (let i = start + 1; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (/^---\s*$/.test(line) || /^\S/.test(line)) break;
    const item = /^(\s*)-\s/.exec(line);
    if (!item) continue;
    indent ??= item[1];
    if (item[1] === indent) found.push(i + 1);
  }
  return found;
}

/** Figures and changeable statuses need the day they were true; `updated` (last review) cannot predate it. */
function checkFreshness(file: string, text: string, data: FrontMatter, lang: Lang, errors: PackError[]): void {
  const lines = factLines(text);
  data.facts.forEach((fact, i) => {
    const where = lines[i] === undefined ? '' : `line ${lines[i]}: `;
    if (fact.asOf === undefined) {
      const figures = findFigures(fact.text, lang);
      if (figures.length > 0) {
        errors.push({
          file,
          field: `facts[${i}].asOf`,
          message: `${where}the fact states a figure or a status that can change (${describeFigures(figures)}) but has no asOf; add asOf: "YYYY-MM-DD", the day it was true, as its source gives it`,
        });
      }
    } else if (fact.asOf > data.updated) {
      errors.push({
        file,
        field: 'updated',
        message: `${data.updated} is older than facts[${i}].asOf ${fact.asOf} (${where.replace(/: $/, '') || 'no line'}); updated is the last review, so it cannot predate a figure`,
      });
    }
  });
}

function baseId(file: string): string {
  return path.basename(file).replace(/\.md$/i, '');
}

function checkTerms(file: string, terms: readonly TermSpec[], errors: PackError[]): void {
  terms.forEach((term, i) => {
    const field = `terms[${i}]`;
    const contextCount = term.context?.length ?? 0;
    if (term.minContext !== undefined && contextCount === 0) {
      errors.push({ file, field: `${field}.minContext`, message: 'minContext has no effect without a context list' });
    } else if (term.minContext !== undefined && term.minContext > contextCount) {
      errors.push({
        file,
        field: `${field}.minContext`,
        message: `minContext ${term.minContext} needs more context words than the ${contextCount} listed`,
      });
    }
    if (term.against !== undefined && contextCount === 0) {
      errors.push({ file, field: `${field}.against`, message: 'against (counter-evidence) needs a context list: only an ambiguous term is weighed' });
    }
    if (term.contextWindow !== undefined && contextCount === 0) {
      errors.push({ file, field: `${field}.contextWindow`, message: 'contextWindow has no effect without a context list' });
    }
    const key = termKey(term.text, false);
    term.not?.forEach((phrase, j) => {
      if (!termKey(phrase, false).includes(key)) {
        errors.push({
          file,
          field: `${field}.not[${j}]`,
          message: `veto phrase "${phrase}" does not contain the term "${term.text}", so it can never veto a match`,
        });
      }
    });
  });
}

function checkDates(file: string, data: FrontMatter, today: string, errors: PackError[]): void {
  const future = (field: string, date: string) =>
    errors.push({ file, field, message: `${date} is in the future (today is ${today})` });
  if (isAfterDay(data.updated, today)) future('updated', data.updated);
  data.facts.forEach((fact, i) => {
    if (fact.asOf !== undefined && isAfterDay(fact.asOf, today)) future(`facts[${i}].asOf`, fact.asOf);
  });
  data.timeline.forEach((entry, i) => {
    if (isAfterDay(entry.date, today)) future(`timeline[${i}].date`, entry.date);
    const previous = data.timeline[i - 1];
    if (previous && entry.date < previous.date) {
      errors.push({
        file,
        field: `timeline[${i}].date`,
        message: `${entry.date} comes before ${previous.date} above it; list the timeline oldest first`,
      });
    }
  });
  data.series?.forEach((series, i) =>
    series.points.forEach((point, j) => {
      if (isAfterDay(point.date, today)) future(`series[${i}].points[${j}].date`, point.date);
    }),
  );
}

function checkRelatedShape(file: string, data: FrontMatter, errors: PackError[]): void {
  const seen = new Set<string>();
  data.related.forEach((id, i) => {
    if (id === data.id) errors.push({ file, field: `related[${i}]`, message: 'an explainer cannot be related to itself' });
    else if (seen.has(id)) errors.push({ file, field: `related[${i}]`, message: `"${id}" is listed twice` });
    seen.add(id);
  });
}

/** Copies only the fields types.ts defines, in a fixed order, dropping absent optionals. */
function toTermSpec(term: FrontMatter['terms'][number]): TermSpec {
  const spec: TermSpec = { text: term.text, caseSensitive: term.caseSensitive };
  if (term.context !== undefined) spec.context = term.context;
  if (term.minContext !== undefined) spec.minContext = term.minContext;
  if (term.contextWindow !== undefined) spec.contextWindow = term.contextWindow;
  if (term.not !== undefined) spec.not = term.not;
  if (term.against !== undefined) spec.against = term.against;
  return spec;
}

const senseFileSchema = v.strictObject({
  terms: v.pipe(v.array(v.string()), v.minLength(1, 'list the terms the model decides')),
  bias: v.pipe(v.number(), v.finite()),
  window: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1000)),
  weights: senseWeights,
});

/** Attaches the sense file's learned model to each term it lists; a listed term the explainer lacks is an error. */
function withSense(file: string, terms: TermSpec[], senseText: string | undefined, errors: PackError[]): TermSpec[] {
  if (senseText === undefined) return terms;
  const senseFile = file.replace(/\.md$/, '.sense.json');
  let json: unknown;
  try {
    json = JSON.parse(senseText);
  } catch (error) {
    errors.push({ file: senseFile, field: '(file)', message: `not valid JSON: ${(error as Error).message}` });
    return terms;
  }
  const result = v.safeParse(senseFileSchema, json);
  if (!result.success) {
    for (const issue of result.issues) errors.push({ file: senseFile, field: issuePath(issue) || '(file)', message: issueMessage(issue) });
    return terms;
  }
  const { terms: named, ...model } = result.output;
  named.forEach((text, i) => {
    if (!terms.some((term) => term.text === text)) errors.push({ file: senseFile, field: `terms[${i}]`, message: `no term "${text}" in ${path.basename(file)}` });
  });
  return terms.map((term) => (named.includes(term.text) ? { ...term, sense: model } : term));
}

function parseFile(
  source: SourceFile,
  options: Required<CompileOptions>,
  errors: PackError[],
  unparsed: UnparsedFile[],
): ParsedFile | null {
  const file = source.path;
  const text = source.text.replace(/^\uFEFF/, '');
  if (!/^---\r?\n/.test(text)) {
    errors.push({ file, field: 'front matter', message: 'the file must start with a "---" line opening YAML front matter' });
    return null;
  }
  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = matter(text, MATTER_OPTIONS);
  } catch (error) {
    const yamlError = error as { reason?: string; mark?: { line: number; column: number }; message?: string };
    const where = yamlError.mark ? `line ${yamlError.mark.line + 2}: ` : '';
    errors.push({ file, field: 'front matter', message: `${where}YAML error: ${yamlError.reason ?? yamlError.message ?? String(error)}` });
    return null;
  }

  const raw: unknown = parsed.data;
  const lang = folderLang(source);
  const rawLang = asRecord(raw).lang;
  if (rawLang === undefined && lang !== 'en') {
    errors.push({ file, field: 'lang', message: `a file in ${lang}/ needs "lang: ${lang}" (right after id)` });
  } else if (rawLang !== undefined && rawLang !== lang) {
    const where = lang === 'en' ? 'the top folder holds English ("lang: en" or no lang)' : `a file in ${lang}/ needs "lang: ${lang}"`;
    errors.push({ file, field: 'lang', message: `lang is ${JSON.stringify(rawLang)}, but ${where}; translations live in ${TRANSLATION_FOLDERS.map((l) => `${l}/`).join(', ')}` });
  }
  const rawId = (raw as { id?: unknown } | null)?.id;
  const expectedId = baseId(file);
  if (typeof rawId === 'string' && rawId !== expectedId) {
    errors.push({ file, field: 'id', message: `id "${rawId}" must equal the file name "${expectedId}"` });
  }

  const body = parsed.content;
  const prefix = text.endsWith(body) ? text.slice(0, text.length - body.length) : '';
  const lineOffset = prefix.split('\n').length - 1;
  const { sections, errors: bodyErrors } = parseSections(body, { file, lineOffset, httpAllowlist: options.httpAllowlist, lang });
  errors.push(...bodyErrors);

  checkRawUrls(file, raw, options.httpAllowlist, errors);
  const result = v.safeParse(frontMatterSchema, raw);
  if (!result.success) {
    for (const issue of result.issues) errors.push({ file, field: issuePath(issue) || 'front matter', message: issueMessage(issue) });
    unparsed.push({ file, related: asRecord(raw).related });
    return null;
  }
  const data = result.output;
  checkTerms(file, data.terms, errors);
  checkDates(file, data, options.today, errors);
  checkFreshness(file, text, data, lang, errors);
  checkRelatedShape(file, data, errors);
  for (const { field, url } of sectionUrls(sections)) {
    const problem = trackingProblem(url);
    if (problem) errors.push({ file, field, message: problem });
  }

  const explainer: Explainer = {
    id: data.id,
    title: data.title,
    summary: data.summary,
    category: data.category,
    updated: data.updated,
    terms: withSense(file, data.terms.map(toTermSpec), source.sense, errors),
    related: data.related,
    facts: data.facts.map(withoutUndefined),
    timeline: data.timeline.map((entry) =>
      entry.sources === undefined ? { date: entry.date, text: entry.text } : { date: entry.date, text: entry.text, sources: entry.sources },
    ),
    primarySources: data.primarySources.map(withoutUndefined),
    furtherReading: data.furtherReading.map(withoutUndefined),
    sections,
  };
  if (data.series !== undefined) explainer.series = data.series.map(withoutUndefined);
  if (data.corrections !== undefined && data.corrections.length > 0) explainer.corrections = data.corrections;
  return { file, lang, explainer };
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}

function checkMeta(meta: PackMeta, errors: PackError[]): void {
  if (!ID_PATTERN.test(meta.id)) errors.push({ file: PACK_FILE, field: 'id', message: 'pack id must be lowercase a-z, 0-9 and hyphens' });
  if (meta.name.trim() === '') errors.push({ file: PACK_FILE, field: 'name', message: 'pack name must not be empty' });
  if (meta.publisher.trim() === '') errors.push({ file: PACK_FILE, field: 'publisher', message: 'publisher must not be empty' });
  if (meta.version !== undefined && meta.version.trim() === '') {
    errors.push({ file: PACK_FILE, field: 'version', message: 'version must not be empty' });
  }
  if (meta.staleAfterDays !== undefined && !(Number.isInteger(meta.staleAfterDays) && meta.staleAfterDays >= 1)) {
    errors.push({ file: PACK_FILE, field: 'staleAfterDays', message: 'staleAfterDays must be a whole number of days, at least 1' });
  }
}

/** Same arrays of ids, order aside. */
function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
}

/** Each translation has its English explainer (same id) and agrees on what is shared: category and related. */
function checkCounterparts(parsed: readonly ParsedFile[], englishIds: ReadonlySet<string>, errors: PackError[]): void {
  const englishById = new Map(parsed.filter((p) => p.lang === 'en').map((p) => [p.explainer.id, p]));
  for (const { file, lang, explainer } of parsed) {
    if (lang === 'en') continue;
    const english = englishById.get(explainer.id);
    if (!english) {
      // An English file that exists but failed to parse reports its own errors; do not pile on.
      if (!englishIds.has(explainer.id)) {
        errors.push({
          file,
          field: 'id',
          message: `no English explainer has id "${explainer.id}"; a ${lang} translation needs its English counterpart (${explainer.id}.md in the top folder) with the same id`,
        });
      }
      continue;
    }
    if (explainer.category !== english.explainer.category) {
      errors.push({
        file,
        field: 'category',
        message: `category "${explainer.category}" differs from the English explainer's "${english.explainer.category}" (${english.file}); the category is shared, keep the English value`,
      });
    }
    if (explainer.related.length > 0 && !sameIds(explainer.related, english.explainer.related)) {
      errors.push({
        file,
        field: 'related',
        message: `related [${explainer.related.join(', ')}] differs from the English explainer's [${english.explainer.related.join(', ')}] (${english.file}); related ids are shared, list the same ones or leave related out`,
      });
    }
  }
}

/**
 * Terms that can both apply in one text block must not claim the same spelling. An English block
 * uses English terms; a Spanish block uses Spanish terms, and the English terms of explainers that
 * have no Spanish translation.
 */
function blockTermSets(parsed: readonly ParsedFile[]): OwnedTerm[][] {
  const own = (p: ParsedFile): OwnedTerm[] => p.explainer.terms.map((term, index) => ({ file: p.file, explainerId: p.explainer.id, index, term }));
  const sets: OwnedTerm[][] = [parsed.filter((p) => p.lang === 'en').flatMap(own)];
  for (const lang of TRANSLATION_FOLDERS) {
    const translated = new Set(parsed.filter((p) => p.lang === lang).map((p) => p.explainer.id));
    sets.push(parsed.filter((p) => p.lang === lang || (p.lang === 'en' && !translated.has(p.explainer.id))).flatMap(own));
  }
  return sets;
}

function checkAcrossFiles(
  files: readonly SourceFile[],
  parsed: readonly ParsedFile[],
  unparsed: readonly UnparsedFile[],
  errors: PackError[],
): void {
  // Ids claimed by English files that failed to parse still count, so one broken file does not make
  // every explainer that links to it report a missing related id as well.
  const englishIds = new Set(files.filter((file) => folderLang(file) === 'en').map((file) => baseId(file.path)));
  const knownIds = new Set(englishIds);
  const firstFileById = new Map<string, string>();
  for (const { file, lang, explainer } of parsed) {
    if (lang === 'en') knownIds.add(explainer.id);
    const key = `${lang}:${explainer.id}`;
    const earlier = firstFileById.get(key);
    if (earlier !== undefined) errors.push({ file, field: 'id', message: `duplicate id "${explainer.id}" (also used by ${earlier})` });
    else firstFileById.set(key, file);
  }
  checkCounterparts(parsed, englishIds, errors);
  const relatedLists = [...parsed.map(({ file, explainer }) => ({ file, related: explainer.related })), ...unparsed];
  for (const { file, related } of relatedLists) {
    asArray(related).forEach((id, i) => {
      if (typeof id === 'string' && !knownIds.has(id)) errors.push({ file, field: `related[${i}]`, message: `no explainer has id "${id}"` });
    });
  }
  const reported = new Set<string>();
  for (const owned of blockTermSets(parsed)) {
    for (const { first, second } of findTermCollisions(owned)) {
      const clash = (self: OwnedTerm, other: OwnedTerm) => {
        const error = {
          file: self.file,
          field: `terms[${self.index}].text`,
          message: `"${self.term.text}" is also claimed by explainer "${other.explainerId}" (${other.file}, terms[${other.index}] "${other.term.text}"); give both different context rules or keep it in one`,
        };
        const key = `${error.file}\u0000${error.field}\u0000${error.message}`;
        if (!reported.has(key)) errors.push(error);
        reported.add(key);
      };
      // Reported in both files: either author may be the one who should give way.
      clash(second, first);
      clash(first, second);
    }
  }
}

/** The readable fields of a parsed translation file, as the pack carries them under `translations`. */
function toTranslation(lang: Lang, explainer: Explainer): ExplainerTranslation {
  const { id: _id, lang: _lang, category: _category, related: _related, translations: _translations, ...fields } = explainer;
  return { lang, ...fields };
}

/** English explainers, sorted by id, each carrying the translations that share its id. */
function withTranslations(parsed: readonly ParsedFile[]): Explainer[] {
  const explainers = parsed
    .filter((p) => p.lang === 'en')
    .map((p) => ({ ...p.explainer }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const byId = new Map(explainers.map((explainer) => [explainer.id, explainer]));
  for (const { lang, explainer } of parsed) {
    if (lang === 'en') continue;
    const english = byId.get(explainer.id);
    if (english) english.translations = { ...english.translations, [lang]: toTranslation(lang, explainer) };
  }
  return explainers;
}

/** Compiles explainer sources into a pack, or throws one PackCompileError listing every problem. */
export function compileSources(files: readonly SourceFile[], meta: PackMeta, options: CompileOptions = {}): Pack {
  const settings: Required<CompileOptions> = {
    today: options.today ?? todayIso(),
    httpAllowlist: options.httpAllowlist ?? [],
    searchIndex: options.searchIndex ?? false,
  };
  const errors: PackError[] = [];
  checkMeta(meta, errors);
  if (files.length === 0) errors.push({ file: PACK_FILE, field: 'explainers', message: 'no explainer files found' });

  const parsed: ParsedFile[] = [];
  const unparsed: UnparsedFile[] = [];
  for (const file of files) {
    const result = parseFile(file, settings, errors, unparsed);
    if (result) parsed.push(result);
  }
  checkAcrossFiles(files, parsed, unparsed, errors);
  if (errors.length > 0) throw new PackCompileError(errors);

  const explainers = withTranslations(parsed);
  const updated = explainers.reduce((latest, e) => (e.updated > latest ? e.updated : latest), '0000-00-00');
  const searchDocs = explainers.map(searchDocOf);
  const unsigned: Omit<Pack, 'sha256'> = {
    format: PACK_FORMAT,
    id: meta.id,
    name: meta.name,
    publisher: meta.publisher,
    version: meta.version ?? updated.replaceAll('-', '.'),
    updated,
    explainers,
    ...(meta.staleAfterDays === undefined ? {} : { staleAfterDays: meta.staleAfterDays }),
    searchDocs,
    ...(settings.searchIndex ? { searchIndex: buildSearchIndex(searchDocs) } : {}),
  };
  // Same canonical text as lib/pack-format/hash.ts hashes in the browser, but synchronous.
  const sha256 = createHash('sha256').update(packHashInput(unsigned)).digest('hex');
  return { ...unsigned, sha256 };
}

/** Explainer files in a folder: `*.md`, except README.md and drafts starting with "_" or ".". */
export function listExplainerFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md') && !/^[_.]/.test(entry.name) && entry.name.toLowerCase() !== 'readme.md')
    .map((entry) => path.join(dir, entry.name))
    .sort();
}

/** `content/explainers` → `content/http-allowlist.json`. */
function defaultAllowlistPath(dir: string): string {
  return path.join(path.dirname(path.resolve(dir)), 'http-allowlist.json');
}

function loadHttpAllowlist(file: string): HttpAllowlist {
  if (!existsSync(file)) return [];
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new PackCompileError([{ file, field: '(file)', message: `not valid JSON: ${(error as Error).message}` }]);
  }
  try {
    return parseHttpAllowlist(json, file);
  } catch (error) {
    throw new PackCompileError([{ file, field: '(entries)', message: (error as Error).message }]);
  }
}

export interface FolderOptions extends CompileOptions {
  /** Defaults to `http-allowlist.json` next to the folder. */
  httpAllowlistPath?: string;
}

/** An explainer file with its language and, when `<id>.sense.json` sits beside it, its sense weights. */
function readSource(file: string, lang: Lang): SourceFile {
  const senseFile = file.replace(/\.md$/, '.sense.json');
  const source: SourceFile = { path: file, text: readFileSync(file, 'utf8'), lang };
  if (existsSync(senseFile)) source.sense = readFileSync(senseFile, 'utf8');
  return source;
}

/** The folder's English explainers, then each translation folder's (`es/`), read with their language. */
export function readExplainerFolder(dir: string): SourceFile[] {
  const english = listExplainerFiles(dir).map((file) => readSource(file, 'en'));
  const translated = TRANSLATION_FOLDERS.flatMap((lang) => {
    const folder = path.join(dir, lang);
    if (!existsSync(folder)) return [];
    return listExplainerFiles(folder).map((file) => readSource(file, lang));
  });
  return [...english, ...translated];
}

export function compileFolder(dir: string, meta: PackMeta, options: FolderOptions = {}): Pack {
  if (!existsSync(dir)) throw new PackCompileError([{ file: dir, field: '(folder)', message: 'folder not found' }]);
  const httpAllowlist = options.httpAllowlist ?? loadHttpAllowlist(options.httpAllowlistPath ?? defaultAllowlistPath(dir));
  const files = readExplainerFolder(dir);
  return compileSources(files, meta, { ...options, httpAllowlist });
}
