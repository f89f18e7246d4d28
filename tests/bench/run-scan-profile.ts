/**
 * Where a fresh load's first scan goes: loads corpus pages with the built extension in Chromium under
 * the V8 sampling profiler (the content script's isolated world shares the page's isolate, so its
 * samples are in the page's profile) and splits the content script's samples by function, beside the
 * `explainers:scan` slices it recorded. The cold native floor (tests/bench/cold-floor.ts) is timed in
 * a fresh load of the same page without the extension.
 *
 * With `--node-walk N` it also times, N times each in fresh loads without the extension, a walk that only
 * visits every node by firstChild/nextSibling (what any DOM walk in JS must do, before a block or a match
 * is made), in the main world and in an isolated world as content scripts run: the part of the cold
 * floor a content script's scan cannot go below.
 *
 *   npx tsx tests/bench/run-scan-profile.ts --only breitbart,nytimes-2 [--top 25] [--interval-us 100] [--ext DIR] [--node-walk 3] [--bulk-read 3]
 *
 * With `--bulk-read N` it times, N times in fresh loads without the extension and from an isolated world,
 * the native reads that could stand in for a walk: `innerHTML`, `textContent`, and the shadow-host query.
 */
import { loadavg } from 'node:os';
import type { BrowserContext } from 'playwright-core';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeQuietly, launchBrowsers } from './browser';
import { coldFloor, coldFloorSource } from './cold-floor';
import { isolatedWorld, mainWorld } from './measure';
import { buildStressPage, largest, listPages } from './corpus';
import { startServer } from './static-server';
import { loadPackTerms } from './terms';
import { CHROMIUM_PATH } from '../e2e/chromium';
import { SCAN_MEASURE } from '../../lib/dom/constants';
import { SHADOW_HOST_TAGS } from '../../lib/dom/text-blocks';

/** Visits every node under the body once, reading each text node's data and each element's name; times itself. */
const NODE_WALK = `(() => {
  const start = performance.now();
  const stack = [];
  let texts = 0;
  let elements = 0;
  let node = document.body.firstChild;
  while (node !== null) {
    if (node.nodeType === 3) {
      texts++;
      node.data;
    } else if (node.nodeType === 1) {
      elements++;
      node.localName;
      const first = node.firstChild;
      if (first !== null) {
        stack.push(node);
        node = first;
        continue;
      }
    }
    let next = node.nextSibling;
    while (next === null && stack.length > 0) next = stack.pop().nextSibling;
    node = next;
  }
  return { ms: performance.now() - start, texts, elements };
})()`;

/**
 * The native ways to read a page's text without visiting its nodes from script, each timed once:
 * serialising the body (tags would give block boundaries), its textContent (no boundaries: "fooICE"
 * where two paragraphs meet), and the selector query plus `shadowRoot` read that any walk skipping
 * subtrees would still need to find open shadow roots on ordinary elements.
 */
const BULK_READ = `(() => {
  let start = performance.now();
  const html = document.body.innerHTML;
  const innerHtmlMs = performance.now() - start;
  start = performance.now();
  const text = document.body.textContent;
  const textContentMs = performance.now() - start;
  start = performance.now();
  const hosts = document.querySelectorAll(${JSON.stringify(SHADOW_HOST_TAGS.join(','))});
  let roots = 0;
  for (let i = 0; i < hosts.length; i++) if (hosts[i].shadowRoot) roots++;
  const hostQueryMs = performance.now() - start;
  return { innerHtmlMs, htmlChars: html.length, textContentMs, textChars: text.length, hostQueryMs, hosts: hosts.length, roots };
})()`;

interface BulkRead {
  innerHtmlMs: number;
  htmlChars: number;
  textContentMs: number;
  textChars: number;
  hostQueryMs: number;
  hosts: number;
  roots: number;
}

interface NodeWalk {
  ms: number;
  texts: number;
  elements: number;
}

/** One fresh load of `url` without the extension, then `probe` in its main world or in a new isolated world. */
async function inFreshLoad<T>(context: BrowserContext, url: string, world: 'main' | 'isolated', probe: string): Promise<T> {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 }).catch(() => {});
    const probeWorld = world === 'main' ? mainWorld(page) : await isolatedWorld(page);
    return (await probeWorld.evaluate(probe)) as T;
  } finally {
    await closeQuietly(page);
  }
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function argument(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}

/** Self time (ms) per function of the content script, and per stack root of its samples. */
function split(profile: Profile, scriptPart: string): { self: Map<string, number>; total: number } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const ms = (profile.timeDeltas[index + 1] ?? 0) / 1000;
    // A sample counts for the content script when any frame on its stack is the content script's.
    let inScript = false;
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      if (byId.get(at)?.callFrame.url.includes(scriptPart)) {
        inScript = true;
        break;
      }
    }
    if (!inScript) return;
    const frame = byId.get(id)!.callFrame;
    const key = `${frame.functionName || '(anonymous)'} ${frame.url.includes(scriptPart) ? `@${frame.lineNumber}:${frame.columnNumber}` : frame.url ? '(other)' : ''}`;
    self.set(key, (self.get(key) ?? 0) + ms);
    total += ms;
  });
  return { self, total };
}

async function main(): Promise<void> {
  const only = argument('only', 'breitbart,nytimes-2,wikipedia-3').split(',');
  const top = Number(argument('top', '20'));
  const intervalUs = Number(argument('interval-us', '100'));
  const nodeWalks = Number(argument('node-walk', '0'));
  const bulkReads = Number(argument('bulk-read', '0'));
  const extensionDir = resolve(argument('ext', join(repoRoot, '.output/chrome-mv3')));
  const pages = listPages(join(repoRoot, '../shared/corpus/pages'));
  const packTerms = loadPackTerms(join(repoRoot, 'public/packs/default.json'));
  const floorSource = coldFloorSource(packTerms);
  const stress = buildStressPage(largest(pages, 20));
  const files = new Map(pages.map((page) => [`/pages/${page.name}.html`, page.file]));
  const server = await startServer(files, new Map([['/stress.html', stress.html]]));
  const browsers = await launchBrowsers(extensionDir, CHROMIUM_PATH, server.origin);
  console.log(`load average ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
  try {
    // Warm-up load: the service worker and its compiled table exist before the first timed page.
    const warm = await browsers.withExtension.newPage();
    await warm.goto(`${server.origin}/pages/${encodeURIComponent(pages[0]!.name)}.html`, { waitUntil: 'load' }).catch(() => {});
    await new Promise((r) => setTimeout(r, 1500));
    await closeQuietly(warm);
    const urls = only.map((name) =>
      name === 'stress' ? `${server.origin}/stress.html` : `${server.origin}/pages/${encodeURIComponent(pages.find((page) => page.name.includes(name))!.name)}.html`,
    );
    for (const url of urls) {
      const page = await browsers.withExtension.newPage();
      const cdp = await browsers.withExtension.newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: intervalUs });
      await cdp.send('Profiler.start');
      await page.goto(url, { waitUntil: 'load', timeout: 120_000 }).catch(() => {});
      let count = -1;
      for (let quiet = 0; quiet < 10; ) {
        await new Promise((r) => setTimeout(r, 100));
        const next = (await page.evaluate(`performance.getEntriesByName(${JSON.stringify(SCAN_MEASURE)}).length`)) as number;
        quiet = next === count && next > 0 ? quiet + 1 : 0;
        count = next;
      }
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
      const slices = (await page.evaluate(
        `performance.getEntriesByName(${JSON.stringify(SCAN_MEASURE)}).map((e) => [Math.round(e.startTime * 10) / 10, Math.round(e.duration * 10) / 10])`,
      )) as [number, number][];
      const nav = (await page.evaluate(`(() => { const n = performance.getEntriesByType('navigation')[0]; return n ? Math.round(n.loadEventEnd) : null; })()`)) as number | null;
      await closeQuietly(page);
      const plain = await browsers.plain.newPage();
      await plain.goto(url, { waitUntil: 'load', timeout: 120_000 }).catch(() => {});
      const floor = await coldFloor((expression) => plain.evaluate(expression), floorSource);
      await closeQuietly(plain);
      const { self, total } = split(profile, '/content-scripts/content.js');
      const sum = slices.reduce((s, [, d]) => s + d, 0);
      console.log(`\n${url.split('/').pop()}: ${slices.length} slices, sum ${sum.toFixed(1)} ms, load end ${nav} ms; cold floor ${floor.ms.toFixed(2)} ms (${floor.matches} hits)`);
      console.log(`  slices [start, ms]: ${JSON.stringify(slices.slice(0, 12))}${slices.length > 12 ? ' …' : ''}`);
      console.log(`  content-script samples: ${total.toFixed(1)} ms; top self time:`);
      for (const [key, ms] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`    ${ms.toFixed(2).padStart(7)}  ${key}`);
      for (const world of ['main', 'isolated'] as const) {
        const walks: NodeWalk[] = [];
        for (let i = 0; i < nodeWalks; i++) walks.push(await inFreshLoad<NodeWalk>(browsers.plain, url, world, NODE_WALK));
        if (walks.length > 0) {
          const times = walks.map((walk) => walk.ms.toFixed(1)).join(', ');
          console.log(`  node walk, ${world} world (${walks[0]!.texts} text nodes, ${walks[0]!.elements} elements): ${times} ms`);
        }
      }
      for (let i = 0; i < bulkReads; i++) {
        const read = await inFreshLoad<BulkRead>(browsers.plain, url, 'isolated', BULK_READ);
        console.log(
          `  bulk read, isolated world: innerHTML ${read.innerHtmlMs.toFixed(1)} ms (${read.htmlChars} chars), textContent ${read.textContentMs.toFixed(1)} ms ` +
            `(${read.textChars} chars), host query ${read.hostQueryMs.toFixed(1)} ms (${read.hosts} elements, ${read.roots} open roots)`,
        );
      }
    }
  } finally {
    await browsers.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
