import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMatcher, normalizeTerm } from './index';
import type { SenseModel } from './sense';
import type { MatchTerm, TextMatch } from './types';
import { builtEachTest } from '../../tests/support/built-each-test';

const term = (explainerId: string, text: string, rules: Partial<MatchTerm> = {}): MatchTerm => ({
  explainerId,
  text,
  caseSensitive: false,
  ...rules,
});

const texts = (matches: TextMatch[]) => matches.map((m) => m.text);

describe('createMatcher: boundaries and case', () => {
  const matcher = builtEachTest(() => createMatcher([term('ice', 'ICE', { caseSensitive: true }), term('sanctuary', 'sanctuary city')]));

  it('matches whole words only, in any script', () => {
    expect(texts(matcher().match('NICE ICEberg ICEs ICE1 xICE'))).toEqual([]);
    expect(texts(matcher().match('ICE, (ICE) «ICE» ICE\u2019s ICE-led l\u2019ICE'))).toEqual(['ICE', 'ICE', 'ICE', 'ICE', 'ICE', 'ICE']);
    expect(texts(matcher().match('éICE ICEé ICE\u0301 дICE ICE日'))).toEqual([]);
    expect(texts(matcher().match('日本 ICE 日本'))).toEqual(['ICE']);
  });

  it('keeps case-sensitive terms exact and folds the others', () => {
    expect(texts(matcher().match('ice Ice iCE ICE'))).toEqual(['ICE']);
    expect(texts(matcher().match('A SANCTUARY  CITY and a Sanctuary\u00a0City'))).toEqual(['SANCTUARY  CITY', 'Sanctuary\u00a0City']);
  });

  it('does not let zero-width characters hide or split a word', () => {
    expect(texts(matcher().match('I\u200bCE sanc\u00adtuary city'))).toEqual(['I\u200bCE', 'sanc\u00adtuary city']);
    expect(texts(matcher().match('N\u200bICE'))).toEqual([]);
  });
});

describe('createMatcher: 287(g) spellings', () => {
  const matcher = builtEachTest(() => createMatcher([term('287g-program', '287(g)')]));
  const spellings: [string, string][] = [
    ['The 287(g) program', '287(g)'],
    ['The 287 (g) program', '287 (g)'],
    ['The 287g program', '287g'],
    ['The 287-g program', '287-g'],
    ['under Section 287(g), sheriffs', '287(g)'],
    ['under § 287(g) of the INA', '287(g)'],
    ['under §287(G).', '287(G)'],
    ['a 287\u2011g deal', '287\u2011g'],
    ['INA 287(g)(1) says', '287(g)'],
    ['«287(g)»', '287(g)'],
    ['under 287(g)The sheriff', '287(g)'],
  ];
  it.each(spellings)('finds %j', (text, found) => {
    const [match] = matcher().match(text);
    expect(match?.text).toBe(found);
    expect(text.slice(match!.start, match!.end)).toBe(found);
  });

  it('does not see 287(g) in other codes', () => {
    for (const text of ['8 CFR 287.7(d)', 'INA 287(d)', '1287(g)', '287 g', '2870(g)', '287(gg)', 'x287(g)']) {
      expect(matcher().match(text), text).toEqual([]);
    }
  });
});

describe('createMatcher: offsets', () => {
  const matcher = builtEachTest(() => createMatcher([term('ice', 'ICE', { caseSensitive: true }), term('tps', 'Temporary Protected Status')]));

  it('maps matches back exactly across emoji, combining marks, RTL text and odd spaces', () => {
    const text = '👩🏽‍⚖️ Cafe\u0301 \u05e9\u05dc\u05d5\u05dd ICE 𝐀 temporary\u00a0\u00a0protected\u200b status! 🇺🇸ICE';
    const found = matcher().match(text);
    expect(found.map((m) => [m.explainerId, m.text])).toEqual([
      ['ice', 'ICE'],
      ['tps', 'temporary\u00a0\u00a0protected\u200b status'],
      ['ice', 'ICE'],
    ]);
    for (const m of found) expect(text.slice(m.start, m.end)).toBe(m.text);
    expect(found[0]!.start).toBe(text.indexOf('ICE'));
    expect(found[2]!.end).toBe(text.length);
  });
});

describe('createMatcher: overlaps', () => {
  it('prefers the longest match, then the earliest, then the lowest term index', () => {
    const matcher = createMatcher([
      term('a', 'immigration'),
      term('b', 'immigration detainer'),
      term('c', 'detainer request'),
      term('d', 'ice'),
      term('e', 'ICE', { caseSensitive: true }),
    ]);
    expect(matcher.match('an immigration detainer request').map((m) => m.explainerId)).toEqual(['b']);
    expect(matcher.match('immigration detainer detainer request').map((m) => m.explainerId)).toEqual(['b', 'c']);
    expect(matcher.match('ICE').map((m) => m.explainerId)).toEqual(['d']);
  });

  it('falls back to a shorter match when the longer one is vetoed', () => {
    const matcher = createMatcher([term('a', 'sanctuary'), term('b', 'sanctuary city', { not: ['bird sanctuary city'] })]);
    expect(matcher.match('a bird sanctuary city').map((m) => [m.explainerId, m.text])).toEqual([['a', 'sanctuary']]);
  });

  it('returns sorted, non-overlapping matches', () => {
    const matcher = createMatcher([term('a', 'a b'), term('b', 'b c'), term('c', 'c d'), term('d', 'd')]);
    const found = matcher.match('a b c d a b c d');
    expect(texts(found)).toEqual(['a b', 'c d', 'a b', 'c d']);
  });
});

describe('createMatcher: context', () => {
  const ice = term('ice', 'ICE', {
    caseSensitive: true,
    context: ['immigration', 'deport', 'Border Patrol'],
    contextWindow: 5,
  });

  it('needs a context word within the window, matched as a word prefix', () => {
    const matcher = createMatcher([ice]);
    expect(texts(matcher.match('ICE agents began deportations'))).toEqual(['ICE']);
    expect(texts(matcher.match('ICE prices rose sharply on Monday morning after deportations'))).toEqual([]);
    expect(texts(matcher.match('the Border Patrol and ICE'))).toEqual(['ICE']);
    expect(texts(matcher.match('the border and ICE'))).toEqual([]);
    expect(texts(matcher.match('ICE redeployed'))).toEqual([]);
  });

  it('looks in the page title and headings when the block lacks context', () => {
    const matcher = createMatcher([ice]);
    expect(texts(matcher.match('ICE said on Monday', { fallbackText: 'Immigration raids in Texas' }))).toEqual(['ICE']);
    expect(texts(matcher.match('ICE said on Monday', { fallbackText: 'Brent crude futures' }))).toEqual([]);
  });

  it('counts distinct words for minContext', () => {
    const matcher = createMatcher([
      term('ice', 'Ice', { caseSensitive: true, context: ['raid', 'agent', 'deport'], minContext: 2 }),
    ]);
    expect(texts(matcher.match('Ice raids, more raids'))).toEqual([]);
    expect(texts(matcher.match('Ice raids and Ice agents'))).toEqual(['Ice', 'Ice']);
    expect(texts(matcher.match('Ice raid', { fallbackText: 'Deportation news' }))).toEqual(['Ice']);
  });
});

describe('createMatcher: vetoes', () => {
  const matcher = builtEachTest(() => createMatcher([
    term('ice', 'ICE', { caseSensitive: true, not: ['ICE vehicle', 'Vanilla Ice', 'Ice-T', 'Emergency (ICE)', 'black ice'] }),
    term('tps', 'TPS', { caseSensitive: true, not: ['TPS report', 'transactions per second (TPS)'] }),
  ]));

  it('drops a match inside a veto phrase, whatever its spelling', () => {
    expect(matcher().match('An ICE vehicle and an ICE\u00a0vehicle')).toEqual([]);
    expect(matcher().match('VANILLA ICE and ICE-T and ICE\u2010T, BLACK ICE')).toEqual([]);
    expect(matcher().match('In Case of Emergency (ICE) contacts')).toEqual([]);
    expect(matcher().match('the TPS report; 7 transactions per second (TPS)')).toEqual([]);
  });

  it('keeps matches that only touch a veto phrase or need whole words', () => {
    expect(texts(matcher().match('ICE vehicles'))).toEqual(['ICE']);
    expect(texts(matcher().match('ICE seized the vehicle'))).toEqual(['ICE']);
    expect(texts(matcher().match('TPS reporting rules'))).toEqual(['TPS']);
  });
});

describe('createMatcher: robustness', () => {
  const matcher = builtEachTest(() => createMatcher([term('ice', 'ICE', { caseSensitive: true, context: ['immigration'] }), term('g', '287(g)')]));

  it('never throws on emoji, RTL, zero-width or broken text', () => {
    const nasty = [
      '',
      ' ',
      '\u200b\u200c\u200d\ufeff',
      '\ud800\ud800\udc00\udfff',
      '\u202eICE\u202c immigration',
      '\u0627\u0644\u0647\u062c\u0631\u0629 ICE \u05d4\u05d2\u05d9\u05e8\u05d4',
      '(((((((((287',
      '287(',
      '287 (',
      '287(g',
      ')))287(g)(((',
      '👨‍👩‍👧‍👦'.repeat(100),
    ];
    for (const text of nasty) expect(() => matcher().match(text)).not.toThrow();
    expect(texts(matcher().match('\u202eICE\u202c immigration'))).toEqual(['ICE']);
  });

  it('handles a huge single string', () => {
    const filler = 'The quick brown fox jumps over the lazy dog; naïve café 😀 '.repeat(15000);
    const text = `${filler}immigration officers and ICE under 287(g)${filler}`;
    const found = matcher().match(text);
    expect(texts(found)).toEqual(['ICE', '287(g)']);
    expect(found[0]!.start).toBe(filler.length + 'immigration officers and '.length);
  });

  it('works with no terms and with empty spellings', () => {
    expect(createMatcher([]).match('ICE')).toEqual([]);
    expect(createMatcher([term('x', '  ')]).match('anything')).toEqual([]);
  });
});

describe('createMatcher: property', () => {
  const table: MatchTerm[] = [
    term('ice', 'ICE', { caseSensitive: true }),
    term('g', '287(g)'),
    term('s', 'sanctuary city'),
    term('s2', 'sanctuary'),
    term('d', 'immigration detainer'),
    term('u', 'USCIS', { caseSensitive: true }),
    term('q', 'Ice-T'),
    term('e', 'café'),
  ];
  const matcher = builtEachTest(() => createMatcher(table));
  const pieces = fc.constantFrom(
    'ICE', 'ice', 'Ice', '287(g)', '287 (g)', '287-g', '287G', 'sanctuary city', 'Sanctuary\u00a0City', 'sanctuary',
    'immigration detainer', 'USCIS', 'Ice-T', 'café', 'cafe\u0301', 'N', 's', '(', ')', '-', '.', ' ', '\u00a0', '\u200b',
    '\u00ad', '😀', '👩🏽‍⚖️', '\u05e9\u05dc\u05d5\u05dd', 'x', '1', '’', '§', '\ud800', 'é',
  );
  const texts = fc.array(fc.oneof(pieces, fc.string({ maxLength: 4 })), { maxLength: 40 }).map((parts) => parts.join(''));

  it('reports sorted, non-overlapping matches whose slices normalise to their term', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const found = matcher().match(text);
        for (let i = 0; i < found.length; i++) {
          const m = found[i]!;
          const spec = table[m.termIndex]!;
          expect(m.explainerId).toBe(spec.explainerId);
          expect(m.text).toBe(text.slice(m.start, m.end));
          expect(normalizeTerm(m.text, !spec.caseSensitive)).toBe(normalizeTerm(spec.text, !spec.caseSensitive));
          if (i > 0) expect(found[i - 1]!.end).toBeLessThanOrEqual(m.start);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('finds every term that is set apart by spaces', () => {
    const spelled = fc.constantFrom(...table.map((t) => t.text), '287 (g)', 'SANCTUARY CITY');
    fc.assert(
      fc.property(texts, spelled, texts, (before, inserted, after) => {
        const text = `${before} ${inserted} ${after}`;
        const start = before.length + 1;
        const end = start + inserted.length;
        const found = matcher().match(text);
        expect(found.some((m) => m.start < end && m.end > start)).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });
});

describe('createMatcher: overlaps (property)', () => {
  // Spellings that cannot overlap themselves, so a matcher of one term finds all of its candidates.
  // A sense model that keeps everything: scored candidates join the others after them.
  const sense: SenseModel = { bias: 1, window: 1, weights: {} };
  const pool: MatchTerm[] = [
    term('sb', 'b', { sense }),
    term('sab', 'a b', { sense }),
    term('spa', '(a)', { sense }),
    term('a', 'a'),
    term('b', 'b'),
    term('b2', 'b'),
    term('ab', 'a b'),
    term('bc', 'b c'),
    term('abc', 'a b c'),
    term('pa', '(a)'),
    term('pb', '(b)'),
    term('pb2', '(b)'),
    term('ca', 'c a'),
  ];
  const singles = builtEachTest(() => new Map(pool.map((t) => [t, createMatcher([t])])));
  const single = (t: MatchTerm) => singles().get(t)!;
  const tables = fc.shuffledSubarray(pool, { minLength: 1 });
  const text = fc
    .array(fc.tuple(fc.constantFrom('a', 'b', 'c', '(a)', '(b)', 'x'), fc.constantFrom(' ', '', ', ', '  ')), { maxLength: 14 })
    .map((parts) => parts.flat().join(''));

  it('keeps the longest candidate, then the earliest, then the lowest term index', () => {
    fc.assert(
      fc.property(tables, text, (terms, text) => {
        const all = terms.flatMap((t, index) => single(t).match(text).map((m) => ({ index, start: m.start, end: m.end })));
        all.sort((x, y) => y.end - y.start - (x.end - x.start) || x.start - y.start || x.index - y.index);
        const kept: typeof all = [];
        for (const c of all) if (kept.every((k) => c.end <= k.start || c.start >= k.end)) kept.push(c);
        kept.sort((x, y) => x.start - y.start);
        const found = createMatcher(terms).match(text);
        expect(found.map((m) => [m.termIndex, m.start, m.end])).toEqual(kept.map((c) => [c.index, c.start, c.end]));
      }),
      { numRuns: 200 },
    );
  });
});

describe('createMatcher: punctuation at the edges of a spelling', () => {
  const matcher = builtEachTest(() => createMatcher([term('metoo', '#MeToo'), term('us', 'U.S.'), term('pa', '(a)'), term('pb', '(b)')]));

  it('needs no word boundary where a spelling begins or ends with punctuation', () => {
    expect(texts(matcher().match('via#MeToo'))).toEqual(['#MeToo']);
    expect(texts(matcher().match('U.S.citizens'))).toEqual(['U.S.']);
    expect(texts(matcher().match('x(a)y'))).toEqual(['(a)']);
  });

  it('keeps two matches that touch', () => {
    expect(matcher().match('(a)(b)').map((m) => [m.explainerId, m.start, m.end])).toEqual([
      ['pa', 0, 3],
      ['pb', 3, 6],
    ]);
  });

  it('still needs a boundary where a spelling begins or ends with a letter', () => {
    expect(matcher().match('x#MeTooz')).toEqual([]);
    expect(matcher().match('xU.S.')).toEqual([]);
  });

  it('finds a spelling at the very start of a text after a longer one', () => {
    const ice = createMatcher([term('ice', 'ice')]);
    expect(ice.match(`${'word '.repeat(40)}ice`)).toHaveLength(1);
    expect(texts(ice.match('ice'))).toEqual(['ice']);
  });
});

describe('createMatcher: accents after a match', () => {
  const matcher = builtEachTest(() => createMatcher([term('cafe', 'cafe')]));

  it('keeps the grave, acute and circumflex accents and the diaeresis that follow a match, and no other mark', () => {
    for (const mark of ['\u0300', '\u0301', '\u0302', '\u0308', '\u0301\u0308']) {
      expect(texts(matcher().match(`a cafe${mark} here`)), mark).toEqual([`cafe${mark}`]);
    }
    // Other marks are part of the word, so "cafe" is no whole word before them; a spelling ending in
    // punctuation can end before one, and then leaves it out.
    for (const mark of ['\u0303', '\u0307', '\u0309']) expect(matcher().match(`a cafe${mark} here`), mark).toEqual([]);
    const paren = createMatcher([term('pa', '(a)')]);
    for (const mark of ['\u0300', '\u0308']) expect(texts(paren.match(`x (a)${mark} y`)), mark).toEqual([`(a)${mark}`]);
    for (const mark of ['\u02ff', '\u0303', '\u0307', '\u0309']) expect(texts(paren.match(`x (a)${mark} y`)), mark).toEqual(['(a)']);
  });
});

describe('createMatcher: vetoes cover the match', () => {
  it('drops a match only when a veto phrase covers all of it', () => {
    const matcher = createMatcher([term('storm', 'ice storm', { not: ['black ice', 'ice storm warning'] })]);
    expect(texts(matcher.match('black ice storm'))).toEqual(['ice storm']);
    expect(matcher.match('an ice storm warning')).toEqual([]);
  });
});

describe('createMatcher: the block language', () => {
  it('asks for the language only when the text holds a candidate', () => {
    const matcher = createMatcher([term('ice', 'ice')]);
    let asked = 0;
    const ctx = {
      get lang() {
        asked++;
        return 'en' as const;
      },
    };
    // "icedabc" passes the cheap precheck but holds no whole word "ice"; nor does "xice".
    expect(matcher.match('icedabc xice', ctx)).toEqual([]);
    expect(asked).toBe(0);
    expect(texts(matcher.match('iced ice', ctx))).toEqual(['ice']);
    expect(asked).toBe(1);
  });
});

describe('createMatcher: sense models', () => {
  const model = (weights: Record<string, number>, window = 3): SenseModel => ({ bias: -1, window, weights });
  const scored = (weights: Record<string, number>, rules: Partial<MatchTerm> = {}) =>
    term('ice', 'ICE', { caseSensitive: true, sense: model(weights), ...rules });

  it('keeps a candidate only when its score is above zero', () => {
    expect(createMatcher([scored({ 'r1:agents': 1 })]).match('ICE agents came')).toEqual([]);
    expect(texts(createMatcher([scored({ 'r1:agents': 1.5 })]).match('ICE agents came'))).toEqual(['ICE']);
  });

  it('counts context cues before a candidate as well as after it', () => {
    const matcher = createMatcher([scored({ cue1: 2 }, { context: ['deport'], contextWindow: 3 })]);
    expect(texts(matcher.match('they deport, ICE said'))).toEqual(['ICE']);
    expect(texts(matcher.match('ICE said they deport'))).toEqual(['ICE']);
    expect(matcher.match('deport them all now, ICE said')).toEqual([]);
  });

  it('is settled in a block only by a spelling of the same explainer that has no context rule', () => {
    const matcher = createMatcher([
      scored({ same: 2 }),
      term('ice', 'Customs Enforcement', { context: ['deport'] }),
      term('ice', 'Immigration and Customs Enforcement'),
    ]);
    expect(texts(matcher.match('Customs Enforcement will deport; ICE said'))).toEqual(['Customs Enforcement']);
    expect(texts(matcher.match('Immigration and Customs Enforcement; ICE said'))).toEqual(['Immigration and Customs Enforcement', 'ICE']);
  });

  it('matches the page title in the block language', () => {
    const matcher = createMatcher([
      scored({ page: 2 }),
      term('ice', 'Servicio de Inmigración', { lang: 'es' }),
    ]);
    expect(texts(matcher.match('ICE dijo', { lang: 'es', fallbackText: 'Servicio de Inmigración: noticias' }))).toEqual(['ICE']);
    expect(matcher.match('ICE said', { lang: 'en', fallbackText: 'Servicio de Inmigración: news' })).toEqual([]);
  });

  it('forgets the page of an earlier call when a call has none', () => {
    const matcher = createMatcher([scored({ page: 2 }), term('ice', 'Immigration and Customs Enforcement')]);
    expect(texts(matcher.match('ICE said', { fallbackText: 'Immigration and Customs Enforcement news' }))).toEqual(['ICE']);
    expect(matcher.match('ICE said')).toEqual([]);
    expect(matcher.match('ICE said', {})).toEqual([]);
  });
});
