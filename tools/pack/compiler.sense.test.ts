import { describe, expect, it } from 'vitest';
import { META, TODAY, explainerData, source } from '../../tests/fixtures/pack/sources';
import { compileSources, type SourceFile } from './compiler';
import { PackCompileError, type PackError } from './errors';
import { validatePack } from '../../lib/pack-format/validate';

const ambiguous = { text: 'ICE', caseSensitive: true, context: ['immigration'], against: ['electricity'] };
const model = { bias: -1.5, window: 10, weights: { cue1: 3, 'r1:agents': 2 } };

function withSense(data: Record<string, unknown>, sense: unknown): SourceFile {
  return { ...source(data), sense: typeof sense === 'string' ? sense : JSON.stringify(sense) };
}

function errorsOf(files: SourceFile[]): PackError[] {
  try {
    compileSources(files, META, { today: TODAY });
  } catch (error) {
    if (error instanceof PackCompileError) return [...error.errors];
    throw error;
  }
  return [];
}

describe('sense data in the pack', () => {
  it('attaches the sense file model to each term it lists, and to no other', () => {
    const data = explainerData('ice', { terms: [ambiguous, { text: 'Ice', caseSensitive: true, context: ['immigration'] }, { text: 'Immigration and Customs Enforcement' }] });
    const pack = compileSources([withSense(data, { terms: ['ICE', 'Ice'], ...model })], META, { today: TODAY });
    const terms = pack.explainers[0]!.terms;
    expect(terms[0]).toEqual({ ...ambiguous, sense: model });
    expect(terms[1]!.sense).toEqual(model);
    expect(terms[2]!.sense).toBeUndefined();
    expect(validatePack(JSON.parse(JSON.stringify(pack)))).toBeTruthy();
  });

  it('leaves terms without a sense file as they are', () => {
    const pack = compileSources([source(explainerData('ice', { terms: [ambiguous] }))], META, { today: TODAY });
    expect(pack.explainers[0]!.terms[0]).toEqual(ambiguous);
  });

  it('rejects a sense file naming a term the explainer lacks, bad JSON, or a malformed model', () => {
    const data = explainerData('ice', { terms: [ambiguous] });
    const file = 'content/explainers/ice.sense.json';
    expect(errorsOf([withSense(data, { terms: ['ICE', 'Ice'], ...model })])).toEqual([
      { file, field: 'terms[1]', message: 'no term "Ice" in ice.md' },
    ]);
    expect(errorsOf([withSense(data, '{ nope')])[0]).toMatchObject({ file, field: '(file)' });
    expect(errorsOf([withSense(data, { terms: ['ICE'], ...model, bias: 'high' })])[0]).toMatchObject({ file });
    expect(errorsOf([withSense(data, { terms: [], ...model })])[0]).toMatchObject({ file });
    expect(errorsOf([withSense(data, { terms: ['ICE'], ...model, extra: 1 })])[0]).toMatchObject({ file });
    expect(errorsOf([withSense(data, { terms: ['ICE'], ...model, window: -1 })])[0]).toMatchObject({ file });
  });

  it('refuses a sense file with more weights than the extension accepts, naming the file and field', () => {
    const data = explainerData('ice', { terms: [ambiguous] });
    const weights = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`w:word${i}`, 0.5]));
    expect(errorsOf([withSense(data, { terms: ['ICE'], ...model, weights: weights(5000) })])).toEqual([]);
    expect(errorsOf([withSense(data, { terms: ['ICE'], ...model, weights: weights(5001) })])).toEqual([
      { file: 'content/explainers/ice.sense.json', field: 'weights', message: 'at most 5000 sense weights' },
    ]);
  });

  it('needs a context list beside counter-evidence words', () => {
    const errors = errorsOf([source(explainerData('ice', { terms: [{ text: 'ICE', against: ['electricity'] }] }))]);
    expect(errors).toContainEqual(expect.objectContaining({ field: 'terms[0].against', message: expect.stringMatching(/needs a context list/) }));
  });
});
