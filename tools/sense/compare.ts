/**
 * Prints per-family precision and recall on both parts of both sense sets, for the hand rules (sense
 * files ignored) and for the trained models: `npx tsx tools/sense/compare.ts`. It shows test-part
 * numbers, so run it only to report, never while tuning.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { termsOf } from '../../lib/catalog/match-terms';
import { createMatcher } from '../../lib/match/index';
import type { MatchTerm } from '../../lib/match/types';
import { table, Tally } from '../../tests/eval/eval-score';
import { englishSet, scoreLines, spanishSet, testPart, tuningPart } from '../../tests/eval/sense-sets';
import { compileSources, readExplainerFolder } from '../pack/compiler';

const EXPLAINERS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'content', 'explainers');
const meta = { id: 'compare', name: 'compare', publisher: 'compare' };
const sources = readExplainerFolder(EXPLAINERS);
const trained = compileSources(sources, meta).explainers.flatMap(termsOf);
const hand = compileSources(
  sources.map(({ sense: _sense, ...source }) => source),
  meta,
).explainers.flatMap(termsOf);

for (const set of [englishSet(), spanishSet()]) {
  for (const [name, terms] of [['hand rules', hand], ['sense models', trained]] as [string, MatchTerm[]][]) {
    const matcher = createMatcher(terms);
    for (const [part, pick] of [['tuning', tuningPart], ['test', testPart]] as const) {
      const tally = new Tally();
      for (const file of set.files) {
        tally.score(file.family);
        scoreLines(matcher, set, pick(file.lines), file.family, tally);
      }
      console.log(table(`${set.lang} ${part} part, ${name}`, tally.byTerm));
    }
  }
}
