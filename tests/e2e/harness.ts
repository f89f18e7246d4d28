import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import type { BackgroundMessage, BackgroundResponse, BackgroundType, PageExplainer, TabMessage } from '../../lib/messages';
import type { Explainer, Pack } from '../../lib/pack-format/types';
import { CHROMIUM_BASE_ARGS, CHROMIUM_PATH } from './chromium';
import { serveFolder, type StaticServer } from './static-server';
import { waitUntil } from './wait-until';

/** The slice of the extension API the tests call inside the service worker. */
declare const chrome: {
  runtime: { sendMessage(message: object): Promise<unknown> };
  tabs: {
    query(queryInfo: object): Promise<{ id?: number; url?: string; active: boolean }[]>;
    sendMessage(tabId: number, message: object): Promise<unknown>;
  };
  action: { getBadgeText(details: { tabId: number }): Promise<string> };
  storage: { sync: { get(key: string): Promise<Record<string, unknown>>; set(items: object): Promise<void> } };
};

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
/** Overridable so a run can use a snapshot of the build instead of the shared .output folder. */
export const EXTENSION_DIR = process.env.EXTENSION_DIR ?? path.join(REPO_ROOT, '.output/chrome-mv3');
export const FIXTURES_DIR = path.join(REPO_ROOT, 'tests/fixtures');

export interface LaunchOptions {
  headless?: boolean;
  /** Scripts run in every page before anything else, including content scripts. */
  initScripts?: string[];
  /** A phone instead of the default 1280×900 desktop window: viewport, touch input, mobile meta viewport. */
  device?: { viewport: { width: number; height: number }; hasTouch: boolean; isMobile: boolean; deviceScaleFactor?: number };
  /**
   * The browser's interface language (`es`): `--lang`, LANGUAGE for Chromium on Linux, and the pages'
   * Accept-Language / navigator.language. Needs Chromium's locale files (Debian's chromium-l10n).
   */
  uiLanguage?: string;
}

/** One request the browser made, allowed or not. */
export interface SeenRequest {
  url: string;
  /** The extension's service worker, or the URL of the frame that asked. */
  from: string;
}

export interface ExtensionHarness {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  server: StaticServer;
  /** Every request the page tried to make to anywhere but 127.0.0.1 or the extension (all were aborted). */
  blockedRequests: string[];
  /** Every request any page, frame or service worker made, in order (including 127.0.0.1 and the extension's own files). */
  requests: SeenRequest[];
  /** The bundled pack the extension ships, for expectations derived from data rather than hard-coded. */
  pack: Pack;
  explainer(id: string): Explainer;
  extensionUrl(pathname: string): string;
  close(): Promise<void>;
}

function allowedUrl(url: string): boolean {
  if (url.startsWith('chrome-extension://') || url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank') {
    return true;
  }
  try {
    return new URL(url).hostname === '127.0.0.1';
  } catch {
    return false;
  }
}

/** How long to wait for a build that another `wxt build` in the same checkout is rewriting. */
const BUILD_WAIT_MS = 60_000;

async function waitForBuild(): Promise<void> {
  const manifest = path.join(EXTENSION_DIR, 'manifest.json');
  const deadline = Date.now() + BUILD_WAIT_MS;
  while (!existsSync(manifest)) {
    if (Date.now() > deadline) throw new Error(`No built extension at ${EXTENSION_DIR}: run \`npm run build\` first.`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * Chromium with the built extension loaded, a static server for tests/fixtures, and a network fence
 * that aborts and records every request leaving the machine. Assumes `npm run build` already ran.
 */
export async function launchExtension(options: LaunchOptions = {}): Promise<ExtensionHarness> {
  await waitForBuild();
  const workDir = mkdtempSync(path.join(tmpdir(), 'explainers-e2e-'));
  const profileDir = path.join(workDir, 'profile');
  // A private copy, so a rebuild in the shared checkout cannot swap files under a running browser.
  const extensionDir = path.join(workDir, 'extension');
  cpSync(EXTENSION_DIR, extensionDir, { recursive: true });
  const pack = JSON.parse(readFileSync(path.join(extensionDir, 'packs/default.json'), 'utf8')) as Pack;
  const server = await serveFolder(FIXTURES_DIR);
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      headless: options.headless ?? true,
      executablePath: CHROMIUM_PATH,
      viewport: { width: 1280, height: 900 },
      ...options.device,
      ...(options.uiLanguage
        ? { locale: options.uiLanguage, env: { ...process.env, LANGUAGE: options.uiLanguage, LANG: `${options.uiLanguage}.UTF-8` } }
        : {}),
      args: [
        `--disable-extensions-except=${extensionDir}`,
        `--load-extension=${extensionDir}`,
        ...CHROMIUM_BASE_ARGS,
        ...(options.uiLanguage ? [`--lang=${options.uiLanguage}`] : []),
      ],
    });
    const blockedRequests: string[] = [];
    const requests: SeenRequest[] = [];
    context.on('request', (request) => {
      let from: string;
      if (request.serviceWorker()) from = 'service-worker';
      else {
        try {
          from = request.frame().url();
        } catch {
          from = 'unknown';
        }
      }
      requests.push({ url: request.url(), from });
    });
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (allowedUrl(url)) return route.continue();
      blockedRequests.push(url);
      return route.abort('blockedbyclient');
    });
    // tsx compiles with keepNames, so functions we hand to page.evaluate call esbuild's __name helper.
    await context.addInitScript('globalThis.__name ??= (target) => target;');
    for (const script of options.initScripts ?? []) await context.addInitScript(script);

    const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    const extensionId = new URL(serviceWorker.url()).host;
    const byId = new Map(pack.explainers.map((explainer) => [explainer.id, explainer]));
    const openedContext = context;
    return {
      context,
      serviceWorker,
      extensionId,
      server,
      blockedRequests,
      requests,
      pack,
      explainer(id) {
        const explainer = byId.get(id);
        if (!explainer) throw new Error(`The bundled pack has no explainer "${id}"`);
        return explainer;
      },
      extensionUrl: (pathname) => `chrome-extension://${extensionId}/${pathname.replace(/^\//, '')}`,
      async close() {
        await openedContext.close().catch(() => undefined);
        await server.close();
        rmSync(workDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await context?.close().catch(() => undefined);
    await server.close();
    rmSync(workDir, { recursive: true, force: true });
    throw error;
  }
}

/** Current service worker: MV3 may have restarted it since launch. */
export async function liveServiceWorker(harness: ExtensionHarness): Promise<Worker> {
  const workers = harness.context.serviceWorkers().filter((worker) => worker.url().startsWith(`chrome-extension://${harness.extensionId}/`));
  const worker = workers.at(-1) ?? (await harness.context.waitForEvent('serviceworker'));
  await worker.evaluate('globalThis.__name ??= (target) => target');
  return worker;
}

/** The browser's id for the tab showing `url` (the e2e opens the popup in its own tab with ?tab=). */
export async function tabIdFor(harness: ExtensionHarness, url: string): Promise<number> {
  const worker = await liveServiceWorker(harness);
  const id = await worker.evaluate(async (target: string) => {
    const tabs = await chrome.tabs.query({});
    const exact = tabs.find((tab) => tab.url === target);
    // Without host access tab.url is hidden; fall back to the active tab, which is the one just opened.
    return (exact ?? tabs.find((tab) => tab.active))?.id ?? null;
  }, url);
  if (id === null) throw new Error(`No tab found for ${url}`);
  return id;
}

export async function badgeText(harness: ExtensionHarness, tabId: number): Promise<string> {
  const worker = await liveServiceWorker(harness);
  return worker.evaluate((id: number) => chrome.action.getBadgeText({ tabId: id }), tabId);
}

const extensionPages = new WeakMap<ExtensionHarness, Page>();

/** Sends a Protocol message to the background from an extension page, as the popup would. */
export async function askBackground<K extends BackgroundType>(
  harness: ExtensionHarness,
  message: Extract<BackgroundMessage, { type: K }>,
): Promise<BackgroundResponse<K>> {
  let page = extensionPages.get(harness);
  if (!page || page.isClosed()) {
    page = await harness.context.newPage();
    await page.goto(harness.extensionUrl('explainer.html'));
    extensionPages.set(harness, page);
  }
  return page.evaluate((request) => chrome.runtime.sendMessage(request), message as object) as Promise<BackgroundResponse<K>>;
}

export function pageExplainers(harness: ExtensionHarness, tabId: number): Promise<PageExplainer[]> {
  return askBackground(harness, { type: 'getPageExplainers', tabId });
}

/** Sends a message to a tab's content script from the service worker, as keyboard commands do. */
export async function messageTab(harness: ExtensionHarness, tabId: number, message: TabMessage): Promise<unknown> {
  const worker = await liveServiceWorker(harness);
  return worker.evaluate(({ id, request }) => chrome.tabs.sendMessage(id, request), { id: tabId, request: message });
}

/**
 * Stops the MV3 service worker the way Chrome does when it idles (via chrome://serviceworker-internals);
 * the next event or message starts a fresh one with empty memory.
 */
export async function stopServiceWorker(harness: ExtensionHarness): Promise<void> {
  const internals = await harness.context.newPage();
  try {
    await internals.goto('chrome://serviceworker-internals/');
    const entry = internals.locator('.serviceworker-registration', { hasText: `chrome-extension://${harness.extensionId}/` });
    await entry.getByRole('button', { name: 'Stop' }).first().click({ timeout: 5_000 });
    // The page updates itself; reloading it would fire tabs.onUpdated and wake the worker again.
    await waitUntil(async () => (await entry.innerText()).includes('Running Status: STOPPED'), Boolean, {
      what: 'the service worker to stop',
      interval: 100,
    });
  } finally {
    await internals.close();
  }
}

/** Changes reader settings the way the options page would (WXT item `sync:settings`). */
export async function updateSettings(harness: ExtensionHarness, change: Record<string, unknown>): Promise<void> {
  const worker = await liveServiceWorker(harness);
  await worker.evaluate(async (partial: Record<string, unknown>) => {
    const { settings } = await chrome.storage.sync.get('settings');
    await chrome.storage.sync.set({ settings: { ...(settings as object | undefined), ...partial } });
  }, change);
}

export { waitUntil };
