import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHROMIUM_BASE_ARGS, CHROMIUM_PATH } from '../e2e/chromium';
import { chromium, type BrowserContext, type ConsoleMessage, type Page, type Request, type Worker } from 'playwright-core';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
export const DEFAULT_EXTENSION_DIR = path.join(REPO_ROOT, '.output/chrome-mv3');
const VIEWPORT = { width: 1280, height: 900 };

const COMMON_ARGS = [
  ...CHROMIUM_BASE_ARGS,
  '--disable-default-apps',
  // A second fence behind context.route: nothing but the local server even resolves.
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
];

/** One failed-or-thrown thing seen while a page was open. */
export interface SeenError {
  source: 'pageerror' | 'console' | 'worker';
  text: string;
  /** Stack or console location, where the browser gave one. */
  where: string;
  /** The stack, location or text names a chrome-extension:// script. */
  fromExtension: boolean;
}

export interface SeenRequest {
  url: string;
  /** Made by the extension's service worker, or sent with a chrome-extension:// origin or referer. */
  fromExtension: boolean;
  /** Aborted by the fence (anything but 127.0.0.1, the extension, data: and blob:). */
  blocked: boolean;
}

export interface LaunchedContext {
  context: BrowserContext;
  /** Null for the plain context. */
  extensionId: string | null;
  /** Errors and requests of the extension's service worker since the last `drainWorker()`. */
  drainWorker(): { errors: SeenError[]; requests: SeenRequest[] };
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Built extension to load; omitted for the plain (without-extension) context. */
  extensionDir?: string;
  /** Scripts run in every frame before anything else, content scripts included. */
  initScripts?: string[];
  headless?: boolean;
}

/** Pages request chrome-extension://invalid/ themselves, so only our own extension's origin is ours. */
const mentionsExtension = (text: string | undefined, extensionId: string | null): boolean =>
  extensionId !== null && Boolean(text?.includes(`chrome-extension://${extensionId}`));

function isAllowedUrl(url: string): boolean {
  if (url.startsWith('chrome-extension://') || url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank') return true;
  try {
    return new URL(url).hostname === '127.0.0.1';
  } catch {
    return false;
  }
}

function requestFromExtension(request: Request, extensionId: string | null): boolean {
  if (mentionsExtension(request.serviceWorker()?.url(), extensionId)) return true;
  const headers = request.headers();
  return mentionsExtension(headers['origin'], extensionId) || mentionsExtension(headers['referer'], extensionId);
}

function consoleError(message: ConsoleMessage, source: SeenError['source'], extensionId: string | null): SeenError {
  const location = message.location();
  const where = location.url ? `${location.url}:${location.lineNumber}:${location.columnNumber}` : '';
  const fromExtension = mentionsExtension(where, extensionId) || mentionsExtension(message.text(), extensionId);
  return { source, text: message.text(), where, fromExtension };
}

/**
 * A persistent Chromium context, with the extension (a private copy, so a rebuild in the shared
 * checkout cannot swap files under a running browser) or without it, behind a network fence that
 * aborts every request leaving the machine.
 */
export async function launchContext(options: LaunchOptions = {}): Promise<LaunchedContext> {
  const workDir = mkdtempSync(path.join(tmpdir(), 'ce-pages-'));
  const args = [...COMMON_ARGS];
  if (options.extensionDir) {
    if (!existsSync(path.join(options.extensionDir, 'manifest.json'))) {
      rmSync(workDir, { recursive: true, force: true });
      throw new Error(`No built extension at ${options.extensionDir}: run \`npm run build\` first (or pass --extension DIR).`);
    }
    const copy = path.join(workDir, 'extension');
    cpSync(options.extensionDir, copy, { recursive: true });
    args.push(`--disable-extensions-except=${copy}`, `--load-extension=${copy}`);
  }
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(path.join(workDir, 'profile'), {
      headless: options.headless ?? true,
      executablePath: CHROMIUM_PATH,
      viewport: VIEWPORT,
      args,
    });
    const workerErrors: SeenError[] = [];
    const workerRequests: SeenRequest[] = [];
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (isAllowedUrl(url)) return route.continue();
      return route.abort('blockedbyclient');
    });
    context.on('request', (request) => {
      const worker = request.serviceWorker();
      if (!worker) return;
      // Every service worker in this profile is the extension's: the fenced pages cannot register one.
      workerRequests.push({ url: request.url(), fromExtension: true, blocked: !isAllowedUrl(request.url()) });
    });
    // tsx compiles with keepNames, so functions handed to page.evaluate call esbuild's __name helper.
    await context.addInitScript('globalThis.__name ??= (target) => target;');
    for (const script of options.initScripts ?? []) await context.addInitScript(script);
    // Pages that open windows or dialogs must not stall the run.
    context.on('page', (page) => page.on('dialog', (dialog) => void dialog.dismiss().catch(() => {})));

    let extensionId: string | null = null;
    if (options.extensionDir) {
      const watchWorker = (worker: Worker) => {
        worker.on('console', (message) => {
          if (message.type() === 'error') workerErrors.push({ ...consoleError(message, 'worker', extensionId), fromExtension: true });
        });
      };
      context.on('serviceworker', watchWorker);
      for (const running of context.serviceWorkers()) watchWorker(running);
      const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
      extensionId = new URL(worker.url()).host;
    }
    const opened = context;
    return {
      context,
      extensionId,
      drainWorker: () => ({ errors: workerErrors.splice(0), requests: workerRequests.splice(0) }),
      async close() {
        await opened.close().catch(() => undefined);
        rmSync(workDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await context?.close().catch(() => undefined);
    rmSync(workDir, { recursive: true, force: true });
    throw error;
  }
}

export interface PageWatch {
  errors: SeenError[];
  requests: SeenRequest[];
}

/**
 * Collects a page's uncaught errors, console errors and requests. Errors thrown in the content
 * script's isolated world reach the page's console too, with a chrome-extension:// location or
 * stack, which is how they are told apart (`extensionId` null for the plain context).
 */
export function watchPage(page: Page, extensionId: string | null): PageWatch {
  const watch: PageWatch = { errors: [], requests: [] };
  page.on('pageerror', (error) => {
    const where = error.stack ?? '';
    watch.errors.push({ source: 'pageerror', text: error.message, where, fromExtension: mentionsExtension(where, extensionId) });
  });
  page.on('console', (message) => {
    if (message.type() === 'error') watch.errors.push(consoleError(message, 'console', extensionId));
  });
  page.on('request', (request) => {
    watch.requests.push({ url: request.url(), fromExtension: requestFromExtension(request, extensionId), blocked: !isAllowedUrl(request.url()) });
  });
  page.on('popup', (popup) => void popup.close().catch(() => {}));
  return watch;
}

/** Closes a page without waiting forever on a renderer stuck in a page script. */
export async function closeQuietly(page: Page): Promise<void> {
  await Promise.race([page.close({ runBeforeUnload: false }).catch(() => {}), new Promise((resolve) => setTimeout(resolve, 5000))]);
}

/** The slice of the extension API `updateExtensionSettings` calls inside the service worker. */
declare const chrome: {
  storage: { sync: { get(key: string): Promise<Record<string, unknown>>; set(items: object): Promise<void> } };
};

/** Merges `change` into the extension's stored settings, as the options page would. */
export async function updateExtensionSettings(launched: LaunchedContext, change: Record<string, unknown>): Promise<void> {
  const worker = launched.context.serviceWorkers()[0] ?? (await launched.context.waitForEvent('serviceworker'));
  // tsx compiles with keepNames, so functions handed to evaluate call esbuild's __name helper.
  await worker.evaluate('globalThis.__name ??= (target) => target');
  await worker.evaluate(async (partial: Record<string, unknown>) => {
    const { settings } = await chrome.storage.sync.get('settings');
    await chrome.storage.sync.set({ settings: { ...(settings as object | undefined), ...partial } });
  }, change);
}
