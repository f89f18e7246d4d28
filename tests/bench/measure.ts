import type { BrowserContext, Page } from 'playwright-core';
import { HIGHLIGHT_NAME, SCAN_MEASURE } from '../../lib/dom/constants';
import { closeQuietly } from './browser';
import type { FloorResult, MatcherResult, RegexSource, TableResult, WalkResult } from './page-probes';
import type { ProbeBundles } from './probes-bundle';

class StepTimeout extends Error {}

async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StepTimeout(`${what}: no answer after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the content script left in the page's performance timeline (shared by all worlds). */
interface ScanSample {
  count: number;
  sum: number;
  first: number | null;
  last: number | null;
  maxSlice: number;
  slices: number[];
}

const READ_SCAN = `(() => {
  const entries = performance.getEntriesByName(${JSON.stringify(SCAN_MEASURE)}, 'measure');
  let sum = 0, first = null, last = null, maxSlice = 0;
  const slices = [];
  for (const entry of entries) {
    const end = entry.startTime + entry.duration;
    sum += entry.duration;
    if (first === null || entry.startTime < first) first = entry.startTime;
    if (last === null || end > last) last = end;
    if (entry.duration > maxSlice) maxSlice = entry.duration;
    slices.push(Math.round(entry.duration * 10) / 10);
  }
  return { count: entries.length, sum, first, last, maxSlice, slices };
})()`;

/** Ranges in our highlight: what the reader would see marked. */
const READ_MARKS = `(() => {
  const highlight = globalThis.CSS && CSS.highlights ? CSS.highlights.get(${JSON.stringify(HIGHLIGHT_NAME)}) : undefined;
  return highlight ? highlight.size : 0;
})()`;

/** null when the long-task observer never started (see LONG_TASK_OBSERVER). */
const READ_LONG_TASKS = `(window.__contextExplainersBenchLongTasks ? window.__contextExplainersBenchLongTasks.slice() : null)`;

export interface ScanRun {
  loadMs: number;
  measures: number;
  /** Sum of the scan measures (null: the content script recorded none). */
  scanMs: number | null;
  /** First slice start to last slice end, page clock. */
  windowMs: number | null;
  maxSliceMs: number | null;
  /** Every measure's duration in order (0.1 ms), to tell set-up slices from steady ones. */
  sliceMs: number[];
  /** Longest task overlapping the scan window (0: none over 50 ms; null: not measured). */
  longestTaskInScanMs: number | null;
  /** Longest task from navigation until the scan settled, whoever ran it (null: the observer never ran). */
  longestTaskOverallMs: number | null;
  marks: number | null;
  /** The measures were still growing when the page budget ran out. */
  unsettled: boolean;
  note?: string;
}

export interface ScanWaitOptions {
  quietMs: number;
  firstMeasureTimeoutMs: number;
  pageTimeoutMs: number;
}

/**
 * Loads `url` in a new tab and waits until the content script's measures stop growing: no new
 * measure for `quietMs`, or none at all after `firstMeasureTimeoutMs`.
 */
export async function loadAndWaitForScan(
  context: BrowserContext,
  url: string,
  wait: ScanWaitOptions,
): Promise<{ page: Page; run: ScanRun }> {
  const page = await context.newPage();
  try {
    const loadStart = Date.now();
    let note: string | undefined;
    try {
      await page.goto(url, { waitUntil: 'load', timeout: wait.pageTimeoutMs });
    } catch (error) {
      // A page whose load event never comes can still be scanned; say so in the row.
      note = `load: ${(error as Error).message.split('\n')[0]}`;
    }
    const loadMs = Date.now() - loadStart;
    const started = Date.now();
    let sample: ScanSample = { count: 0, sum: 0, first: null, last: null, maxSlice: 0, slices: [] };
    let lastChange = started;
    let unsettled = false;
    for (;;) {
      const next = await withTimeout(page.evaluate(READ_SCAN) as Promise<ScanSample>, wait.pageTimeoutMs, 'reading scan measures');
      const now = Date.now();
      if (next.count !== sample.count) lastChange = now;
      sample = next;
      if (sample.count > 0 && now - lastChange >= wait.quietMs) break;
      if (sample.count === 0 && now - started >= wait.firstMeasureTimeoutMs) break;
      if (now - started >= wait.pageTimeoutMs) {
        unsettled = true;
        break;
      }
      await sleep(50);
    }
    const tasks = (await withTimeout(page.evaluate(READ_LONG_TASKS), 10_000, 'reading long tasks')) as [number, number][] | null;
    if (tasks === null) note = [note, 'long-task observer not running'].filter(Boolean).join('; ');
    const marks = (await withTimeout(page.evaluate(READ_MARKS), 10_000, 'reading marks')) as number;
    let longestTaskInScanMs: number | null = null;
    if (tasks !== null && sample.first !== null && sample.last !== null) {
      longestTaskInScanMs = 0;
      for (const [start, duration] of tasks) {
        if (start < sample.last && start + duration > sample.first) longestTaskInScanMs = Math.max(longestTaskInScanMs, duration);
      }
    }
    const hasScan = sample.count > 0;
    // A page script may navigate away (meta refresh, location.replace); the numbers are then the other document's.
    if (page.url() !== url) note = [note, `navigated to ${page.url().slice(0, 80)}`].filter(Boolean).join('; ');
    return {
      page,
      run: {
        loadMs,
        measures: sample.count,
        scanMs: hasScan ? sample.sum : null,
        windowMs: hasScan ? sample.last! - sample.first! : null,
        maxSliceMs: hasScan ? sample.maxSlice : null,
        sliceMs: sample.slices,
        longestTaskInScanMs,
        longestTaskOverallMs: tasks === null ? null : tasks.reduce((max, [, duration]) => Math.max(max, duration), 0),
        marks: hasScan ? marks : null,
        unsettled,
        ...(note ? { note } : {}),
      },
    };
  } catch (error) {
    await closeQuietly(page);
    throw error;
  }
}

export interface RescanRun {
  /** Sum of the measures the rescan added (null: none within the wait). */
  scanMs: number | null;
  maxSliceMs: number | null;
}

/**
 * A full rescan of an already scanned page, as a single-page app's navigation causes it: the URL
 * changes through the history API, the content script (WXT's location watcher, polling once a
 * second) rescans the whole document with its matcher built and its code warm. Returns what the
 * new measures add up to, once none has appeared for `quietMs`.
 */
export async function rescanAfterNavigation(page: Page, step: number, wait: ScanWaitOptions): Promise<RescanRun> {
  const before = (await withTimeout(page.evaluate(READ_SCAN), wait.pageTimeoutMs, 'reading scan measures')) as ScanSample;
  // Absolute: a page's <base href> would resolve a relative URL against another origin.
  await page.evaluate(`history.pushState(history.state, '', location.origin + location.pathname + '?bench-rescan=${step}')`);
  const started = Date.now();
  let sample = before;
  let lastChange = started;
  for (;;) {
    await sleep(50);
    const next = (await withTimeout(page.evaluate(READ_SCAN), wait.pageTimeoutMs, 'reading scan measures')) as ScanSample;
    const now = Date.now();
    if (next.count !== sample.count) lastChange = now;
    sample = next;
    const added = sample.count - before.count;
    if (added > 0 && now - lastChange >= wait.quietMs) break;
    if (added === 0 && now - started >= wait.firstMeasureTimeoutMs) return { scanMs: null, maxSliceMs: null };
    if (now - started >= wait.pageTimeoutMs) break;
  }
  const slices = sample.slices.slice(before.count);
  return { scanMs: sample.sum - before.sum, maxSliceMs: slices.length > 0 ? Math.max(...slices) : null };
}

/**
 * A JavaScript world of one page that the probes run in: the page's main world, or an isolated world
 * like the one a content script runs in. DOM access costs more from an isolated world (every node
 * the script touches needs a wrapper of that world), so the floor is timed in both: the isolated
 * one is the same walk our content script could do.
 */
export interface ProbeWorld {
  evaluate(expression: string): Promise<unknown>;
}

export function mainWorld(page: Page): ProbeWorld {
  return { evaluate: (expression) => page.evaluate(expression) };
}

/** A new isolated world in the page's main frame (DevTools protocol), as Chromium gives each extension's content scripts. */
export async function isolatedWorld(page: Page): Promise<ProbeWorld> {
  const cdp = await page.context().newCDPSession(page);
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const { executionContextId } = await cdp.send('Page.createIsolatedWorld', {
    frameId: frameTree.frame.id,
    worldName: 'context-explainers-bench',
  });
  return {
    async evaluate(expression) {
      const reply = await cdp.send('Runtime.evaluate', { expression, contextId: executionContextId, returnByValue: true, awaitPromise: true });
      if (reply.exceptionDetails) throw new Error(reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text);
      return reply.result.value;
    },
  };
}

export async function installProbes(world: ProbeWorld, bundles: ProbeBundles): Promise<boolean> {
  await world.evaluate(bundles.probes);
  if (bundles.blocks === null) return false;
  await world.evaluate(bundles.blocks);
  return true;
}

const probe = (call: string) => `globalThis.__contextExplainersBench.${call}`;

export function bareWalk(world: ProbeWorld, timeoutMs: number): Promise<WalkResult> {
  return withTimeout(world.evaluate(probe('bareWalk()')) as Promise<WalkResult>, timeoutMs, 'bare walk');
}

export function floor(world: ProbeWorld, sources: readonly RegexSource[], timeoutMs: number): Promise<FloorResult> {
  return withTimeout(world.evaluate(probe(`floor(${JSON.stringify(sources)})`)) as Promise<FloorResult>, timeoutMs, 'floor');
}

/** Hands a pack's compiled table (JSON, as the background sends it) to the probes; times the frame's parse. */
export function receiveTable(world: ProbeWorld, key: string, json: string, timeoutMs: number): Promise<TableResult> {
  return withTimeout(
    world.evaluate(probe(`receiveTable(${JSON.stringify(key)}, ${JSON.stringify(json)})`)) as Promise<TableResult>,
    timeoutMs,
    'receive table',
  );
}

export function matcherOverTextNodes(world: ProbeWorld, key: string, timeoutMs: number): Promise<MatcherResult> {
  return withTimeout(
    world.evaluate(probe(`matcherOverTextNodes(${JSON.stringify(key)})`)) as Promise<MatcherResult>,
    timeoutMs,
    'matcher over text nodes',
  );
}

export function blockWalkOnly(world: ProbeWorld, timeoutMs: number): Promise<WalkResult | null> {
  return withTimeout(world.evaluate(probe('blockWalkOnly()')) as Promise<WalkResult | null>, timeoutMs, 'block walk');
}

export function matcherOverBlocks(world: ProbeWorld, key: string, timeoutMs: number): Promise<MatcherResult | null> {
  return withTimeout(
    world.evaluate(probe(`matcherOverBlocks(${JSON.stringify(key)})`)) as Promise<MatcherResult | null>,
    timeoutMs,
    'matcher over blocks',
  );
}

/**
 * mark.js as a page would load it. Wrapped so a page's own AMD/CommonJS globals cannot capture the
 * UMD export; the constructor is kept on a private global.
 */
export function markJsInstaller(markSource: string): string {
  return `(function () {
  var holder = {};
  (function (module, exports, define) {
${markSource}
  }).call(holder);
  Object.defineProperty(window, '__contextExplainersBenchMark', { value: holder.Mark, configurable: true });
})();`;
}

export interface MarkJsRun {
  ms: number;
  marks: number;
}

/** One fresh load, then `new Mark(document.body).mark(terms, …)` timed until its `done` callback. */
export async function markJsRun(
  context: BrowserContext,
  url: string,
  installer: string,
  terms: readonly string[],
  timeoutMs: number,
): Promise<MarkJsRun> {
  const page = await context.newPage();
  try {
    try {
      await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
    } catch {
      // Same policy as the scan: time what loaded.
    }
    try {
      await page.addScriptTag({ content: installer });
    } catch {
      // A page CSP can refuse inline scripts; evaluate is not subject to it.
    }
    const installed = await page.evaluate('typeof window.__contextExplainersBenchMark === "function"');
    if (!installed) await page.evaluate(installer);
    const run = `new Promise((resolve) => {
  const Mark = window.__contextExplainersBenchMark;
  const start = performance.now();
  new Mark(document.body).mark(${JSON.stringify(terms)}, {
    separateWordSearch: false,
    accuracy: 'exactly',
    done: (marks) => resolve({ ms: performance.now() - start, marks }),
  });
})`;
    return (await withTimeout(page.evaluate(run), timeoutMs, 'mark.js')) as MarkJsRun;
  } finally {
    await closeQuietly(page);
  }
}
