import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { Explainer, Pack } from '../../lib/pack-format/types';
import { serveFolder, type StaticServer } from '../e2e/static-server';
import { waitUntil } from '../e2e/wait-until';
import { listenLocal } from '../support/listen-local';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const FIREFOX_BUILD_DIR = process.env.FIREFOX_BUILD_DIR ?? path.join(REPO_ROOT, '.output/firefox-mv2');
const FIXTURES_DIR = path.join(REPO_ROOT, 'tests/fixtures');
const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/**
 * Pinned so the test knows the extension's origin: Firefox picks a random UUID per profile, and
 * nothing in the page world reveals it.
 */
const EXTENSION_UUID = '7d6f4c1a-3b2e-4f59-9a8c-2e1d0b5c6a74';

/**
 * Firefox's own remote-settings sync, which ignores `services.settings.server` in release builds; the
 * same connections appear with no extension installed, and nothing in the extension names this host.
 */
const FIREFOX_OWN_HOSTS = new Set(['firefox.settings.services.mozilla.com']);

export interface FirefoxHarness {
  browser: Browser;
  server: StaticServer;
  /** Every connection tried to anywhere but 127.0.0.1 (all were refused), minus FIREFOX_OWN_HOSTS. */
  blockedRequests(): string[];
  pack: Pack;
  explainer(id: string): Explainer;
  extensionUrl(pathname: string): string;
  close(): Promise<void>;
}

/**
 * A proxy for everything but 127.0.0.1 that refuses and records each request: it sees traffic from
 * pages, content scripts and the background page alike, which per-page interception would not.
 */
async function startNetworkFence(): Promise<{ port: number; log: string[]; close(): Promise<void> }> {
  const log: string[] = [];
  const server: Server = createServer((request, response) => {
    log.push(`${request.method} ${request.url}`);
    response.writeHead(403).end();
  });
  server.on('connect', (request, socket) => {
    log.push(`CONNECT ${request.url}`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  const { port, close } = await listenLocal(server);
  return { port, log, close };
}

/** Host of a fence log entry: "CONNECT host:443" or "GET http://host/path". */
function requestHost(entry: string): string {
  const target = entry.slice(entry.indexOf(' ') + 1);
  try {
    return new URL(target.includes('://') ? target : `https://${target}`).hostname;
  } catch {
    return target;
  }
}

function firefoxPrefs(geckoId: string, proxyPort: number): Record<string, unknown> {
  return {
    'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: EXTENSION_UUID }),
    // Route every non-local request to the fence.
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': false,
    'network.proxy.share_proxy_settings': true,
    // Quiet Firefox's own background traffic, so what reaches the fence was asked for by us or the page.
    'extensions.blocklist.enabled': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'browser.safebrowsing.update.enabled': false,
    'extensions.getAddons.cache.enabled': false,
    'media.gmp-manager.updateEnabled': false,
  };
}

/**
 * Firefox ESR with the built Firefox extension installed as a temporary add-on, a static server for
 * tests/fixtures and a proxy fence. Assumes `npm run build:firefox` already ran.
 */
export async function launchFirefoxExtension(): Promise<FirefoxHarness> {
  if (!existsSync(path.join(FIREFOX_BUILD_DIR, 'manifest.json'))) {
    throw new Error(`No Firefox build at ${FIREFOX_BUILD_DIR}: run \`npm run build:firefox\` first.`);
  }
  if (!existsSync(FIREFOX_PATH)) {
    throw new Error(`No Firefox at ${FIREFOX_PATH}: install it (Debian: apt-get install -y firefox-esr) or set FIREFOX_PATH.`);
  }
  const workDir = mkdtempSync(path.join(tmpdir(), 'explainers-firefox-'));
  // A private copy, so a rebuild in the shared checkout cannot swap files under a running browser.
  const extensionDir = path.join(workDir, 'extension');
  cpSync(FIREFOX_BUILD_DIR, extensionDir, { recursive: true });
  const manifest = JSON.parse(readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const geckoId = manifest.browser_specific_settings?.gecko?.id;
  if (!geckoId) throw new Error('The Firefox manifest has no browser_specific_settings.gecko.id');
  const pack = JSON.parse(readFileSync(path.join(extensionDir, 'packs/default.json'), 'utf8')) as Pack;

  const fence = await startNetworkFence();
  const server = await serveFolder(FIXTURES_DIR);
  let browser: Browser | undefined;
  const cleanUp = async () => {
    await browser?.close().catch(() => undefined);
    await server.close();
    await fence.close();
    rmSync(workDir, { recursive: true, force: true });
  };
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      protocol: 'webDriverBiDi',
      executablePath: FIREFOX_PATH,
      headless: true,
      userDataDir: path.join(workDir, 'profile'),
      // Lets the test open the extension's own pages (moz-extension://) over WebDriver BiDi.
      args: ['--remote-allow-system-access'],
      defaultViewport: { width: 1280, height: 900 },
      extraPrefsFirefox: firefoxPrefs(geckoId, fence.port),
    });
    const installed = await browser.installExtension(extensionDir);
    if (installed !== geckoId) throw new Error(`Installed add-on id ${installed}, expected ${geckoId}`);
    const byId = new Map(pack.explainers.map((explainer) => [explainer.id, explainer]));
    return {
      browser,
      server,
      blockedRequests: () => fence.log.filter((entry) => !FIREFOX_OWN_HOSTS.has(requestHost(entry))),
      pack,
      explainer(id) {
        const explainer = byId.get(id);
        if (!explainer) throw new Error(`The bundled pack has no explainer "${id}"`);
        return explainer;
      },
      extensionUrl: (pathname) => `moz-extension://${EXTENSION_UUID}/${pathname.replace(/^\//, '')}`,
      close: cleanUp,
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

/**
 * Goes to an extension page. Firefox sends no load event for moz-extension documents over BiDi, so
 * the navigation is not awaited; the caller polls for the UI instead.
 */
export async function openExtensionPage(page: Page, url: string): Promise<void> {
  void page.goto(url, { timeout: 60_000 }).catch(() => undefined);
  await waitUntil(
    () => page.evaluate(() => location.href).catch(() => ''),
    (href) => href === url,
    { what: `the tab to show ${url}` },
  );
}

export { waitUntil };
