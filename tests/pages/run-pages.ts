/**
 * Real-page robustness suite ("Never break a page"): opens every page of the corpus with and without
 * the built extension, behind a network fence, and checks that the extension throws nothing, changes
 * no page node outside its shadow host, moves no element, makes no request, and marks nothing in
 * inputs, textareas, editable regions or code. Judging rules: ./compare.ts.
 *
 *   npm run test:pages -- [--pages DIR] [--extension DIR] [--only name,name] [--json FILE]
 *                          [--page-timeout MS] [--settle-max MS] [--jobs N] [--headed]
 *
 * Exits 1 when any page fails. Writes every number to .output/pages/results.json.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { HIGHLIGHT_NAME, SCAN_MEASURE, SHADOW_HOST_TAG } from '../../lib/dom/constants';
import {
  closeQuietly,
  DEFAULT_EXTENSION_DIR,
  launchContext,
  REPO_ROOT,
  watchPage,
  type LaunchedContext,
  type PageWatch,
} from './browser';
import { examples, isClean, judge, type Judgement, type VisitSnapshot } from './compare';
import {
  countScanMeasures,
  mutationRecorderScript,
  readBoxes,
  readHighlights,
  readMutations,
  readStructureDigest,
  type HighlightReport,
} from './probes';
import { serveFolder } from '../e2e/static-server';

/** Elements compared per page, in document order: above the largest corpus page (about 10,000 elements). */
const MAX_BOXES = 25_000;
const SETTLE_POLL_MS = 200;
/** The scan counts as finished once no new `explainers:scan` measure appeared for this long. */
const SETTLE_QUIET_MS = 800;
/** How much later the runs are read again when a difference survived two plain runs. */
const LATE_READ_MS = 2500;

const { values: args } = parseArgs({
  options: {
    pages: { type: 'string', default: path.resolve(REPO_ROOT, '../shared/corpus/pages') },
    extension: { type: 'string', default: DEFAULT_EXTENSION_DIR },
    only: { type: 'string' },
    json: { type: 'string', default: path.join(REPO_ROOT, '.output/pages/results.json') },
    'page-timeout': { type: 'string', default: '30000' },
    'settle-max': { type: 'string', default: '5000' },
    jobs: { type: 'string', default: '2' },
    headed: { type: 'boolean', default: false },
  },
});
/**
 * Pages visited at once. Each visit is a with/without pair read at the same page age, so pairs do
 * not disturb each other's comparison; only service-worker events (rare) cannot be pinned to one
 * page when jobs > 1, and are then charged to whichever visit ends next.
 */
const jobs = Number(args.jobs);
const pageTimeoutMs = Number(args['page-timeout']);
const settleMaxMs = Number(args['settle-max']);

interface PageResult {
  page: string;
  verdict: 'pass' | 'fail';
  reasons: string[];
  matches: number;
  scanMs: number;
  scanMaxMs: number;
  scanSlices: number;
  /** Time from both loads starting until the scan went quiet. */
  settleMs: number;
  /** Plain runs used as the baseline: 2 when the first comparison found a difference. */
  plainRuns: number;
  /** Whether all runs were read a second time, later, because a difference survived two plain runs. */
  lateRead: boolean;
  /** What the comparison with the first plain run alone found, when a second run was needed. */
  firstComparison: Judgement | null;
  mutationsOurs: number;
  elementsCompared: number;
  judgement: Judgement;
  forbiddenMarks: string[];
  wallMs: number;
}

interface OpenedPage {
  page: Page;
  watch: PageWatch;
  loadError: string | null;
}

async function openPage(launched: LaunchedContext, url: string): Promise<OpenedPage> {
  const page = await launched.context.newPage();
  const watch = watchPage(page, launched.extensionId);
  let loadError: string | null = null;
  await page.goto(url, { waitUntil: 'load', timeout: Math.min(15_000, pageTimeoutMs / 2) }).catch((error: Error) => {
    loadError = error.message.split('\n')[0] ?? 'load failed';
  });
  return { page, watch, loadError };
}

/** Runs `read` again once if the page's own script replaced the document under us. */
async function retryOnNavigation<R>(page: Page, read: () => Promise<R>): Promise<R> {
  try {
    return await read();
  } catch (error) {
    if (!/context was destroyed|navigat/i.test(String(error))) throw error;
    await page.waitForLoadState('load').catch(() => {});
    return read();
  }
}

async function waitForScanToSettle(page: Page): Promise<boolean> {
  const deadline = Date.now() + settleMaxMs;
  let last = -1;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    const count = await retryOnNavigation(page, () => page.evaluate(countScanMeasures, SCAN_MEASURE)).catch(() => 0);
    if (count !== last) {
      last = count;
      quietSince = Date.now();
    } else if (count > 0 && Date.now() - quietSince >= SETTLE_QUIET_MS) {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
  }
  return last > 0;
}

/** Milliseconds since the page's load event ended (since navigation start if it never loaded). */
function sinceLoad(): number {
  const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  return performance.now() - (navigation?.loadEventEnd ?? 0);
}

/**
 * Waits until the page has been loaded for `target` ms, then reads it: runs are compared at the
 * same age, so page timers counted from load have fired equally often in both.
 */
async function snapshotAt(opened: OpenedPage, target: number): Promise<VisitSnapshot> {
  const age = await retryOnNavigation(opened.page, () => opened.page.evaluate(sinceLoad)).catch(() => target);
  if (target > age) await new Promise((resolve) => setTimeout(resolve, target - age));
  return snapshot(opened);
}

async function snapshot(opened: OpenedPage): Promise<VisitSnapshot> {
  const mutations = await retryOnNavigation(opened.page, () => opened.page.evaluate(readMutations));
  const boxes = await retryOnNavigation(opened.page, () => opened.page.evaluate(readBoxes, { hostTag: SHADOW_HOST_TAG, cap: MAX_BOXES }));
  const structure = await retryOnNavigation(opened.page, () => opened.page.evaluate(readStructureDigest, SHADOW_HOST_TAG));
  return { mutations, boxes, structure, errors: [...opened.watch.errors], requests: [...opened.watch.requests] };
}

async function visitPage(name: string, url: string, plain: LaunchedContext, withExtension: LaunchedContext, opened: Page[]): Promise<PageResult> {
  const started = Date.now();
  const [plainVisit, extensionVisit] = await Promise.all([openPage(plain, url), openPage(withExtension, url)]);
  opened.push(plainVisit.page, extensionVisit.page);
  const scanned = await waitForScanToSettle(extensionVisit.page);
  const settleMs = Date.now() - started;
  const ages = await Promise.all(
    [plainVisit, extensionVisit].map((visit) => retryOnNavigation(visit.page, () => visit.page.evaluate(sinceLoad)).catch(() => 0)),
  );
  const age = Math.max(...ages);
  const workerSeen: Pick<VisitSnapshot, 'errors' | 'requests'> = { errors: [], requests: [] };
  const readExtension = async (target: number): Promise<VisitSnapshot> => {
    const read = await snapshotAt(extensionVisit, target);
    const worker = withExtension.drainWorker();
    workerSeen.errors.push(...worker.errors);
    workerSeen.requests.push(...worker.requests);
    read.errors.push(...workerSeen.errors);
    read.requests.push(...workerSeen.requests);
    return read;
  };
  const [plainSnapshot, extensionSnapshot] = await Promise.all([snapshotAt(plainVisit, age), readExtension(age)]);
  const highlights: HighlightReport = await retryOnNavigation(extensionVisit.page, () =>
    extensionVisit.page.evaluate(readHighlights, { highlightName: HIGHLIGHT_NAME, scanMeasure: SCAN_MEASURE }),
  );

  let plainRuns = 1;
  let lateRead = false;
  let judgement = judge(extensionSnapshot, [plainSnapshot]);
  const firstComparison = isClean(judgement) ? null : judgement;
  let mutationsOurs = extensionSnapshot.mutations.ours;
  if (!isClean(judgement)) {
    // A second plain visit, read at the same age, shows where the page varies on its own.
    const second = await openPage(plain, url);
    opened.push(second.page);
    const secondSnapshot = await snapshotAt(second, age);
    plainRuns = 2;
    judgement = judge(extensionSnapshot, [plainSnapshot, secondSnapshot]);
    if (!isClean(judgement)) {
      // Page timers on idle callbacks or lazy loaders fire at different ages on a busy machine, and
      // the logs are cumulative: read all three again later. Only a difference that persists counts.
      lateRead = true;
      const later = age + LATE_READ_MS;
      const [plainLate, secondLate, extensionLate] = await Promise.all([
        snapshotAt(plainVisit, later),
        snapshotAt(second, later),
        readExtension(later),
      ]);
      judgement = judge(extensionLate, [plainLate, secondLate]);
      mutationsOurs = extensionLate.mutations.ours;
    }
    await closeQuietly(second.page);
  }
  await Promise.all([closeQuietly(plainVisit.page), closeQuietly(extensionVisit.page)]);

  const reasons: string[] = [];
  if (!scanned) reasons.push('no scan (no explainers:scan measure within the settle time)');
  if (extensionVisit.loadError) reasons.push(`load: ${extensionVisit.loadError}`);
  if (extensionSnapshot.mutations.total < 0) reasons.push('mutation recorder missing');
  if (judgement.errors.length) reasons.push(`errors: ${examples(judgement.errors).join(' | ')}`);
  if (judgement.mutations.length) reasons.push(`mutations: ${examples(judgement.mutations).join(' | ')}`);
  if (judgement.moved.length) reasons.push(`moved: ${examples(judgement.moved).join(' | ')}`);
  if (judgement.requests.length) reasons.push(`requests: ${examples(judgement.requests).join(' | ')}`);
  if (highlights.forbidden.length) reasons.push(`marked in input/textarea/editable/code/pre: ${examples(highlights.forbidden).join(' | ')}`);
  return {
    page: name,
    verdict: reasons.length === 0 ? 'pass' : 'fail',
    reasons,
    matches: highlights.ranges,
    scanMs: round(highlights.scanMs),
    scanMaxMs: round(highlights.scanMaxMs),
    scanSlices: highlights.scanCount,
    settleMs,
    plainRuns,
    lateRead,
    firstComparison,
    mutationsOurs,
    elementsCompared: Object.keys(extensionSnapshot.boxes.boxes).length,
    judgement,
    forbiddenMarks: highlights.forbidden,
    wallMs: Date.now() - started,
  };
}

const round = (value: number) => Math.round(value * 10) / 10;

function failedResult(name: string, reason: string, started: number): PageResult {
  return {
    page: name,
    verdict: 'fail',
    reasons: [reason],
    matches: 0,
    scanMs: 0,
    scanMaxMs: 0,
    scanSlices: 0,
    settleMs: 0,
    plainRuns: 0,
    lateRead: false,
    firstComparison: null,
    mutationsOurs: 0,
    elementsCompared: 0,
    judgement: { errors: [], mutations: [], mutationCount: 0, moved: [], requests: [] },
    forbiddenMarks: [],
    wallMs: Date.now() - started,
  };
}

const COLUMNS = ['page', 'matches', 'scan ms', 'errors', 'mutations', 'moved', 'requests', 'verdict'] as const;
const WIDTHS = [44, 8, 9, 7, 10, 6, 9, 7];

function row(cells: (string | number)[]): string {
  return cells.map((cell, i) => (i === 0 ? String(cell).padEnd(WIDTHS[i]!) : String(cell).padStart(WIDTHS[i]!))).join(' ');
}

function printRow(result: PageResult): void {
  const { judgement } = result;
  console.log(
    row([
      result.page.slice(0, WIDTHS[0]),
      result.matches,
      result.scanMs.toFixed(1),
      judgement.errors.length,
      judgement.mutationCount,
      judgement.moved.length,
      judgement.requests.length,
      result.verdict,
    ]),
  );
}

async function main(): Promise<void> {
  const pagesDir = path.resolve(args.pages);
  const only = args.only?.split(',').map((part) => part.trim()).filter(Boolean);
  const names = readdirSync(pagesDir)
    .filter((file) => /\.html?$/i.test(file))
    .filter((file) => !only || only.some((part) => file.includes(part)))
    .sort();
  if (names.length === 0) throw new Error(`No .html pages in ${pagesDir}${only ? ` matching ${only.join(',')}` : ''}`);

  const runStarted = Date.now();
  const server = await serveFolder(pagesDir);
  const recorder = mutationRecorderScript(SHADOW_HOST_TAG);
  const [plain, withExtension] = await Promise.all([
    launchContext({ initScripts: [recorder], headless: !args.headed }),
    launchContext({ extensionDir: path.resolve(args.extension), initScripts: [recorder], headless: !args.headed }),
  ]);
  console.log(`${names.length} pages from ${pagesDir}; extension ${path.resolve(args.extension)} (id ${withExtension.extensionId})`);
  console.log(row([...COLUMNS]));
  console.log('-'.repeat(WIDTHS.reduce((sum, width) => sum + width + 1, 0)));

  const results: PageResult[] = [];
  const queue = [...names];
  const runJob = async () => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      const started = Date.now();
      const opened: Page[] = [];
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<PageResult>((resolve) => {
        timer = setTimeout(() => resolve(failedResult(name, `timeout after ${pageTimeoutMs} ms`, started)), pageTimeoutMs);
      });
      const result = await Promise.race([
        visitPage(name, server.url(encodeURIComponent(name)), plain, withExtension, opened).catch((error: unknown) =>
          failedResult(name, `harness: ${String(error).split('\n')[0]}`, started),
        ),
        timeout,
      ]);
      clearTimeout(timer);
      await Promise.all(opened.filter((page) => !page.isClosed()).map(closeQuietly));
      results.push(result);
      printRow(result);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, jobs) }, runJob));
    results.sort((a, b) => a.page.localeCompare(b.page));
  } finally {
    await Promise.all([plain.close(), withExtension.close(), server.close()]);
  }

  const durationMs = Date.now() - runStarted;
  const failed = results.filter((result) => result.verdict === 'fail');
  const sum = (pick: (result: PageResult) => number) => results.reduce((total, result) => total + pick(result), 0);
  console.log('');
  if (failed.length > 0) {
    console.log('Failures:');
    for (const result of failed) console.log(`  ${result.page}\n    ${result.reasons.join('\n    ')}`);
    console.log('');
  }
  const slowest = [...results].sort((a, b) => b.scanMaxMs - a.scanMaxMs).slice(0, 3);
  console.log(
    `${results.length} pages: ${results.length - failed.length} pass, ${failed.length} fail; ` +
      `${sum((result) => result.matches)} marks on ${results.filter((result) => result.matches > 0).length} pages; ` +
      `${results.filter((result) => result.plainRuns > 1).length} pages needed a second plain run ` +
      `(${results.filter((result) => result.plainRuns > 1).map((result) => result.page).join(', ') || 'none'}), ` +
      `${results.filter((result) => result.lateRead).length} a late second read.`,
  );
  console.log(
    `Scan: ${sum((result) => result.scanMs).toFixed(0)} ms in total; longest slice ${slowest
      .map((result) => `${result.scanMaxMs} ms (${result.page})`)
      .join(', ')}. Wall time ${(durationMs / 1000).toFixed(1)} s.`,
  );

  mkdirSync(path.dirname(path.resolve(args.json)), { recursive: true });
  writeFileSync(
    path.resolve(args.json),
    JSON.stringify(
      {
        generatedAt: new Date().toISOString(),
        pagesDir,
        extensionDir: path.resolve(args.extension),
        durationMs,
        pass: results.length - failed.length,
        fail: failed.length,
        results,
      },
      null,
      2,
    ),
  );
  console.log(`Results: ${path.resolve(args.json)}`);
  // The plain closing line CI reads as this suite's result.
  console.log(`pages: ${results.length - failed.length} passed, ${failed.length} failed`);
  process.exitCode = failed.length > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
