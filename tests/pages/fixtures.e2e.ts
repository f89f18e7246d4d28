/**
 * The built extension on hand-made pages that break naive highlighters: editors, forms, code, shadow
 * DOM, iframes, a client-side router, a page rewriting itself, 200,000 text nodes and a Preact app
 * that hydrates after we mark it. Every mention is marked (markMode "every") so "never marked here"
 * cannot pass just because an earlier mention took the mark.
 *
 *   npm run build && node --import tsx --test tests/pages/fixtures.e2e.ts
 *   (CE_EXTENSION_DIR=/path/to/chrome-mv3 to test another build)
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { HIGHLIGHT_NAME, SCAN_MEASURE, SHADOW_HOST_TAG } from '../../lib/dom/constants';
import { closeQuietly, DEFAULT_EXTENSION_DIR, launchContext, REPO_ROOT, updateExtensionSettings, watchPage, type LaunchedContext, type PageWatch } from './browser';
import { mutationRecorderScript, readMutations } from './probes';
import { serveFolder, type StaticServer } from '../e2e/static-server';
import { waitUntil } from '../e2e/wait-until';

const EXTENSION_DIR = process.env.CE_EXTENSION_DIR ?? DEFAULT_EXTENSION_DIR;
const FIXTURES_DIR = path.join(import.meta.dirname, 'fixtures');
/** The budget from DESIGN.md: no task over 50 ms from us. */
const LONG_TASK_LIMIT_MS = 50;
/** "A few times" the mentions the live text can hold at once. */
const REGISTRY_GROWTH_LIMIT = 3;

/**
 * Installed before any page script: every long task of the page, ours included. The list appears
 * only once the observer runs, so a test can tell "no long task" from "never observed".
 */
const LONG_TASK_RECORDER = `(() => {
  const tasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push([entry.startTime, entry.duration]);
    }).observe({ type: 'longtask', buffered: true });
    Object.defineProperty(window, '__ceLongTasks', { value: tasks });
  } catch {}
})();`;
/** A task this long, run on purpose, must show up in the recorder: proof that it is live. */
const PROBE_TASK_MS = 120;
/** Fresh loads of the long page before a long task is taken as ours rather than the machine's. */
const LONG_TASK_ATTEMPTS = 3;
/** A 200,000-node scan in 8 ms slices takes dozens; a handful would mean it stopped yielding. */
const MIN_SLICES = 10;

interface ScanTiming {
  slices: number;
  scanMs: number;
  longestSlice: number;
  slicesOverLimit: number;
  longTasks: number;
  longestOurs: number;
  firstSliceAt: number;
  lastSliceEnd: number;
}

/**
 * Chromium's long-task observer misses tasks that run only in the extension's isolated world (a
 * 600 ms scan slice went unreported), so the scan's own slice measures count as tasks too.
 */
const longestOfOurs = (timing: ScanTiming) => Math.max(timing.longestSlice, timing.longestOurs);

function scanTimingOf(page: Page): Promise<ScanTiming> {
  return page.evaluate(
    ({ name, limit }) => {
      const slices = performance.getEntriesByName(name, 'measure').map((entry) => [entry.startTime, entry.duration] as const);
      const tasks = window.__ceLongTasks ?? [];
      // A long task is ours when a scan slice ran inside it.
      const ours = tasks.filter(([start, duration]) => slices.some(([sliceStart, sliceDuration]) => sliceStart < start + duration && sliceStart + sliceDuration > start));
      return {
        slices: slices.length,
        scanMs: slices.reduce((sum, [, duration]) => sum + duration, 0),
        longestSlice: Math.max(0, ...slices.map(([, duration]) => duration)),
        slicesOverLimit: slices.filter(([, duration]) => duration > limit).length,
        longTasks: tasks.length,
        longestOurs: Math.max(0, ...ours.map(([, duration]) => duration)),
        firstSliceAt: slices[0]?.[0] ?? 0,
        lastSliceEnd: slices.reduce((end, [start, duration]) => Math.max(end, start + duration), 0),
      };
    },
    { name: SCAN_MEASURE, limit: LONG_TASK_LIMIT_MS },
  );
}

interface MarkInfo {
  text: string;
  /** Id of the nearest element with one (within the mark's own tree). */
  near: string;
  /** document | open | declarative | closed | other-shadow | detached */
  root: string;
  /** Starts inside a form control, editable region, or code-like element. */
  forbidden: boolean;
  connected: boolean;
}

declare global {
  interface Window {
    __openRoot?: ShadowRoot;
    __closedRoot?: ShadowRoot;
    __ceLongTasks?: [number, number][];
    __rewrites?: number;
    __rewritingDone?: boolean;
    __breakingAt?: number;
    __maxMentionsPerText?: number;
    __staticMentions?: number;
    __mentions?: number;
    __textNodes?: number;
    __hydrated?: boolean;
    __marksBeforeHydration?: number;
    __serverArticle?: Element;
    __serverLede?: Node;
  }
}

function listMarks(name: string): MarkInfo[] {
  const highlight = CSS.highlights.get(name);
  if (!highlight) return [];
  return [...highlight].map((range) => {
    const node = range.startContainer;
    const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
    let text: string;
    if (node === range.endContainer) text = (node.textContent ?? '').slice(range.startOffset, range.endOffset);
    else {
      const live = document.createRange();
      live.setStart(range.startContainer, range.startOffset);
      live.setEnd(range.endContainer, range.endOffset);
      text = live.toString();
    }
    const root = node.getRootNode();
    const rootName =
      root === document
        ? 'document'
        : root === window.__openRoot
          ? 'open'
          : root === window.__closedRoot
            ? 'closed'
            : root instanceof ShadowRoot
              ? root.host.id === 'declarative-host'
                ? 'declarative'
                : 'other-shadow'
              : 'detached';
    return {
      text,
      near: element?.closest('[id]')?.id ?? '',
      root: rootName,
      forbidden: Boolean(element?.closest('input, textarea, select, option, code, pre, kbd, samp') || (element as HTMLElement | null)?.isContentEditable),
      connected: node.isConnected,
    };
  });
}

const marksIn = (target: Page | Frame) => target.evaluate(listMarks, HIGHLIGHT_NAME);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForMarks(target: Page | Frame, done: (marks: MarkInfo[]) => boolean, what: string, timeout = 15_000): Promise<MarkInfo[]> {
  const deadline = Date.now() + timeout;
  let marks = await marksIn(target).catch(() => [] as MarkInfo[]);
  while (!done(marks)) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeout} ms waiting for ${what}; marks: ${JSON.stringify(marks)}`);
    await sleep(150);
    marks = await marksIn(target).catch(() => [] as MarkInfo[]);
  }
  return marks;
}

/** Waits until no new scan slice has been recorded for `quietMs`. */
async function waitForScanQuiet(page: Page, quietMs = 1000, timeout = 60_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let last = -1;
  let since = Date.now();
  while (Date.now() < deadline) {
    const count = await page.evaluate((name) => performance.getEntriesByName(name, 'measure').length, SCAN_MEASURE);
    if (count !== last) {
      last = count;
      since = Date.now();
    } else if (count > 0 && Date.now() - since >= quietMs) return;
    await sleep(200);
  }
  throw new Error(`The scan did not go quiet within ${timeout} ms (${last} slices)`);
}

const texts = (marks: MarkInfo[]) => marks.map((mark) => `${mark.text}@${mark.near}`);

function assertNoErrors(watch: PageWatch): void {
  const errors = watch.errors.filter((error) => error.fromExtension || error.source === 'pageerror');
  assert.deepEqual(errors, [], `errors on the page: ${JSON.stringify(errors)}`);
}

describe('fixture pages with the built extension (Chromium)', () => {
  let browser: LaunchedContext;
  let server: StaticServer;
  const opened: Page[] = [];

  before(async () => {
    server = await serveFolder(FIXTURES_DIR, {
      '/vendor/preact.umd.js': path.join(REPO_ROOT, 'node_modules/preact/dist/preact.umd.js'),
      '/vendor/hooks.umd.js': path.join(REPO_ROOT, 'node_modules/preact/hooks/dist/hooks.umd.js'),
    });
    browser = await launchContext({
      extensionDir: EXTENSION_DIR,
      initScripts: [mutationRecorderScript(SHADOW_HOST_TAG), LONG_TASK_RECORDER],
    });
    await updateExtensionSettings(browser, { markMode: 'every' });
  });

  after(async () => {
    for (const page of opened) await closeQuietly(page);
    await browser?.close();
    await server?.close();
  });

  async function open(name: string): Promise<{ page: Page; watch: PageWatch }> {
    const page = await browser.context.newPage();
    opened.push(page);
    const watch = watchPage(page, browser.extensionId);
    await page.goto(server.url(name), { waitUntil: 'load' });
    return { page, watch };
  }

  it('editor: marks the article text, never the textarea, editable regions or inputs, even after typing', async () => {
    const { page, watch } = await open('editor.html');
    await waitForMarks(page, (marks) => marks.some((mark) => mark.near === 'published'), 'the published paragraph to be marked');
    await waitForScanQuiet(page);
    let marks = await marksIn(page);
    assert.ok(marks.some((mark) => mark.near === 'prose' && mark.text.includes('287(g)')), `prose not marked: ${texts(marks)}`);
    assert.deepEqual(marks.filter((mark) => mark.forbidden).map((mark) => `${mark.text}@${mark.near}`), []);
    assert.equal((await page.evaluate(readMutations)).total, 0, 'the page DOM changed outside our host');

    await page.click('#draft-editable p');
    await page.keyboard.type(' ICE agents and 287(g).');
    await page.click('#draft-textarea');
    await page.keyboard.type(' More 287(g).');
    await sleep(1000);
    await waitForScanQuiet(page);
    marks = await marksIn(page);
    assert.deepEqual(marks.filter((mark) => mark.forbidden).map((mark) => `${mark.text}@${mark.near}`), [], 'marked what the reader typed');
    assert.match(await page.inputValue('#draft-textarea'), /More 287\(g\)\.$/);
    assert.match((await page.textContent('#draft-editable')) ?? '', /ICE agents and 287\(g\)\.\s*$/);
    assertNoErrors(watch);
  });

  it('form: marks the introduction, nothing inside the form', async () => {
    const { page, watch } = await open('form.html');
    await waitForMarks(page, (marks) => marks.some((mark) => mark.near === 'intro'), 'the introduction to be marked');
    await waitForScanQuiet(page);
    const marks = await marksIn(page);
    const inForm = await page.evaluate(
      (name) => [...(CSS.highlights.get(name) ?? [])].filter((range) => range.startContainer.parentElement?.closest('form')).length,
      HIGHLIGHT_NAME,
    );
    assert.equal(inForm, 0, `marks inside the form: ${texts(marks)}`);
    assert.deepEqual(marks.filter((mark) => mark.forbidden), []);
    assert.equal((await page.evaluate(readMutations)).total, 0, 'the page DOM changed outside our host');
    assertNoErrors(watch);
  });

  it('code: marks prose, never pre, code, kbd or samp', async () => {
    const { page, watch } = await open('code.html');
    await waitForMarks(page, (marks) => marks.some((mark) => mark.near === 'notes'), 'the notes to be marked');
    await waitForScanQuiet(page);
    const marks = await marksIn(page);
    assert.ok(marks.some((mark) => mark.near === 'prose' && mark.text === '287(g) agreement'), `prose not marked: ${texts(marks)}`);
    assert.deepEqual(marks.filter((mark) => mark.forbidden).map((mark) => `${mark.text}@${mark.near}`), []);
    assert.equal((await page.evaluate(readMutations)).total, 0, 'the page DOM changed outside our host');
    assertNoErrors(watch);
  });

  it('shadow DOM: marks text in open shadow roots (scripted and declarative); a closed root stays intact', async (t: TestContext) => {
    const { page, watch } = await open('shadow-dom.html');
    await waitForMarks(page, (marks) => marks.some((mark) => mark.near === 'light'), 'the light-DOM paragraph to be marked');
    await waitForScanQuiet(page);
    let marks: MarkInfo[] = [];
    try {
      marks = await waitForMarks(
        page,
        (found) => found.some((mark) => mark.root === 'open') && found.some((mark) => mark.root === 'declarative'),
        'marks inside both open shadow roots',
        5000,
      );
    } finally {
      marks = await marksIn(page);
      t.diagnostic(`marks: ${JSON.stringify(marks.map((mark) => `${mark.text}@${mark.root}`))}`);
      t.diagnostic(`closed shadow root marked: ${marks.some((mark) => mark.root === 'closed')}`);
    }
    assert.ok(marks.some((mark) => mark.root === 'open' && mark.text.includes('287(g)')), 'open shadow root text not marked');
    assert.ok(marks.some((mark) => mark.root === 'declarative' && mark.text === 'Deferred Action for Childhood Arrivals'));
    const closedText = await page.evaluate(() => window.__closedRoot?.textContent ?? '');
    assert.equal(closedText, 'Temporary Protected Status holders wait for a ruling.');
    assert.equal((await page.evaluate(readMutations)).total, 0, 'the page DOM changed outside our host');
    assertNoErrors(watch);
  });

  it('iframe: marks text in a same-origin iframe as well as the parent', async () => {
    const { page, watch } = await open('iframe.html');
    await waitForMarks(page, (marks) => marks.some((mark) => mark.near === 'parent-prose'), 'the parent page to be marked');
    const child = page.frames().find((frame) => frame.url().endsWith('/iframe-child.html'));
    assert.ok(child, 'the iframe did not load');
    const childMarks = await waitForMarks(
      child,
      (marks) => marks.some((mark) => mark.text === 'Temporary Protected Status'),
      'the iframe text to be marked',
    );
    assert.deepEqual(childMarks.filter((mark) => mark.forbidden), []);
    assertNoErrors(watch);
  });

  it('SPA: a pushState navigation that replaces the view gets the new story marked and the old marks dropped', async () => {
    const { page, watch } = await open('spa.html');
    await waitForMarks(page, (marks) => marks.some((mark) => mark.near === 'home-text'), 'the first view to be marked');
    await page.click('#to-next');
    await page.waitForURL('**/spa/next');
    const marks = await waitForMarks(
      page,
      (found) => found.some((mark) => mark.text === 'Temporary Protected Status') && found.every((mark) => mark.connected),
      'the new view to be marked and the old view’s marks dropped',
    );
    assert.ok(marks.some((mark) => mark.near === 'next-text' && /asylum/i.test(mark.text)), `asylum not marked: ${texts(marks)}`);
    await page.goBack();
    await waitForMarks(
      page,
      (found) => found.some((mark) => mark.near === 'home-text') && found.every((mark) => mark.connected && mark.near !== 'next-text'),
      'the first view to be marked again after Back',
    );
    assertNoErrors(watch);
  });

  it('a paragraph rewritten every 100 ms for 10 s keeps the highlight registry bounded, ends marked, throws nothing', async (t: TestContext) => {
    const { page, watch } = await open('rewriting.html');
    const limits = await page.evaluate(() => ({ perText: window.__maxMentionsPerText ?? 0, fixed: window.__staticMentions ?? 0 }));
    // Two rewritten paragraphs plus the static one hold at most this many mentions at any moment.
    const liveMentions = 2 * limits.perText + limits.fixed;
    const bound = REGISTRY_GROWTH_LIMIT * liveMentions;
    let largest = 0;
    let mostStale = 0;
    let samples = 0;
    let samplesWithLiveMarks = 0;
    const deadline = Date.now() + 30_000;
    while (!(await page.evaluate(() => window.__rewritingDone === true))) {
      assert.ok(Date.now() < deadline, 'the page never finished rewriting');
      const marks = await marksIn(page);
      largest = Math.max(largest, marks.length);
      mostStale = Math.max(mostStale, marks.filter((mark) => !mark.connected).length);
      if (marks.some((mark) => mark.near === 'replaced' || mark.near === 'edited')) samplesWithLiveMarks++;
      samples++;
      assert.ok(marks.length <= bound, `the registry holds ${marks.length} ranges, over ${bound} (${REGISTRY_GROWTH_LIMIT} × ${liveMentions} live mentions)`);
      await sleep(200);
    }
    t.diagnostic(
      `${samples} samples while rewriting: at most ${largest} ranges (bound ${bound}), at most ${mostStale} on detached text; ` +
        `rewritten paragraphs marked in ${samplesWithLiveMarks} samples`,
    );
    // The last text (update 100) names Immigration and Customs Enforcement and a detainer.
    const marks = await waitForMarks(
      page,
      (found) => found.some((mark) => mark.near === 'replaced' && mark.text === 'Immigration and Customs Enforcement') && found.every((mark) => mark.connected),
      'the final text to be marked and no range left on replaced text',
    );
    // Once the page is still, nothing stale may remain: no more ranges than the text now holds mentions.
    assert.ok(marks.length <= liveMentions, `${marks.length} ranges left after the rewrites, for at most ${liveMentions} live mentions`);
    assertNoErrors(watch);
  });

  it('content added while a ticker keeps changing is marked without waiting for the ticker to stop', async () => {
    const { page, watch } = await open('rewriting.html');
    await page.waitForFunction(() => window.__breakingAt !== undefined, undefined, { timeout: 20_000 });
    let markedAt: number | null = null;
    while (!(await page.evaluate(() => window.__rewritingDone === true))) {
      const marks = await marksIn(page);
      if (marks.some((mark) => mark.near === 'breaking')) {
        markedAt = await page.evaluate(() => performance.now() - (window.__breakingAt ?? 0));
        break;
      }
      await sleep(150);
    }
    assert.ok(markedAt !== null, 'the paragraph added at 3 s was not marked until the page stopped changing at 10 s');
    assertNoErrors(watch);
  });

  it(`200,000 text nodes: every mention marked, no long task from us over ${LONG_TASK_LIMIT_MS} ms`, { timeout: 300_000 }, async (t: TestContext) => {
    // Wall-clock timings include the moments a loaded machine takes the CPU away from the tab, so
    // one long slice may be the machine, not us. A scan that does not yield fails every load;
    // noise does not repeat: the page is loaded afresh up to LONG_TASK_ATTEMPTS times.
    let page!: Page;
    let watch!: PageWatch;
    let timing!: ScanTiming;
    for (let attempt = 1; attempt <= LONG_TASK_ATTEMPTS; attempt++) {
      if (page) await closeQuietly(page);
      ({ page, watch } = await open('many-text-nodes.html'));
      const { nodes, mentions } = await page.evaluate(() => ({ nodes: window.__textNodes ?? 0, mentions: window.__mentions ?? 0 }));
      assert.equal(nodes, 200_000);
      await waitForMarks(page, (marks) => marks.length >= mentions, `${mentions} marks`, 120_000);
      await waitForScanQuiet(page);
      assert.ok(await page.evaluate(() => Array.isArray(window.__ceLongTasks)), 'the long-task observer never started');
      timing = await scanTimingOf(page);
      t.diagnostic(
        `load ${attempt}: ${timing.slices} scan slices, ${timing.scanMs.toFixed(0)} ms scanning over ${(timing.lastSliceEnd - timing.firstSliceAt).toFixed(0)} ms; ` +
          `longest slice ${timing.longestSlice.toFixed(1)} ms, ${timing.slicesOverLimit} slices over ${LONG_TASK_LIMIT_MS} ms; ${timing.longTasks} long tasks on the page, longest with a scan slice in it ${timing.longestOurs.toFixed(1)} ms`,
      );
      const marks = await marksIn(page);
      assert.equal(marks.filter((mark) => mark.text.includes('287(g)')).length, mentions);
      // However slow the machine, scanning 200,000 nodes must come in many short pieces.
      assert.ok(timing.slices >= MIN_SLICES, `the scan ran in ${timing.slices} slices, fewer than ${MIN_SLICES}`);
      if (longestOfOurs(timing) <= LONG_TASK_LIMIT_MS) break;
    }
    assert.ok(
      longestOfOurs(timing) <= LONG_TASK_LIMIT_MS,
      `in each of ${LONG_TASK_ATTEMPTS} loads a task of ours took over ${LONG_TASK_LIMIT_MS} ms (last: ${longestOfOurs(timing).toFixed(1)} ms)`,
    );
    // "No long task" counts only if the observer sees one: block the page on purpose and look for it.
    await page.evaluate((ms) => {
      setTimeout(() => {
        const end = performance.now() + ms;
        while (performance.now() < end);
      }, 0);
    }, PROBE_TASK_MS);
    await waitUntil(
      () => page.evaluate((ms) => (window.__ceLongTasks ?? []).some(([, duration]) => duration >= ms), PROBE_TASK_MS),
      (seen) => seen,
      { what: `the long-task observer to record a ${PROBE_TASK_MS} ms task`, timeout: 5_000 },
    );
    assertNoErrors(watch);
  });

  it('Preact: hydrates over marked server-rendered text, keeps its DOM, and still updates', async () => {
    const { page, watch } = await open('preact-hydrate.html');
    await page.waitForFunction(() => window.__hydrated === true, undefined, { timeout: 20_000 });
    const before = await page.evaluate(() => ({
      marks: window.__marksBeforeHydration ?? 0,
      sameArticle: document.querySelector('article') === window.__serverArticle,
      sameText: document.getElementById('lede')?.firstChild === window.__serverLede,
    }));
    assert.ok(before.marks > 0, 'the page hydrated before anything was marked (the test proves nothing then)');
    assert.ok(before.sameArticle && before.sameText, 'hydration threw away the server-rendered DOM');
    for (let i = 0; i < 3; i++) await page.click('#count');
    assert.equal(await page.textContent('#count'), 'Clicked 3 times');
    await page.click('#switch');
    assert.equal(await page.textContent('#topic'), 'Topic: Temporary Protected Status');
    await waitForMarks(page, (marks) => marks.some((mark) => mark.text === 'Temporary Protected Status' && mark.connected), 'the new topic to be marked');
    assert.ok((await marksIn(page)).some((mark) => mark.near === 'lede' && mark.text === '287(g) program'));
    assertNoErrors(watch);
  });
});
