import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_BASE_ARGS } from '../e2e/chromium';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * Installed before any page script: collects every long task, ours and the page's. The list is
 * published only once the observer is running, so a page without one reads as "not measured"
 * rather than as "no long task".
 */
const LONG_TASK_OBSERVER = `(() => {
  const tasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push([entry.startTime, entry.duration]);
    }).observe({ type: 'longtask', buffered: true });
    Object.defineProperty(window, '__contextExplainersBenchLongTasks', { value: tasks });
  } catch {}
})();`;

const COMMON_ARGS = [
  ...CHROMIUM_BASE_ARGS,
  // Second fence behind context.route: no host but the bench server even resolves.
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
];

export interface Browsers {
  /** Persistent context with the built extension loaded. */
  withExtension: BrowserContext;
  /** A separate browser without the extension (mark.js and the scaling probes). */
  plain: BrowserContext;
  chromiumVersion: string;
  userAgent: string;
  extensionWorker: boolean;
  /** Set once either browser went away (crash or kill); nothing after that can be measured. */
  lost(): boolean;
  close(): Promise<void>;
}

/** Every request that is not to the bench server is aborted. */
async function blockExternal(context: BrowserContext, origin: string): Promise<void> {
  await context.route(
    (url) => url.origin !== origin,
    (route) => route.abort('blockedbyclient'),
  );
  await context.addInitScript(LONG_TASK_OBSERVER);
  // Page scripts that open windows or dialogs must not stall the run.
  context.on('page', (page) => page.on('dialog', (dialog) => void dialog.dismiss().catch(() => {})));
}

export async function launchBrowsers(extensionDir: string, chromiumPath: string, origin: string): Promise<Browsers> {
  const profile = mkdtempSync(join(tmpdir(), 'ce-bench-'));
  // SIGINT is ours: the bench stops after the current page and still reports what it measured.
  const withExtension = await chromium.launchPersistentContext(profile, {
    headless: true,
    handleSIGINT: false,
    executablePath: chromiumPath,
    args: [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, ...COMMON_ARGS],
  });
  let plainBrowser: Browser | null = null;
  try {
    await blockExternal(withExtension, origin);
    let extensionWorker = withExtension.serviceWorkers().length > 0;
    if (!extensionWorker) {
      extensionWorker = await withExtension
        .waitForEvent('serviceworker', { timeout: 10_000 })
        .then(() => true)
        .catch(() => false);
    }
    plainBrowser = await chromium.launch({ headless: true, handleSIGINT: false, executablePath: chromiumPath, args: COMMON_ARGS });
    const plain = await plainBrowser.newContext();
    await blockExternal(plain, origin);
    let chromiumVersion = plainBrowser.version();
    try {
      chromiumVersion = execFileSync(chromiumPath, ['--version'], { encoding: 'utf8' }).trim() || chromiumVersion;
    } catch {
      // The browser's own report is good enough.
    }
    const probe = await plain.newPage();
    const userAgent = await probe.evaluate('navigator.userAgent').then(String, () => '');
    await probe.close();
    const browserToClose = plainBrowser;
    let lost = false;
    withExtension.on('close', () => (lost = true));
    plainBrowser.on('disconnected', () => (lost = true));
    return {
      lost: () => lost,
      withExtension,
      plain,
      chromiumVersion,
      userAgent,
      extensionWorker,
      async close() {
        await Promise.allSettled([withExtension.close(), browserToClose.close()]);
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await Promise.allSettled([withExtension.close(), plainBrowser?.close()]);
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}

/** Closes a page without waiting forever on a renderer stuck in a page script. */
export async function closeQuietly(page: Page): Promise<void> {
  await Promise.race([page.close({ runBeforeUnload: false }).catch(() => {}), new Promise((r) => setTimeout(r, 5000))]);
}
