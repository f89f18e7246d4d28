/**
 * `npm run bench:search`: search at newsroom scale in real Chromium with the built extension.
 * For each N it generates N explainers (tests/bench/generate-explainers.ts), compiles them with
 * `npm run pack -- --search-index`, derives the same pack without the prebuilt Fuse index (the
 * compiler's default output), imports each through the Options page, then stops the service worker,
 * times the first search after the wake, and types queries into the popup one key at a time.
 *
 *   npm run bench:search -- [--sizes 32,1000,5000,10000] [--wakes 5] [--out .output/bench-search.json]
 *
 * Run it under `nice` on a shared machine and say so with the numbers: they are wall-clock times.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { computePackHash } from '../../lib/pack-format/hash';
import { askBackground, launchExtension, liveServiceWorker, stopServiceWorker, type ExtensionHarness } from '../e2e/harness';
import { SEARCH_MEASURE } from '../../lib/messages';
import { OptionsPage } from '../e2e/pages/options-page';
import { generateExplainers } from './generate-explainers';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const log = (line: string) => process.stderr.write(`${line}\n`);

interface Row {
  n: number;
  variant: 'no index' | 'with index';
  packBytes: number;
  importMs: number | null;
  /** Median over the timed wakes. */
  wakeToFirstResultMs: number | null;
  wakeWorstMs: number | null;
  /** Every timed wake, in order. */
  wakesMs: number[];
  keystrokeP50Ms: number | null;
  keystrokeP95Ms: number | null;
  keystrokes: number;
  /** Keystrokes whose own text got no answer the popup showed (superseded by the next key). */
  unanswered: number;
  /** The worker's own time per search while typing (catalog ready → answer; no messaging), p50 and p95. */
  searchP50Ms: number | null;
  searchP95Ms: number | null;
  backgroundHeapMB: number | null;
  error: string | null;
}

function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** Compiles with the repository's own `npm run pack`, keeping the prebuilt index so both wire formats come from one compile. */
function compile(dir: string, out: string, n: number): void {
  execFileSync('npx', ['tsx', join(repoRoot, 'tools/pack/cli.ts'), dir, '-o', out, '--id', `bench-${n}`, '--name', `Bench ${n}`, '--publisher', 'Bench', '--search-index'], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** The compiler's default output: the same pack without `searchIndex`, hashed the same way. */
async function withoutIndex(withIndexFile: string, out: string): Promise<void> {
  const pack = JSON.parse(readFileSync(withIndexFile, 'utf8')) as Record<string, unknown>;
  delete pack.searchIndex;
  pack.sha256 = await computePackHash(pack);
  writeFileSync(out, `${JSON.stringify(pack)}\n`);
}

/** Queries typed one key at a time: titles' first words (present in the pack), a typo and an unrelated word. */
function queriesFor(pack: { explainers: { title: string }[] }): string[] {
  const titles = pack.explainers.slice(0, 6).map((explainer) => explainer.title.split(' ').slice(0, 2).join(' ').toLowerCase());
  return [...titles, 'sanctuery', 'weather report'];
}

async function importThroughOptions(harness: ExtensionHarness, file: string): Promise<number> {
  const page = await harness.context.newPage();
  try {
    const options = await OptionsPage.open(page, harness.extensionUrl('options.html'));
    const before = await options.actionCount();
    const started = Date.now();
    await page.locator('[data-testid="pack-import"]').setInputFiles(file);
    const status = await options.settledStatus(before, 600_000);
    const ms = Date.now() - started;
    if ((await page.locator('[data-testid="pack-status"]').getAttribute('data-state')) !== 'ok') throw new Error(`import failed: ${status}`);
    return ms;
  } finally {
    await page.close();
  }
}

/** From a stopped service worker to the first search answer, asked from an extension page as the popup asks. */
async function wakeToFirstResult(harness: ExtensionHarness, query: string): Promise<number> {
  const page = await harness.context.newPage();
  try {
    // One explainer's page (no such id: a short "not found"), not the index: the index renders every
    // explainer, which at 10,000 kept the page busy past the worker's stop, and a search sent from it waited.
    await page.goto(harness.extensionUrl('explainer.html#bench-wake'));
    // Let the worker finish what the last wake and this page started: a worker is stopped when it idles.
    await page.waitForTimeout(1_000);
    await stopServiceWorker(harness).catch(async () => {
      // chrome://serviceworker-internals sometimes misses a Stop click on a busy machine.
      await page.waitForTimeout(1_000);
      await stopServiceWorker(harness);
    });
    const started = Date.now();
    const results = await page.evaluate((q) => chrome.runtime.sendMessage({ type: 'search', query: q, limit: 8 }), query);
    const ms = Date.now() - started;
    if (!Array.isArray(results) || results.length === 0) throw new Error(`no result for ${query} after the wake`);
    // Where the worker spent it (lib/catalog/live-catalog.ts measures its snapshot load), and how long it has run.
    const worker = await liveServiceWorker(harness);
    const parts = await worker.evaluate(() => {
      const ours = (type: string) => performance.getEntriesByType(type).filter((entry) => /^explainers:(wake|first-search|worker)/.test(entry.name));
      return {
        ...Object.fromEntries(ours('mark').map((entry) => [`${entry.name.slice('explainers:'.length)}-at`, Math.round(entry.startTime)])),
        ...Object.fromEntries(ours('measure').flatMap((entry) => {
          const name = entry.name.slice('explainers:'.length);
          // A first search's measures also say when the message arrived in the worker's clock.
          const at: [string, number][] = name === 'first-search-wait' ? [['search-arrived-at', Math.round(entry.startTime)]] : [];
          return [...at, [name, Math.round(entry.duration)] as [string, number]];
        })),
        'worker-age': Math.round(performance.now()),
      };
    });
    log(`bench:search: wake ${ms} ms: ${JSON.stringify(parts)}`);
    return ms;
  } finally {
    await page.close();
  }
}

declare const chrome: { runtime: { sendMessage(message: object, ...rest: unknown[]): Promise<unknown> } };

/** One keystroke's time to results, split where it went (all in the popup's own clock). */
interface Keystroke {
  /** Input event → the frame after the answer to its text arrived. */
  totalMs: number;
  /** Input event → the search message sent for its text (the debounce, or waiting on an earlier search). */
  waitMs: number;
  /** Message sent → answer received: messaging and the background search. */
  answerMs: number;
  /** Answer received → the next frame (the render, and the wait for a frame). */
  frameMs: number;
}

/**
 * Types each query into the popup one key every 150 ms (a brisk typist) and times each keystroke
 * from its input event to the frame after the answer to the text it produced arrived: debounce,
 * messaging, the background search and the render. All three timestamps are taken in the popup with
 * `performance.now()`; nothing polls.
 *
 * A keystroke is matched to the search for its trimmed text, as the popup sends it. (Until
 * session 8 the bench looked keystrokes up by the untrimmed text: a space, whose search is for the
 * text before it, was timed from the keystroke before the space, ~150 ms earlier, which alone made
 * the p95 ~220 ms at every N.) An answer the popup drops because a newer search was sent is not a
 * result; keystrokes left without an answer of their own (their text was never searched, or its
 * answer was dropped) are counted as `unanswered`, not timed.
 */
async function typeInPopup(harness: ExtensionHarness, queries: readonly string[]): Promise<{ keys: Keystroke[]; unanswered: number }> {
  const page: Page = await harness.context.newPage();
  try {
    await page.goto(`${harness.extensionUrl('popup.html')}?tab=-1`);
    await page.locator('input[data-testid="search-input"]').waitFor();
    await page.evaluate(() => {
      interface Pending {
        text: string;
        at: number;
        sentAt?: number;
      }
      const state = { pending: [] as Pending[], keys: [] as Keystroke[], unanswered: 0, sent: 0 };
      (globalThis as unknown as { __bench: typeof state }).__bench = state;
      const input = document.querySelector<HTMLInputElement>('input[data-testid="search-input"]')!;
      input.addEventListener(
        'input',
        () => {
          const text = input.value.trim();
          // An emptied box searches nothing: the popup clears its results without asking.
          if (text !== '') state.pending.push({ text, at: performance.now() });
        },
        { capture: true },
      );
      const original = chrome.runtime.sendMessage.bind(chrome.runtime) as (...args: unknown[]) => unknown;
      (chrome.runtime as { sendMessage: unknown }).sendMessage = (...args: unknown[]) => {
        const message = args[0] as { type?: string; query?: string };
        if (message?.type !== 'search' || typeof message.query !== 'string') return original(...args);
        const query = message.query;
        const sentAt = performance.now();
        const request = ++state.sent;
        for (const key of state.pending) if (key.text === query) key.sentAt ??= sentAt;
        const finish = () => {
          const answeredAt = performance.now();
          // The popup shows only the answer to its latest search (components/Popup/useSearch.ts).
          if (request !== state.sent) return;
          requestAnimationFrame(() => {
            const frameAt = performance.now();
            const index = state.pending.findLastIndex((key) => key.text === query);
            if (index < 0) return;
            // Earlier keystrokes of other texts were superseded before they were answered.
            state.unanswered += state.pending.slice(0, index + 1).filter((key) => key.text !== query).length;
            for (const key of state.pending.slice(0, index + 1)) {
              if (key.text !== query) continue;
              const sent = key.sentAt ?? sentAt;
              state.keys.push({ totalMs: frameAt - key.at, waitMs: sent - key.at, answerMs: answeredAt - sent, frameMs: frameAt - answeredAt });
            }
            state.pending.splice(0, index + 1);
          });
        };
        const callback = args.at(-1);
        if (typeof callback === 'function') {
          args[args.length - 1] = (response: unknown) => {
            (callback as (r: unknown) => void)(response);
            finish();
          };
          return original(...args);
        }
        const result = original(...args) as Promise<unknown>;
        void result.then(finish, finish);
        return result;
      };
    });
    const input = page.locator('input[data-testid="search-input"]');
    for (const query of queries) {
      await input.fill('');
      await page.waitForTimeout(200);
      for (const key of query) {
        await input.press(key === ' ' ? 'Space' : key);
        await page.waitForTimeout(150);
      }
      await page.waitForTimeout(300);
    }
    return page.evaluate(() => {
      const state = (globalThis as unknown as { __bench: { keys: Keystroke[]; unanswered: number; pending: unknown[] } }).__bench;
      return { keys: state.keys, unanswered: state.unanswered + state.pending.length };
    });
  } finally {
    await page.close();
  }
}

/**
 * What the worker measured while typing, in one read: its `explainers:search-run` measures
 * (entrypoints/background/message-router.ts) and its whole read of the entries
 * (`explainers:entries-*`, lib/catalog/live-catalog.ts).
 */
async function workerMeasures(harness: ExtensionHarness): Promise<{ searches: { ms: number; at: number; query: string }[]; entries: string[] }> {
  const worker = await liveServiceWorker(harness);
  return worker.evaluate((name) => {
    const searches = performance.getEntriesByName(name).map((entry) => {
      const query = ((entry as PerformanceMeasure).detail as { query?: unknown } | null)?.query;
      return { ms: entry.duration, at: entry.startTime, query: typeof query === 'string' ? query : '' };
    });
    const entries = performance
      .getEntriesByType('measure')
      .filter((entry) => entry.name.startsWith('explainers:entries-'))
      .map((entry) => `${entry.name.slice('explainers:'.length)} at ${Math.round(entry.startTime)} took ${Math.round(entry.duration)} ms`);
    return { searches, entries };
  }, SEARCH_MEASURE);
}

/** The service worker's JS heap after a search, through the DevTools protocol (null when it cannot be read). */
async function backgroundHeapMB(harness: ExtensionHarness): Promise<number | null> {
  const worker = await liveServiceWorker(harness);
  const page = await harness.context.newPage();
  try {
    const cdp = await harness.context.newCDPSession(page);
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
    const target = targetInfos.find((info) => info.type === 'service_worker' && info.url === worker.url());
    if (!target) return null;
    const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false })) as { sessionId: string };
    const reply = new Promise<number | null>((resolveHeap) => {
      cdp.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
        if (event.sessionId !== sessionId) return;
        const message = JSON.parse(event.message) as { id?: number; result?: { usedSize?: number } };
        if (message.id === 1) resolveHeap(typeof message.result?.usedSize === 'number' ? message.result.usedSize / (1024 * 1024) : null);
      });
      setTimeout(() => resolveHeap(null), 10_000);
    });
    await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: 1, method: 'Runtime.getHeapUsage' }) });
    return await reply;
  } catch {
    return null;
  } finally {
    await page.close();
  }
}

async function measure(n: number, variant: Row['variant'], file: string, queries: readonly string[], wakes: number): Promise<Row> {
  const row: Row = { n, variant, packBytes: readFileSync(file).byteLength, importMs: null, wakeToFirstResultMs: null, wakeWorstMs: null, wakesMs: [], keystrokeP50Ms: null, keystrokeP95Ms: null, keystrokes: 0, unanswered: 0, searchP50Ms: null, searchP95Ms: null, backgroundHeapMB: null, error: null };
  const harness = await launchExtension();
  try {
    row.importMs = await importThroughOptions(harness, file);
    // Imported explainers must be searchable before anything is timed.
    const check = await askBackground(harness, { type: 'search', query: queries[0]!, limit: 8 });
    if (check.length === 0) throw new Error(`imported pack not searchable for ${queries[0]}`);
    // Several wakes, each with another query: one wake on a shared machine says little.
    for (let i = 0; i < wakes; i++) row.wakesMs.push(await wakeToFirstResult(harness, queries[i % queries.length]!));
    row.wakeToFirstResultMs = percentile(row.wakesMs, 0.5);
    row.wakeWorstMs = row.wakesMs.length > 0 ? Math.max(...row.wakesMs) : null;
    const { keys, unanswered } = await typeInPopup(harness, queries);
    const times = keys.map((key) => key.totalMs);
    row.keystrokes = times.length;
    row.unanswered = unanswered;
    row.keystrokeP50Ms = percentile(times, 0.5);
    row.keystrokeP95Ms = percentile(times, 0.95);
    const parts = (['waitMs', 'answerMs', 'frameMs'] as const).map((part) => {
      const values = keys.map((key) => key[part]);
      return `${part} p50 ${cell(percentile(values, 0.5), 1)} p95 ${cell(percentile(values, 0.95), 1)}`;
    });
    log(`bench:search: keystrokes ${parts.join(', ')}; unanswered ${unanswered}`);
    const { searches: measured, entries } = await workerMeasures(harness);
    log(`bench:search: the worker's whole read during typing: ${entries.join('; ') || 'none'}`);
    const searches = measured.map((search) => search.ms);
    row.searchP50Ms = percentile(searches, 0.5);
    row.searchP95Ms = percentile(searches, 0.95);
    const slowest = measured.map((search, number) => ({ ...search, number })).sort((a, b) => b.ms - a.ms).slice(0, 6);
    log(
      `bench:search: ${searches.length} searches in the worker, p50 ${cell(row.searchP50Ms, 1)} p95 ${cell(row.searchP95Ms, 1)} ms; slowest (ms @ search number, worker ms, query): ${slowest.map(({ ms, number, at, query }) => `${ms.toFixed(1)} @ ${number + 1} (${Math.round(at)}, ${JSON.stringify(query)})`).join(', ')}`,
    );
    row.backgroundHeapMB = await backgroundHeapMB(harness);
  } catch (error) {
    row.error = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 200);
  } finally {
    await harness.close();
  }
  return row;
}

const cell = (value: number | null, digits = 0) => (value === null ? '—' : value.toFixed(digits));

function formatTable(rows: readonly Row[]): string {
  const header = ['N', 'wire format', 'pack bytes', 'import ms', 'wake→first result ms (median', 'worst)', 'keystroke p50 ms', 'p95 ms', 'keys', 'bg search p50 ms', 'p95 ms', 'bg heap MB'];
  const lines = rows.map((row) => [
    String(row.n),
    row.variant,
    String(row.packBytes),
    cell(row.importMs),
    cell(row.wakeToFirstResultMs),
    cell(row.wakeWorstMs),
    cell(row.keystrokeP50Ms, 1),
    cell(row.keystrokeP95Ms, 1),
    String(row.keystrokes),
    cell(row.searchP50Ms, 1),
    cell(row.searchP95Ms, 1),
    cell(row.backgroundHeapMB, 1),
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...lines.map((line) => line[i]!.length)));
  const format = (line: string[]) => line.map((text, i) => text.padStart(widths[i]!)).join('  ');
  const errors = rows.filter((row) => row.error).map((row) => `  N=${row.n} ${row.variant}: ${row.error}`);
  return [format(header), ...lines.map(format), ...(errors.length ? ['errors:', ...errors] : [])].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '32,1000,5000,10000' },
      out: { type: 'string', default: join(repoRoot, '.output/bench-search.json') },
      variants: { type: 'string', default: 'no index,with index' },
      wakes: { type: 'string', default: '5' },
    },
  });
  const sizes = values.sizes.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
  const variants = values.variants.split(',').map((v) => v.trim()) as Row['variant'][];
  const work = mkdtempSync(join(tmpdir(), 'bench-search-'));
  const started = Date.now();
  const rows: Row[] = [];
  try {
    for (const n of sizes) {
      const dir = join(work, `explainers-${n}`);
      generateExplainers(n, dir);
      const indexed = join(work, `pack-${n}-index.json`);
      const plain = join(work, `pack-${n}.json`);
      log(`bench:search: compiling ${n} explainers`);
      compile(dir, indexed, n);
      await withoutIndex(indexed, plain);
      const queries = queriesFor(JSON.parse(readFileSync(plain, 'utf8')) as { explainers: { title: string }[] });
      for (const variant of variants) {
        log(`bench:search: N=${n} ${variant}`);
        rows.push(await measure(n, variant, variant === 'with index' ? indexed : plain, queries, Math.max(1, Number(values.wakes) || 1)));
        log(formatTable(rows.slice(-1)));
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const table = formatTable(rows);
  console.log(table);
  const json = {
    generatedAt: new Date().toISOString(),
    durationSeconds: Math.round((Date.now() - started) / 1000),
    machine: { cpus: cpus().length, loadavg: loadavg() },
    targets: { wakeToFirstResultMs: 300, keystrokeP95Ms: 50 },
    rows,
  };
  if (!existsSync(dirname(values.out))) mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(values.out, `${JSON.stringify(json, null, 2)}\n`);
  log(`bench:search: wrote ${values.out}`);
}

await main();
