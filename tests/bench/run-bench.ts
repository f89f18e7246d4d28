/**
 * `npm run bench`: the detection engine in real Chromium, over every corpus page and one stress page.
 * See tests/bench/README.md for what each column measures and how.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { BrowserContext } from 'playwright-core';
import type { MatchTerm } from '../../lib/match/types';
import { launchBrowsers, closeQuietly, type Browsers } from './browser';
import { buildStressPage, largest, listPages, spreadBySize, typicalBySize, type CorpusPage } from './corpus';
import {
  bareWalk,
  blockWalkOnly,
  floor,
  installProbes,
  isolatedWorld,
  loadAndWaitForScan,
  mainWorld,
  markJsInstaller,
  rescanAfterNavigation,
  markJsRun,
  matcherOverBlocks,
  matcherOverTextNodes,
  receiveTable,
  type RescanRun,
  type ScanRun,
  type ScanWaitOptions,
} from './measure';
import { parseOptions, type BenchOptions } from './options';
import type { RegexSource } from './page-probes';
import { buildProbeBundles, type ProbeBundles } from './probes-bundle';
import { formatPages, formatScaling, formatTargets, strictFailures, targets, type PageRow, type ScalingRow } from './report';
import { maxOf, median } from './stats';
import { startServer } from './static-server';
import { floorRegexes, frequentWords, loadPackTerms, syntheticTerms } from './terms';
import { coldFloorRun, coldFloorSource } from './cold-floor';
import { compileTerms } from '../../lib/match/compile';
import { packTerms as packTable } from '../../lib/match/packed';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const QUICK_PAGE_COUNT = 20;
const STRESS_SOURCE_COUNT = 20;
const STRESS_STEP_TIMEOUT_MS = 300_000;
/** 15,000: about the terms of 5,000 explainers (issue 14's newsroom pack). */
const SCALING_SIZES = [100, 1000, 10_000, 15_000];
const MIN_SCALING_RUNS = 3;
const STRESS_NAME = 'stress (20 largest bodies)';

interface Target {
  name: string;
  kind: 'corpus' | 'stress';
  url: string;
  bytes: number;
  /** Whether this page is in the mark.js sample. */
  markJs: boolean;
}

/** A term table for the scaling table, compiled as the background compiles it for content scripts. */
interface ScalingPack {
  label: string;
  terms: number;
  /** JSON of packTerms(compileTerms(terms)): what a frame receives. */
  table: string;
}

interface ScalingResult {
  rows: ScalingRow[];
  error: string | null;
  /** Characters in the longest block the content script's walk hands to the matcher at once. */
  largestBlockChars: number | null;
  /** lib/dom BlockWalker over the stress page with no matching (median). */
  blockWalkMs: number | null;
  blocks: number | null;
}

interface RowRuns {
  scan: ScanRun[];
  rescan: RescanRun[];
  bareWalkMs: number[];
  floorColdMs: number | null;
  floorMs: number[];
  /** The same floor timed in an isolated world of the page, where content scripts run. */
  isolatedFloorMs: number[];
  markJsMs: number[];
  /** Cold native floor (cold-floor.ts): one per fresh load without the extension, taking turns with the scan loads. */
  coldFloorMs: number[];
}

const log = (line: string) => process.stderr.write(`${line}\n`);
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 200);

function gitDescription(): { commit: string | null; subject: string | null } {
  try {
    const [commit, subject] = execFileSync('git', ['log', '-1', '--format=%H%n%s'], { cwd: repoRoot, encoding: 'utf8' }).split('\n');
    return { commit: commit ?? null, subject: subject ?? null };
  } catch {
    return { commit: null, subject: null };
  }
}

interface Inputs {
  markInstaller: string;
  markTerms: string[];
  floorSources: RegexSource[];
  coldFloorSource: string;
  bundles: ProbeBundles;
  wait: ScanWaitOptions;
}

async function measurePage(target: Target, browsers: Browsers, inputs: Inputs, options: BenchOptions): Promise<{ row: PageRow; runs: RowRuns }> {
  const stepTimeout = target.kind === 'stress' ? Math.max(options.pageTimeoutMs, STRESS_STEP_TIMEOUT_MS) : options.pageTimeoutMs;
  const wait = { ...inputs.wait, pageTimeoutMs: stepTimeout };
  const errors: string[] = [];
  const runs: RowRuns = { scan: [], rescan: [], bareWalkMs: [], floorColdMs: null, floorMs: [], isolatedFloorMs: [], markJsMs: [], coldFloorMs: [] };
  let coldFloorMatches: number | null = null;
  let textNodes: number | null = null;
  let chars: number | null = null;
  let floorMatches: number | null = null;
  let markJsMatches: number | null = null;

  // 1. Full scans: one fresh load per run, the extension's own measures; each followed by a fresh
  // load without the extension for the cold native floor, so both see the same machine state.
  let scannedPage = null;
  let coldFloorFailed = false;
  for (let r = 0; r < options.scanRuns; r++) {
    try {
      const { page, run } = await loadAndWaitForScan(browsers.withExtension, target.url, wait);
      runs.scan.push(run);
      if (r === options.scanRuns - 1) scannedPage = page;
      else await closeQuietly(page);
    } catch (error) {
      errors.push(`scan: ${errorText(error)}`);
      break;
    }
    if (coldFloorFailed) continue;
    try {
      const result = await coldFloorRun(browsers.plain, target.url, inputs.coldFloorSource, stepTimeout);
      runs.coldFloorMs.push(result.ms);
      coldFloorMatches = result.matches;
    } catch (error) {
      errors.push(`cold floor: ${errorText(error)}`);
      coldFloorFailed = true;
    }
  }

  // 2. Floor and bare walk in the same page, in the main world and in an isolated world: the floor's
  // first run (cold), then an untimed run of each.
  let main = null;
  let isolated = null;
  if (scannedPage) {
    try {
      main = mainWorld(scannedPage);
      await installProbes(main, inputs.bundles);
      runs.floorColdMs = (await floor(main, inputs.floorSources, stepTimeout)).ms;
      await bareWalk(main, stepTimeout);
      await floor(main, inputs.floorSources, stepTimeout);
    } catch (error) {
      errors.push(`walk/floor: ${errorText(error)}`);
      main = null;
    }
    try {
      isolated = await isolatedWorld(scannedPage);
      await installProbes(isolated, inputs.bundles);
      await floor(isolated, inputs.floorSources, stepTimeout);
    } catch (error) {
      errors.push(`isolated floor: ${errorText(error)}`);
      isolated = null;
    }
  }

  // 3. Full rescans of the last loaded page (SPA navigation), the same work with warm code, taking
  // turns with the timed floor runs so both sides see the same machine and the same page state.
  if (scannedPage) {
    let rescanning = true;
    for (let r = 0; r < Math.max(options.rescanRuns, options.runs); r++) {
      if (rescanning && r < options.rescanRuns) {
        try {
          const rescan = await rescanAfterNavigation(scannedPage, r, wait);
          if (rescan.scanMs === null) {
            errors.push('rescan: no measure after the navigation');
            rescanning = false;
          } else runs.rescan.push(rescan);
        } catch (error) {
          errors.push(`rescan: ${errorText(error)}`);
          rescanning = false;
        }
      }
      if (r >= options.runs) continue;
      if (main) {
        try {
          const walk = await bareWalk(main, stepTimeout);
          runs.bareWalkMs.push(walk.ms);
          textNodes = walk.textNodes;
          chars = walk.chars;
          const result = await floor(main, inputs.floorSources, stepTimeout);
          runs.floorMs.push(result.ms);
          floorMatches = result.matches;
        } catch (error) {
          errors.push(`walk/floor: ${errorText(error)}`);
          main = null;
        }
      }
      if (isolated) {
        try {
          runs.isolatedFloorMs.push((await floor(isolated, inputs.floorSources, stepTimeout)).ms);
        } catch (error) {
          errors.push(`isolated floor: ${errorText(error)}`);
          isolated = null;
        }
      }
    }
    await closeQuietly(scannedPage);
  }

  // 4. mark.js on fresh loads without the extension.
  if (target.markJs) {
    for (let r = 0; r < options.markJsRuns; r++) {
      try {
        const result = await markJsRun(browsers.plain, target.url, inputs.markInstaller, inputs.markTerms, stepTimeout);
        runs.markJsMs.push(result.ms);
        markJsMatches = result.marks;
      } catch (error) {
        errors.push(`mark.js: ${errorText(error)}`);
        break;
      }
    }
  }

  const scans = runs.scan;
  const lastScan = scans[scans.length - 1];
  for (const note of new Set(scans.map((run) => run.note).filter(Boolean))) errors.push(note!);
  if (scans.some((run) => run.unsettled)) errors.push('scan measures still growing at the page timeout');
  const row: PageRow = {
    page: target.name,
    kind: target.kind,
    bytes: target.bytes,
    textNodes,
    chars,
    bareWalkMs: median(runs.bareWalkMs),
    floorMs: median(runs.floorMs),
    isolatedFloorMs: median(runs.isolatedFloorMs),
    floorColdMs: runs.floorColdMs,
    coldFloorMs: median(runs.coldFloorMs),
    coldFloorMatches,
    floorMatches,
    scanMs: median(scans.map((run) => run.scanMs)),
    warmScanMs: median(runs.rescan.map((run) => run.scanMs)),
    scanMsBest: scans.reduce<number | null>((best, run) => (run.scanMs === null ? best : Math.min(best ?? Infinity, run.scanMs)), null),
    scanMeasures: lastScan ? lastScan.measures : null,
    marks: lastScan ? lastScan.marks : null,
    markJsMeasured: target.markJs,
    markJsMs: median(runs.markJsMs),
    markJsMatches,
    longestTaskInScanMs: maxOf(scans.map((run) => run.longestTaskInScanMs)),
    longestTaskOverallMs: maxOf(scans.map((run) => run.longestTaskOverallMs)),
    maxSliceMs: maxOf([...scans.map((run) => run.maxSliceMs), ...runs.rescan.map((run) => run.maxSliceMs)]),
    errors,
  };
  return { row, runs };
}

async function measureScaling(
  context: BrowserContext,
  url: string,
  packs: ScalingPack[],
  inputs: Inputs,
  options: BenchOptions,
): Promise<ScalingResult> {
  const page = await context.newPage();
  const samples = packs.map(() => ({
    parse: null as number | null,
    build: [] as number[],
    firstPass: [] as number[],
    nodes: [] as number[],
    blocks: [] as number[],
    nodeMatches: null as number | null,
    blockMatches: null as number | null,
  }));
  let error: string | null = null;
  let largestBlockChars: number | null = null;
  const blockWalks: number[] = [];
  let blocks: number | null = null;
  try {
    await page.goto(url, { waitUntil: 'load', timeout: STRESS_STEP_TIMEOUT_MS });
    const world = mainWorld(page);
    const haveBlocks = await installProbes(world, inputs.bundles);
    for (const [index, pack] of packs.entries()) samples[index]!.parse = (await receiveTable(world, pack.label, pack.table, STRESS_STEP_TIMEOUT_MS)).parseMs;
    // The first pass builds each pack's matcher (matcherFrom, then its automaton on first use) and
    // is reported apart; the timed passes reuse it. At least three timed passes even in --quick,
    // since a one-sample ratio of two ~50 ms numbers is noise.
    const passes = Math.max(options.runs, MIN_SCALING_RUNS);
    for (let pass = -1; pass < passes; pass++) {
      const walk = haveBlocks ? await blockWalkOnly(world, STRESS_STEP_TIMEOUT_MS) : null;
      if (walk && pass >= 0) {
        blockWalks.push(walk.ms);
        blocks = walk.textNodes;
      }
      for (const [index, pack] of packs.entries()) {
        const nodes = await matcherOverTextNodes(world, pack.label, STRESS_STEP_TIMEOUT_MS);
        const blocks = haveBlocks ? await matcherOverBlocks(world, pack.label, STRESS_STEP_TIMEOUT_MS) : null;
        const sample = samples[index]!;
        if (pass < 0) {
          if (nodes.buildMs !== null) sample.build.push(nodes.buildMs);
          sample.firstPass.push(nodes.ms);
          continue;
        }
        sample.nodes.push(nodes.ms);
        sample.nodeMatches = nodes.matches;
        if (blocks) {
          largestBlockChars = blocks.longestUnit;
          sample.blocks.push(blocks.ms);
          sample.blockMatches = blocks.matches;
        }
      }
    }
  } catch (caught) {
    error = errorText(caught);
  } finally {
    await closeQuietly(page);
  }
  const rows = packs.map((pack, index) => {
    const sample = samples[index]!;
    return {
      label: pack.label,
      terms: pack.terms,
      tableKB: pack.table.length / 1024,
      parseMs: sample.parse,
      buildMs: median(sample.build),
      firstPassMs: median(sample.firstPass),
      textNodesMs: median(sample.nodes),
      textNodesMatches: sample.nodeMatches,
      blocksMs: median(sample.blocks),
      blocksMatches: sample.blockMatches,
    };
  });
  return { rows, error, largestBlockChars, blockWalkMs: median(blockWalks), blocks };
}

function methodNotes(options: BenchOptions, stressSources: string[], blocksError: string | null, loadAtStart: number): string {
  return [
    `Method: real Chromium (headless), pages served from 127.0.0.1, every other request aborted. Medians of ${options.scanRuns} fresh load(s) per page for the full scan,`,
    `  ${options.rescanRuns} rescan(s) after an SPA navigation in the last loaded page,`,
    `  ${options.runs} in-page run(s) for bare walk / floor / scaling, ${options.markJsRuns} fresh load(s) for mark.js ("skip" = page not in the mark.js sample).`,
    `  Machine: ${cpus().length} CPUs, load average ${loadavg()[0]!.toFixed(1)} now, ${loadAtStart.toFixed(1)} at start (other processes share the CPUs).`,
    '  bare walk    TreeWalker(SHOW_TEXT) over document.body reading every text node, in the page main world after the scan settled',
    '  floor        same walk running two precompiled alternations of the pack terms (giu / gu by case mode, word-bounded) on every text node;',
    '               "first" = its first run in the page (RegExp compile and cold code included), "median" = timed runs after an untimed one,',
    '               taking turns with the rescans; "isolated" = the same in an isolated world of the page (where content scripts run)',
    `  full scan    sum of the content script's "explainers:scan" measures (settled = no new measure for ${options.quietMs} ms): "fresh" = first`,
    '               scan of a fresh load (cold code; matcher set-up included), "rescan" = full rescan after history.pushState (warm code)',
    '  cold floor   issue 14\'s cold native floor: a fresh load without the extension builds one case-insensitive RegExp of every term',
    '               spelling (giu, word-bounded) and walks the text nodes once, all timed; median over as many loads as the scan',
    '  scan/floor   cold = fresh / cold floor, warm = rescan / isolated median, warm main = rescan / main-world median; the warm targets',
    '               read the isolated floor (same page, median of runs, the same kind of world as the scan) and show warm main beside it',
    '  mark.js      fresh load without the extension; new Mark(document.body).mark(terms, {separateWordSearch:false, accuracy:"exactly"}) until done',
    '  matches      ranges in the extension highlight (what the reader sees marked) and, in brackets, floor regex hits',
    '  longest task PerformanceObserver longtask (> 50 ms only, else "<50"): overlapping the scan window / anywhere before the scan settled (page scripts too), max over runs',
    `  stress page  bodies of the ${stressSources.length} largest corpus pages concatenated, page scripts removed`,
    `  scaling      lib/match built by esbuild into the page; each pack compiled in Node (compileTerms and packTerms, as the background does) and sent as JSON;` +
      ' parse = JSON.parse of it in the page, build = matcherFrom (a frame\'s set-up), first pass = the pass that resolves the automaton,' +
      ' then match() on every text node of the stress page (no skipping);' +
      (blocksError ? ` block walk unavailable (${blocksError})` : ' "blocks" = the same matcher over lib/dom BlockWalker blocks'),
  ].join('\n');
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), repoRoot);
  const began = Date.now();

  const contentScript = join(options.extensionDir, 'content-scripts/content.js');
  if (!existsSync(join(options.extensionDir, 'manifest.json'))) {
    throw new Error(`${options.extensionDir}: no manifest.json; run \`npm run build\` first (or pass --ext DIR)`);
  }
  const bundle = existsSync(contentScript) ? readFileSync(contentScript) : null;
  const bundleRaw = bundle ? bundle.length : null;
  const bundleGzip = bundle ? gzipSync(bundle, { level: 9 }).length : null;

  const packFile = join(repoRoot, 'public/packs/default.json');
  const packTerms = loadPackTerms(packFile);
  const markTerms = [...new Set(packTerms.map((term) => term.text))];
  const floorSources = floorRegexes(packTerms);
  const coldSource = coldFloorSource(packTerms);

  const allPages = listPages(options.pagesDir);
  let chosen: CorpusPage[] = options.quick ? spreadBySize(allPages, QUICK_PAGE_COUNT) : allPages;
  const wantStress = !options.skipStress && (options.only.length === 0 || options.only.includes('stress'));
  if (options.only.length > 0) chosen = chosen.filter((page) => options.only.some((part) => page.name.includes(part)));
  const stressSources = largest(allPages, STRESS_SOURCE_COUNT);
  const stress = buildStressPage(stressSources);

  const files = new Map(allPages.map((page) => [`/pages/${page.name}.html`, page.file]));
  const server = await startServer(files, new Map([['/stress.html', stress.html]]));
  const bundles = await buildProbeBundles();
  // The full run's sample includes the largest page; --quick keeps to typical sizes to stay short.
  const sampleBySize = options.quick ? typicalBySize : spreadBySize;
  const markJsSample = new Set(options.markJsPages >= chosen.length ? chosen : sampleBySize(chosen, options.markJsPages));
  const targetsToRun: Target[] = chosen.map((page) => ({
    name: page.name,
    kind: 'corpus',
    url: `${server.origin}/pages/${encodeURIComponent(page.name)}.html`,
    bytes: page.bytes,
    markJs: markJsSample.has(page),
  }));
  if (wantStress) {
    targetsToRun.push({
      name: STRESS_NAME,
      kind: 'stress',
      url: `${server.origin}/stress.html`,
      bytes: Buffer.byteLength(stress.html),
      markJs: options.markJsOnStress,
    });
  }

  const stressText = stress.html.replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ').replace(/<[^>]*>/g, ' ');
  const frequent = frequentWords(stressText, 500);
  const realWords = frequent.filter((_, index) => index % 50 === 49).slice(0, 10);
  const scalingPack = (label: string, terms: readonly MatchTerm[]): ScalingPack => ({ label, terms: terms.length, table: JSON.stringify(packTable(compileTerms(terms))) });
  const packs = [
    ...SCALING_SIZES.map((size) => scalingPack(`${size.toLocaleString('en-US')} synthetic`, syntheticTerms(size, realWords))),
    scalingPack('real pack', packTerms),
  ];

  const loadAtStart = loadavg()[0]!;
  log(
    `bench: ${targetsToRun.length} pages, ${options.scanRuns} scan load(s) and ${options.runs} in-page run(s) each, ` +
      `mark.js on ${targetsToRun.filter((t) => t.markJs).length}; pack ${packTerms.length} terms; server ${server.origin}`,
  );
  const browsers = await launchBrowsers(options.extensionDir, options.chromiumPath, server.origin);
  const inputs: Inputs = {
    markInstaller: markJsInstaller(readFileSync(join(repoRoot, 'node_modules/mark.js/dist/mark.min.js'), 'utf8')),
    markTerms,
    floorSources,
    coldFloorSource: coldSource,
    bundles,
    wait: { quietMs: options.quietMs, firstMeasureTimeoutMs: options.firstMeasureTimeoutMs, pageTimeoutMs: options.pageTimeoutMs },
  };
  if (!browsers.extensionWorker) log('bench: warning: the extension service worker did not start');

  const rows: PageRow[] = [];
  const rowRuns: RowRuns[] = [];
  let scaling: ScalingResult = { rows: [], error: null, largestBlockChars: null, blockWalkMs: null, blocks: null };
  let stopReason: string | null = null;
  try {
    // Warm-up: wakes the service worker and the content script once, outside any measurement.
    const warmUp = targetsToRun.find((target) => target.kind === 'corpus') ?? targetsToRun[0];
    if (warmUp) {
      await loadAndWaitForScan(browsers.withExtension, warmUp.url, inputs.wait).then(
        ({ page }) => closeQuietly(page),
        () => {},
      );
    }
    let sawMeasures = false;
    let interrupted = false;
    process.once('SIGINT', () => {
      interrupted = true;
      log('bench: interrupted; finishing the current page, then reporting what was measured');
    });
    for (const [index, target] of targetsToRun.entries()) {
      if (interrupted || browsers.lost()) {
        stopReason = interrupted ? 'interrupted' : 'browser closed';
        break;
      }
      // A content script that records nothing should not cost the full first-measure wait per load.
      if (!sawMeasures && index >= 2) inputs.wait.firstMeasureTimeoutMs = Math.min(options.firstMeasureTimeoutMs, 1500);
      const pageStart = Date.now();
      const { row, runs } = await measurePage(target, browsers, inputs, options);
      if (runs.scan.some((run) => run.measures > 0)) {
        sawMeasures = true;
        inputs.wait.firstMeasureTimeoutMs = options.firstMeasureTimeoutMs;
      }
      rows.push(row);
      rowRuns.push(runs);
      log(
        `  [${index + 1}/${targetsToRun.length}] ${target.name}: scan ${row.scanMs?.toFixed(2) ?? 'n/a'} / rescan ${row.warmScanMs?.toFixed(2) ?? 'n/a'} ms, ` +
          `floor ${row.floorColdMs?.toFixed(2) ?? 'n/a'} / ${row.floorMs?.toFixed(2) ?? 'n/a'} ms, ` +
          `mark.js ${target.markJs ? `${row.markJsMs?.toFixed(1) ?? 'n/a'} ms` : 'skip'} (${((Date.now() - pageStart) / 1000).toFixed(1)} s)` +
          (row.errors.length > 0 ? ` errors: ${row.errors.join('; ')}` : ''),
      );
    }
    if (wantStress && stopReason === null && !browsers.lost()) {
      log('  scaling: synthetic packs on the stress page');
      scaling = await measureScaling(browsers.plain, `${server.origin}/stress.html`, packs, inputs, options);
    }
  } finally {
    await browsers.close();
    await server.close();
  }

  const summary = targets(rows, scaling.rows, bundleGzip);
  const stressRow = rows.find((row) => row.kind === 'stress');
  const output = [
    ...(stopReason ? [`STOPPED EARLY (${stopReason}): ${rows.length} of ${targetsToRun.length} pages measured.`, ''] : []),
    methodNotes(options, stress.sources, bundles.blocksError, loadAtStart),
    '',
    formatPages(rows),
    '',
    `Stress page: ${stressRow?.textNodes?.toLocaleString('en-US') ?? 'n/a'} text nodes, ${
      stressRow?.chars != null ? (stressRow.chars / 1e6).toFixed(2) : 'n/a'
    } M characters of text, ${(Buffer.byteLength(stress.html) / 1e6).toFixed(2)} MB of HTML; full scan ${stressRow?.scanMeasures ?? 'n/a'} measures, longest slice ${
      stressRow?.maxSliceMs?.toFixed(1) ?? 'n/a'
    } ms.`,
    '',
    `Scaling on the stress page (medians of ${Math.max(options.runs, MIN_SCALING_RUNS)} passes with the pack's matcher built; ms = match() over all text nodes; build = createMatcher, first pass = the pass that built the automaton)${scaling.error ? ` [error: ${scaling.error}]` : ''}:`,
    formatScaling(scaling.rows),
    `real pack (${packTerms.length} terms), extension full scan on the stress page: ${stressRow?.scanMs?.toFixed(1) ?? 'n/a'} ms` +
      ` (its walk skips scripts, styles, code and hidden content; largest block ${scaling.largestBlockChars?.toLocaleString('en-US') ?? 'n/a'} characters)`,
    `lib/dom BlockWalker alone (no matching) on the stress page: ${scaling.blockWalkMs?.toFixed(1) ?? 'n/a'} ms for ${
      scaling.blocks?.toLocaleString('en-US') ?? 'n/a'
    } blocks (bare text-node walk: ${stressRow?.bareWalkMs?.toFixed(1) ?? 'n/a'} ms)`,
    '',
    `Content script: ${bundleRaw === null ? 'missing' : `${(bundleRaw / 1024).toFixed(1)} KB raw, ${(bundleGzip! / 1024).toFixed(1)} KB gzip -9`} (${relative(repoRoot, contentScript)})`,
    '',
    formatTargets(summary),
  ].join('\n');
  console.log(output);

  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? null,
    memoryGB: Math.round(totalmem() / 2 ** 30),
    loadAverage1m: { atStart: loadAtStart, atEnd: loadavg()[0]! },
    platform: `${platform()} ${release()}`,
    node: process.version,
    chromium: browsers.chromiumVersion,
    userAgent: browsers.userAgent,
    playwright: (JSON.parse(readFileSync(join(repoRoot, 'node_modules/playwright-core/package.json'), 'utf8')) as { version: string }).version,
  };
  const json = {
    generatedAt: new Date().toISOString(),
    durationSeconds: Math.round((Date.now() - began) / 1000),
    stoppedEarly: stopReason,
    git: gitDescription(),
    machine,
    options: { ...options, pagesDir: options.pagesDir, out: options.out },
    extension: { dir: options.extensionDir, serviceWorkerStarted: browsers.extensionWorker, contentScript: { file: contentScript, rawBytes: bundleRaw, gzipBytes: bundleGzip } },
    pack: { file: packFile, terms: packTerms.length, markJsTerms: markTerms.length, caseSensitiveTerms: packTerms.filter((t) => t.caseSensitive).length },
    floorRegexes: floorSources,
    stressPage: { sources: stress.sources, htmlBytes: Buffer.byteLength(stress.html), textNodes: stressRow?.textNodes ?? null, chars: stressRow?.chars ?? null },
    pages: rows.map((row, index) => ({ ...row, runs: rowRuns[index] })),
    scaling: {
      method: 'createMatcher once per pack in the page (first pass builds its automaton), then match() over every text node of the stress page; blocks = lib/dom BlockWalker',
      realWords,
      rows: scaling.rows,
      largestBlockChars: scaling.largestBlockChars,
      blockWalkMs: scaling.blockWalkMs,
      blocks: scaling.blocks,
      error: scaling.error,
      blocksBundleError: bundles.blocksError,
    },
    targets: summary,
    table: output,
  };
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, `${JSON.stringify(json, null, 2)}\n`);
  log(`bench: wrote ${relative(process.cwd(), options.out) || options.out} in ${json.durationSeconds} s`);
  if (options.strict) {
    const failures = strictFailures(summary, stopReason);
    if (failures.length > 0) {
      console.error(`bench --strict: ${failures.length} failure(s):\n${failures.map((failure) => `  ${failure}`).join('\n')}`);
      process.exitCode = 1;
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
