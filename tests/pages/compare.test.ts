/** Rules of ./compare.ts.  Run: node --import tsx --test tests/pages/compare.test.ts */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SeenError, SeenRequest } from './browser';
import { judge, judgeBoxes, type BoxReading, judgeErrors, judgeMutations, judgeRequests, requestKey, type VisitSnapshot } from './compare';
import type { MutationSummary } from './probes';

const mutations = (counts: Record<string, number>): MutationSummary => ({
  counts,
  total: Object.values(counts).reduce((sum, count) => sum + count, 0),
  ours: 0,
});
const error = (text: string, fromExtension = false): SeenError => ({ source: 'console', text, where: '', fromExtension });
const request = (url: string, fromExtension = false): SeenRequest => ({ url, fromExtension, blocked: true });

describe('judgeMutations', () => {
  it('passes identical logs and counts every extra record on a key the page is steady on', () => {
    assert.deepEqual(judgeMutations(mutations({ 'attr class body>div': 2 }), [mutations({ 'attr class body>div': 2 })]), { problems: [], count: 0 });
    const result = judgeMutations(mutations({ 'attr class body>div': 2, 'child html>body +div -': 1 }), [mutations({ 'attr class body>div': 2 })]);
    assert.equal(result.count, 1);
    assert.match(result.problems[0]!, /child html>body \+div/);
  });

  it('counts records missing from the with-extension run as well (a page change we prevented)', () => {
    assert.equal(judgeMutations(mutations({}), [mutations({ 'child html>head +script -': 1 })]).count, 1);
  });

  it('excuses a key only where two plain runs disagree', () => {
    const plain = [mutations({ 'text p>#text': 3, 'attr style body>div': 1 }), mutations({ 'text p>#text': 5, 'attr style body>div': 1 })];
    const result = judgeMutations(mutations({ 'text p>#text': 9, 'attr style body>div': 2 }), plain);
    assert.deepEqual(result.problems, ['attr style body>div: 2 with extension, 1 without']);
  });

  it('never excuses our fallback marks', () => {
    const key = 'child body>p +context-explainer-mark -#text';
    const plain = [mutations({ [key]: 0 }), mutations({ [key]: 4 })];
    assert.equal(judgeMutations(mutations({ [key]: 4 }), plain).count, 4);
  });
});

describe('judgeBoxes', () => {
  const at = (boxes: Record<string, string>, y = 0): BoxReading => ({ scroll: { x: 0, y }, boxes });

  it('reports elements whose box changed, and only where both plain runs agree', () => {
    const withExtension = at({ '/html/body/p': '8,30,100,18', '/html/body/div': '0,0,5,5' });
    assert.deepEqual(judgeBoxes(withExtension, [at({ '/html/body/p': '8,8,100,18', '/html/body/div': '0,0,5,5' })]), ['/html/body/p: 8,8,100,18 → 8,30,100,18']);
    assert.deepEqual(judgeBoxes(withExtension, [at({ '/html/body/p': '8,8,100,18' }), at({ '/html/body/p': '8,12,100,18' })]), []);
  });

  it('ignores elements only one run has', () => {
    assert.deepEqual(judgeBoxes(at({ '/html/body/aside': '1,1,1,1' }), [at({})]), []);
  });

  it('does not count a different scroll offset as a move, but still counts a real one while scrolled', () => {
    // The page autofocused a field at a different moment: scrolled 581 px in the plain run, 432 px with us.
    const plain = at({ '/html/body/header': '8,-565,1264,2900', '/html/body/nav': '0,0,1280,40', '/html/body/p': '8,100,100,18' }, 581);
    const scrolledLess = at({ '/html/body/header': '8,-416,1264,2900', '/html/body/nav': '0,0,1280,40', '/html/body/p': '8,269,100,18' }, 432);
    assert.deepEqual(judgeBoxes(scrolledLess, [plain]), ['/html/body/p: 8,100,100,18 → 8,269,100,18']);
  });
});

describe('judgeErrors', () => {
  it('always counts errors from the extension, and page errors no plain run saw', () => {
    const plain = [[error('Failed to load resource: 404 (Not Found)'), error('Uncaught TypeError: x is 1')]];
    const seen = [error('Uncaught TypeError: x is 2'), error('boom', true), error('Uncaught ReferenceError: y')];
    assert.deepEqual(judgeErrors(seen, plain), ['console: boom', 'console: Uncaught ReferenceError: y']);
  });
});

describe('judgeRequests', () => {
  it('folds digits and queries, ignores extension, data and blob URLs, and counts extension-made ones', () => {
    assert.equal(requestKey('https://ads.example/pixel/123.gif?cb=99'), 'https://ads.example/pixel/#.gif');
    const plain = [[request('https://ads.example/pixel/1.gif?cb=1')]];
    const seen = [
      request('https://ads.example/pixel/2.gif?cb=2'),
      request('chrome-extension://abc/packs/default.json'),
      request('data:image/png;base64,AAAA'),
      request('https://ads.example/pixel/3.gif', true),
      request('https://tracker.example/collect'),
    ];
    assert.deepEqual(judgeRequests(seen, plain), ['extension blocked https://ads.example/pixel/3.gif', 'blocked https://tracker.example/collect']);
  });

  it('leaves the tab icon to the browser, unless the extension asked for it', () => {
    const seen = [
      request('http://127.0.0.1:1/vi-assets/static-assets/favicon-4bf96cb6.ico'),
      request('http://127.0.0.1:1/favicon.ico'),
      request('http://127.0.0.1:1/apple-touch-icon-180x180.png'),
      request('http://127.0.0.1:1/icons/site.ico', true),
      request('http://127.0.0.1:1/images/icon-sprite.png'),
    ];
    assert.deepEqual(judgeRequests(seen, [[]]), ['extension blocked http://127.0.0.1:1/icons/site.ico', 'blocked http://127.0.0.1:1/images/icon-sprite.png']);
  });
});

describe('judge', () => {
  it('passes a with-extension visit identical to the plain one', () => {
    const visit: VisitSnapshot = { mutations: mutations({ 'attr class html': 1 }), structure: '3:abc', boxes: { scroll: { x: 0, y: 0 }, boxes: { '/html': '0,0,1280,900' } }, errors: [], requests: [] };
    const result = judge(visit, [visit]);
    assert.equal(result.errors.length + result.mutations.length + result.moved.length + result.requests.length, 0);
  });

  it('excuses mutation-history differences only when two plain runs were taken and the final DOM matches one', () => {
    const plain: VisitSnapshot = { mutations: mutations({}), structure: '9:aaa', boxes: { scroll: { x: 0, y: 0 }, boxes: {} }, errors: [], requests: [] };
    const raced: VisitSnapshot = { ...plain, mutations: mutations({ 'attr src a>img': 1 }) };
    assert.equal(judge(raced, [plain]).mutationCount, 1);
    assert.equal(judge(raced, [plain, plain]).mutationCount, 0);
    assert.equal(judge({ ...raced, structure: '10:bbb' }, [plain, plain]).mutationCount, 1);
  });
});
