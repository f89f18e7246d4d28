import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Matcher, TextMatch } from '../match/types';
import { SCAN_MEASURE } from './constants';
import { compareMarks, liveRange, sectionKeyOf, type Mark } from './marks';
import { ShownMarks } from './mark-mode';
import { enclosingBlock, headingBefore, PageScanner } from './scanner';
import { BlockWalker } from './text-blocks';

/**
 * Stand-in for lib/match: plain substring search, plus one context rule ("ICE" needs "immigration"
 * in the same text or in the fallback text) so block grouping and fallback context are observable.
 */
function standInMatcher(terms: Record<string, string>): Matcher & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    match(text, ctx) {
      calls.push(text);
      const found: TextMatch[] = [];
      Object.entries(terms).forEach(([term, explainerId], termIndex) => {
        if (term === 'ICE' && !/immigration/i.test(text) && !/immigration/i.test(ctx?.fallbackText ?? '')) return;
        for (let at = text.indexOf(term); at !== -1; at = text.indexOf(term, at + term.length)) {
          found.push({ explainerId, termIndex, start: at, end: at + term.length, text: term, lang: 'en' });
        }
      });
      return found.sort((a, b) => a.start - b.start);
    },
  };
}

const TERMS = { '287(g)': '287g-program', ICE: 'ice' };

async function scan(matcher: Matcher): Promise<PageScanner> {
  const controller = new AbortController();
  let resolveIdle!: () => void;
  const idle = new Promise<void>((resolve) => (resolveIdle = resolve));
  const scanner = new PageScanner(document, {
    matcher,
    signal: controller.signal,
    fallbackText: () => document.title,
    onMarksChanged: () => {},
    onIdle: () => resolveIdle(),
  });
  scanner.scanDocument();
  await idle;
  return scanner;
}

const rangeText = (mark: Mark) => liveRange(mark).toString();

describe('PageScanner', () => {
  beforeEach(() => {
    document.title = '';
    document.body.innerHTML = '';
    performance.clearMeasures?.();
  });
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('finds a term split by inline markup and maps it back onto the text nodes', async () => {
    document.body.innerHTML = '<p>Counties joined the 287(<em>g</em>) program.</p>';
    const scanner = await scan(standInMatcher(TERMS));
    const [mark, ...rest] = [...scanner.marks()];
    expect(rest).toEqual([]);
    expect(mark!.explainerId).toBe('287g-program');
    expect(rangeText(mark!)).toBe('287(g)');
    expect(mark!.nodes.map((node) => node.data)).toEqual(['Counties joined the 287(', 'g', ') program.']);
    expect(mark!.range.startOffset).toBe(20);
    expect(mark!.range.endOffset).toBe(1);
  });

  it('counts context words anywhere in the same block, not in neighbouring blocks', async () => {
    document.body.innerHTML =
      '<p>ICE <a href="#">agents</a> made <b>immigration</b> arrests.</p><p>ICE on the lake.</p>';
    const scanner = await scan(standInMatcher(TERMS));
    const marks = [...scanner.marks()];
    expect(marks).toHaveLength(1);
    expect(marks[0]!.block.textContent).toContain('arrests');
  });

  it('falls back to the page title for context', async () => {
    document.title = 'Immigration news';
    document.body.innerHTML = '<p>ICE said so.</p>';
    const scanner = await scan(standInMatcher(TERMS));
    expect([...scanner.marks()].map(rangeText)).toEqual(['ICE']);
  });

  it('never matches inside skipped elements, and matches each block once', async () => {
    document.body.innerHTML = '<p>287(g)</p><pre>287(g)</pre><textarea>287(g)</textarea><div contenteditable>287(g)</div>';
    const matcher = standInMatcher(TERMS);
    const scanner = await scan(matcher);
    expect([...scanner.marks()]).toHaveLength(1);
    expect(matcher.calls).toEqual(['287(g)']);
  });

  it('records a user-timing measure for its slices', async () => {
    document.body.innerHTML = '<p>287(g)</p>';
    await scan(standInMatcher(TERMS));
    expect(performance.getEntriesByName(SCAN_MEASURE, 'measure').length).toBeGreaterThan(0);
  });

  it('forgets open shadow roots whose host left the page, on the next scan or rescan', async () => {
    document.body.innerHTML = '<div id="old-host"></div><p id="p">text</p>';
    document.getElementById('old-host')!.attachShadow({ mode: 'open' }).innerHTML = '<p>287(g) inside</p>';
    const scanner = await scan(standInMatcher(TERMS));
    const [old] = [...scanner.shadowRoots];
    expect(old?.host.id).toBe('old-host');
    document.getElementById('old-host')!.remove();
    const next = document.createElement('div');
    next.attachShadow({ mode: 'open' }).innerHTML = '<p>ICE and immigration</p>';
    document.body.prepend(next);
    let resolveIdle!: () => void;
    const idle = new Promise<void>((resolve) => (resolveIdle = resolve));
    (scanner as unknown as { options: { onIdle: () => void } }).options.onIdle = resolveIdle;
    scanner.rescan([next]);
    await idle;
    expect([...scanner.shadowRoots]).toEqual([next.shadowRoot]);
  });

  it('rescans only the changed block and drops marks whose text went away', async () => {
    document.body.innerHTML = '<p id="a">287(g) here</p><p id="b">nothing yet</p>';
    const matcher = standInMatcher(TERMS);
    const scanner = await scan(matcher);
    expect([...scanner.marks()]).toHaveLength(1);
    matcher.calls.length = 0;

    const b = document.getElementById('b')!;
    b.firstChild!.textContent = 'now 287(g) too';
    document.getElementById('a')!.firstChild!.textContent = 'gone';
    let resolveIdle!: () => void;
    const idle = new Promise<void>((resolve) => (resolveIdle = resolve));
    (scanner as unknown as { options: { onIdle: () => void } }).options.onIdle = resolveIdle;
    scanner.rescan([b.firstChild!]);
    await idle;

    expect(matcher.calls).toEqual(['now 287(g) too']);
    expect([...scanner.marks()].map((mark) => mark.block.id)).toEqual(['b']);
  });

  it('does not count a mention twice when a rescan and a full scan both reach a block', async () => {
    document.body.innerHTML = '<p id="a">287(g)</p>';
    const scanner = await scan(standInMatcher(TERMS));
    let resolveIdle!: () => void;
    const idle = new Promise<void>((resolve) => (resolveIdle = resolve));
    (scanner as unknown as { options: { onIdle: () => void } }).options.onIdle = resolveIdle;
    scanner.scanDocument();
    scanner.rescan([document.getElementById('a')!]);
    await idle;
    expect([...scanner.marks()]).toHaveLength(1);
  });
});

describe('PageScanner rescans', () => {
  it('reports found and lost marks as net changes', async () => {
    document.body.innerHTML = '<p id="a">287(g)</p><p id="b">287(g)</p>';
    const scanner = await scan(standInMatcher(TERMS));
    const first = scanner.takeChanges();
    expect(first.added).toHaveLength(2);
    expect(first.removed).toEqual([]);
    const [a] = first.added.filter((mark) => mark.block.id === 'a');
    document.getElementById('a')!.remove();
    let resolveIdle!: () => void;
    const idle = new Promise<void>((resolve) => (resolveIdle = resolve));
    (scanner as unknown as { options: { onIdle: () => void } }).options.onIdle = resolveIdle;
    scanner.rescan([document.getElementById('b')!]);
    await idle;
    expect(scanner.takeChanges()).toEqual({ added: [], removed: [a] });
  });

  it('keeps the same mark objects for mentions a rescan finds unchanged', async () => {
    document.body.innerHTML = '<p id="a">287(g) and ICE in immigration news</p>';
    const scanner = await scan(standInMatcher(TERMS));
    const before = [...scanner.marks()];
    expect(before).toHaveLength(2);
    const p = document.getElementById('a')!;
    p.append(' more 287(g)');
    let resolveIdle!: () => void;
    const idle = new Promise<void>((resolve) => (resolveIdle = resolve));
    (scanner as unknown as { options: { onIdle: () => void } }).options.onIdle = resolveIdle;
    scanner.rescan([p]);
    await idle;
    const after = [...scanner.marks()];
    expect(after).toHaveLength(3);
    expect(after.slice(0, 2)).toEqual(before);
    expect(after[0]).toBe(before[0]);
    expect(after[1]).toBe(before[1]);
  });
});

describe('sections', () => {
  it('shows the first mention per explainer per heading-delimited section', async () => {
    document.body.innerHTML = `
      <article>
        <p>287(g) first</p><p>287(g) again</p>
        <h2>Next part</h2><p>the 287(g) program</p><p>287(g) still</p>
      </article>
      <article><p>287(g) elsewhere</p></article>`;
    const scanner = await scan(standInMatcher(TERMS));
    const all = [...scanner.marks()];
    expect(all).toHaveLength(5);
    const shownMarks = new ShownMarks<Mark>('first-per-section', compareMarks);
    shownMarks.update(all, []);
    const shown = [...shownMarks.values()].sort(compareMarks);
    expect(shown.map((mark) => mark.block.textContent)).toEqual(['287(g) first', 'the 287(g) program', '287(g) elsewhere']);
  });

  it('keys blocks under different headings apart and blocks under the same heading together', () => {
    document.body.innerHTML = '<section><h2>A</h2><p>one</p><p>two</p><h2>B</h2><p>three</p></section>';
    const walker = new BlockWalker(document.body);
    const keys = new Map<string, string>();
    for (let block = walker.next(); block; block = walker.next()) keys.set(block.text, sectionKeyOf(block));
    expect(keys.get('one')).toBe(keys.get('two'));
    expect(keys.get('three')).not.toBe(keys.get('two'));
  });
});

describe('headingBefore', () => {
  it('finds the last heading before an element, or the heading it sits in', () => {
    document.body.innerHTML =
      '<h1 id="h1">Top</h1><p id="a">a</p><section><h2 id="h2">Two</h2><div><p id="b">b</p></div></section><h3 id="h3"><span id="c">c</span></h3>';
    expect(headingBefore(document.getElementById('a')!)?.id).toBe('h1');
    expect(headingBefore(document.getElementById('b')!)?.id).toBe('h2');
    expect(headingBefore(document.getElementById('c')!)?.id).toBe('h3');
    expect(headingBefore(document.getElementById('h2')!)?.id).toBe('h2');
    document.body.insertAdjacentHTML('afterbegin', '<p id="first">first</p>');
    expect(headingBefore(document.getElementById('first')!)).toBeNull();
  });

  it('finds a heading far back through the document heading list', () => {
    document.body.innerHTML = `<h2 id="far">Far</h2>${'<div><span>x</span></div>'.repeat(600)}<p id="late">late</p>`;
    let listed = 0;
    const headings = () => {
      listed++;
      return document.querySelectorAll('h1, h2, h3, h4, h5, h6');
    };
    expect(headingBefore(document.getElementById('late')!, headings)?.id).toBe('far');
    expect(listed).toBe(1);
    document.body.innerHTML = `<h2 id="near">Near</h2><p id="next">next</p>`;
    expect(headingBefore(document.getElementById('next')!, headings)?.id).toBe('near');
    expect(listed).toBe(1);
  });
});

describe('enclosingBlock', () => {
  it('climbs from inline elements and text to the nearest block', () => {
    document.body.innerHTML = '<li><span><b>x</b></span></li>';
    const text = document.querySelector('b')!.firstChild!;
    expect(enclosingBlock(text)?.localName).toBe('li');
  });
});
