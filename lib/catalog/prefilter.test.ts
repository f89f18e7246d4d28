import { describe, expect, it } from 'vitest';
import { foldText, Prefilter, type PrefilterField } from './prefilter';

const docs: PrefilterField[][] = [
  [{ text: 'Sanctuary jurisdictions', tier: 0 }, { text: 'Places that limit cooperation with ICE.', tier: 1 }],
  [{ text: 'Removal', tier: 0 }, { text: 'deportation', tier: 0 }, { text: 'Ordered to leave the country.', tier: 1 }],
  [{ text: 'Asylum', tier: 0 }, { text: 'Protection for people fleeing persecution; deportation is deferred.', tier: 2 }],
  [{ text: 'Justice Department', tier: 0 }, { text: 'Runs the immigration courts.', tier: 1 }],
  [{ text: 'Café policy', tier: 0 }],
];
const prefilter = new Prefilter(docs);
const ids = (query: string, limit = 10) => prefilter.candidates(query, limit).hits.map((hit) => hit.doc);

describe('Prefilter', () => {
  it('finds exact words', () => {
    expect(ids('sanctuary')).toEqual([0]);
    expect(ids('asylum')).toEqual([2]);
  });

  it('tolerates a typo', () => {
    expect(ids('sanctuery')).toEqual([0]);
    expect(ids('deportaton')).toEqual([1, 2]);
    expect(ids('asilum')).toEqual([2]);
  });

  it('treats the last word as a prefix still being typed', () => {
    expect(ids('sanc')).toEqual([0]);
    expect(ids('deport')[0]).toBe(1);
    // A finished word (followed by a space) is not a prefix any more.
    expect(ids('sanc ')).toEqual([]);
  });

  it('ranks a name hit above a body hit', () => {
    const [name, body] = prefilter.candidates('deportation', 10).hits;
    expect(name?.doc).toBe(1);
    expect(body?.doc).toBe(2);
    expect(name!.score).toBeGreaterThan(body!.score);
  });

  it('lets a short prefix stand for its 40 nearest completions, not for every word it begins', () => {
    // Doc i holds one word: "ka" and i + 1 letters (kab, kabb, …), so doc 0's is the shortest completion.
    const many = new Prefilter(Array.from({ length: 100 }, (_, i) => [{ text: `ka${'b'.repeat(i + 1)}`, tier: 0 as const }]));
    const { hits, words } = many.candidates('ka', 100);
    expect(hits.map((hit) => hit.doc).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(words[0]).toBe('kab');
    // A word typed out in full is still found, however many words share its prefix.
    expect(many.candidates(`ka${'b'.repeat(90)}`, 100).hits.map((hit) => hit.doc)).toContain(89);
  });

  it('does not pull in longer words that merely contain a short closed word', () => {
    expect(ids('ice ')).toEqual([0]);
  });

  it('needs every query word to contribute for a high score', () => {
    expect(ids('immigration courts')).toEqual([3]);
    expect(ids('immigration pizza recipes')).toEqual([]);
  });

  it('finds nothing for unrelated words, stop words alone or empty input', () => {
    expect(ids('weather')).toEqual([]);
    expect(ids('')).toEqual([]);
    expect(ids('of the')).toEqual([]);
  });

  it('folds case and diacritics', () => {
    expect(foldText('Café ÉTAT')).toBe('cafe etat');
    expect(ids('cafe')).toEqual([4]);
    expect(ids('CAFÉ')).toEqual([4]);
  });

  it('caps the candidates at the limit, best first', () => {
    const many = new Prefilter(Array.from({ length: 500 }, (_, i) => [{ text: `border item${i}`, tier: (i % 3) as 0 | 1 | 2 }]));
    const { hits, words } = many.candidates('border', 20);
    expect(words[0]).toBe('border');
    expect(hits).toHaveLength(20);
    for (const hit of hits) expect(hit.doc % 3).toBe(0);
  });

  it('answers the same after a round trip through its stored form', () => {
    const data = structuredClone(prefilter.toData());
    expect(data.postings).toBeInstanceOf(Uint8Array);
    const restored = Prefilter.fromData(data);
    for (const query of ['sanctuery', 'deportaton', 'asilum', 'justice', 'cafe', 'ice', 'department of justice', 'nothing here']) {
      expect(restored.candidates(query, 10), query).toEqual(prefilter.candidates(query, 10));
    }
    expect(restored.verify()).toBe(true);
    expect(restored.damaged).toBe(false);
  });

  it('stores postings as varint differences, several bytes for a large one', () => {
    // Doc 40 × 4 tiers = 160 does not fit 7 bits: the one posting of "rare" takes two bytes.
    const wide = new Prefilter([...Array.from({ length: 40 }, () => [{ text: 'filler', tier: 2 as const }]), [{ text: 'rare', tier: 0 }]]);
    const data = wide.toData();
    expect(data.postings.byteLength).toBe(40 + 2);
    expect(wide.candidates('rare', 5).hits).toEqual([{ doc: 40, score: 1 }]);
    expect(Prefilter.fromData(structuredClone(data)).candidates('filler', 50).hits.map((hit) => hit.doc)).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('answers a query asked again from the first answer, and other limits and queries afresh', () => {
    const fresh = new Prefilter(docs);
    const first = fresh.candidates('deportaton', 10);
    expect(fresh.candidates('deportaton', 10)).toBe(first);
    expect(fresh.candidates('deportaton', 1).hits).toEqual(first.hits.slice(0, 1));
    for (const query of ['asylum', 'justice', 'cafe', 'ice', 'sanctuary']) fresh.candidates(query, 10);
    const again = fresh.candidates('deportaton', 10);
    expect(again).toEqual(first);
  });

  it('refuses stored data whose parts do not fit together', () => {
    const data = prefilter.toData();
    expect(() => Prefilter.fromData({ ...data, wordStarts: data.wordStarts.slice(1) })).toThrow(/does not fit/);
    expect(() => Prefilter.fromData({ ...data, postingStarts: data.postingStarts.map((start, i) => (i === 1 ? data.postings.length + 1 : start)) })).toThrow(/does not fit/);
    expect(() => Prefilter.fromData({ ...data, grams: `${data.grams}ab` })).toThrow(/does not fit/);
    expect(() => Prefilter.fromData({ ...data, gramCounts: data.gramCounts.slice(1) })).toThrow(/does not fit/);
  });

  it('skips postings out of range and reports the data damaged, where a query meets them and in verify()', () => {
    const data = prefilter.toData();
    // Every byte 0x7f: each word's run climbs by 127 (doc 31 and up) past the five documents.
    const climbing = Prefilter.fromData({ ...data, postings: data.postings.map(() => 0x7f) });
    expect(climbing.candidates('sanctuary', 10).hits).toEqual([]);
    expect(climbing.damaged).toBe(true);
    const unchecked = Prefilter.fromData({ ...data, postings: data.postings.map(() => 0x7f) });
    expect(unchecked.damaged).toBe(false);
    expect(unchecked.verify()).toBe(false);
    // A run cut inside a number (a continuation bit on its last byte).
    expect(Prefilter.fromData({ ...data, postings: data.postings.map(() => 0x80) }).verify()).toBe(false);
    // A trigram pointing at a word that does not exist.
    const strayGram = Prefilter.fromData({ ...data, gramWords: data.gramWords.map(() => 1e6) });
    expect(strayGram.candidates('sanctuary', 10).hits).toEqual([{ doc: 0, score: 1 }]);
    expect(strayGram.damaged).toBe(true);
  });
});
