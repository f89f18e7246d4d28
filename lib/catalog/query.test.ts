import { describe, expect, it } from 'vitest';
import { searchVariants } from './query';

describe('searchVariants', () => {
  it('returns nothing for blank input', () => {
    expect(searchVariants('')).toEqual([]);
    expect(searchVariants('   \n ')).toEqual([]);
  });

  it('keeps an ordinary query as typed, with whitespace collapsed', () => {
    expect(searchVariants('  sanctuary   city ')).toEqual(['sanctuary city']);
  });

  it.each(['287 g', '287g', '287-g', '287 (g)', '287 ( G )'])('adds the canonical spelling for %j', (query) => {
    expect(searchVariants(query)).toContain('287(g)');
  });

  it('leaves an already canonical subsection alone', () => {
    expect(searchVariants('287(g)')).toEqual(['287(g)']);
  });

  it('rewrites a subsection inside a longer query', () => {
    expect(searchVariants('section 287 g agreements')).toEqual(['section 287 g agreements', 'section 287(g) agreements']);
  });

  it('does not treat a number followed by a word as a subsection', () => {
    expect(searchVariants('287 agreements')).toEqual(['287 agreements']);
    expect(searchVariants('287ag')).toEqual(['287ag']);
    expect(searchVariants('287 ag')).toEqual(['287 ag']);
    expect(searchVariants('2026 guide')).toEqual(['2026 guide']);
  });

  it('takes only a dash or a space between the number and the letter', () => {
    expect(searchVariants('287xg')).toEqual(['287xg']);
    expect(searchVariants('287.g')).toEqual(['287.g']);
    expect(searchVariants('287/g')).toEqual(['287/g']);
  });
});
