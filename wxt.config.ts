import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import type { Alias } from 'vite';

/**
 * The `::highlight()` rules must style the page itself, and a manifest stylesheet reaches it without
 * adding a node to the page DOM (the card's own CSS goes into its shadow root instead).
 */
const HIGHLIGHT_CSS = 'content-highlight.css';
/**
 * Files pages must be able to load: only the hover card half of the content script, imported by it on
 * first open (entrypoints/content-card.ts). The card opens the full explainer page through the
 * background (`openExplainer`), so explainer.html stays unreachable and pages cannot probe for it.
 */
const PAGE_REACHABLE = ['content-card.js'];

/**
 * Entrypoints that run in web pages' content-script world and get the browser's own `browser`/`chrome`
 * object instead of webextension-polyfill. The polyfill only changes anything in Chromium, where MV3
 * already returns Promises from every API these scripts call, and it is 2.8 KB of the content script's
 * 20 KB gzip budget (issue #14). Their one Chromium-only difference, answering messages, is handled where
 * it happens: entrypoints/content/index.ts answers through sendResponse, and lib/messaging.ts turns the
 * background's polyfill-wrapped rejections back into errors.
 */
const NATIVE_BROWSER_ENTRYPOINTS = new Set(['content', 'content-card']);
/** WXT's own `wxt/browser` (globalThis.browser, else chrome), which the polyfill module aliases away. */
const NATIVE_BROWSER_MODULE = createRequire(import.meta.url).resolve('wxt/browser');

/** Where subscribed packs may come from: any https site, and plain http only on this machine (testing). */
const PACK_ORIGINS = ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*'] as const;

/**
 * The bundled pack file's SHA-256, built in: a woken service worker keys its stored search snapshot by
 * it instead of fetching and hashing the 1 MB file on every wake (issue #14). `npm run build` writes the
 * pack first (prebuild).
 */
function bundledPackDigest(): string {
  const file = 'public/packs/default.json';
  return existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : 'none';
}

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // The sources zip (made with the Firefox zip, for AMO review) never takes a pack signing key along:
  // `npm run keygen -- -o publisher.key` writes one into the repository by default. tests/firefox/lint.ts
  // checks what the zip holds.
  zip: { excludeSources: ['**/*.key', '**/*.pem', '**/.env*'] },
  vite: () => ({ plugins: [preact()], define: { __BUNDLED_PACK_DIGEST__: JSON.stringify(bundledPackDigest()) } }),
  manifest: ({ browser, manifestVersion }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // alarms: the 6-hourly pack refresh; contextMenus: "Explain “…”" on a selection;
    // unlimitedStorage: subscribed packs (up to 50 MB each) are kept in storage.local.
    permissions: ['storage', 'alarms', 'contextMenus', 'unlimitedStorage'],
    // Asked for one origin at a time, when the reader subscribes to a pack there; never at install.
    ...(manifestVersion === 2
      ? { optional_permissions: [...PACK_ORIGINS] }
      : { optional_host_permissions: [...PACK_ORIGINS] }),
    action: { default_title: '__MSG_actionTitle__' },
    omnibox: { keyword: 'ex' },
    // The background forwards next/prev to the active tab as `navigate` messages.
    commands: {
      'next-mark': { suggested_key: { default: 'Alt+Shift+J' }, description: '__MSG_commandNextMark__' },
      'prev-mark': { suggested_key: { default: 'Alt+Shift+K' }, description: '__MSG_commandPrevMark__' },
      'open-search': { suggested_key: { default: 'Alt+Shift+E' }, description: '__MSG_commandOpenSearch__' },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'context-explainers@example.org',
              // 140 (the current ESR) is the first with the CSS Custom Highlight API and with
              // data_collection_permissions, which AMO now requires of new extensions.
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            // Firefox for Android reads data_collection_permissions from 142.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : browser === 'safari'
        ? // 17.2 is the first Safari with the CSS Custom Highlight API. Not tested here: see README.
          { browser_specific_settings: { safari: { strict_min_version: '17.2' } } }
        : // 105 is the first Chromium with the CSS Custom Highlight API, the only way marks are drawn.
          { minimum_chrome_version: '105' }),
  }),
  hooks: {
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.some((entrypoint) => NATIVE_BROWSER_ENTRYPOINTS.has(entrypoint.name))) return;
      const alias = config.resolve?.alias ?? [];
      const aliases: readonly Alias[] = Array.isArray(alias)
        ? (alias as readonly Alias[])
        : Object.entries(alias as Record<string, string>).map(([find, replacement]) => ({ find, replacement }));
      // The first matching alias wins, so this one shadows the polyfill module's `wxt/browser`.
      config.resolve = { ...config.resolve, alias: [{ find: /^wxt\/browser$/, replacement: NATIVE_BROWSER_MODULE }, ...aliases] };
    },
    'build:manifestGenerated': (wxt, manifest) => {
      for (const script of manifest.content_scripts ?? []) {
        if (!script.js?.some((file) => file.endsWith('content-scripts/content.js'))) continue;
        script.css = [...(script.css ?? []).filter((file) => file !== HIGHLIGHT_CSS), HIGHLIGHT_CSS];
        const resources = (manifest.web_accessible_resources ??= []) as unknown[];
        if (manifest.manifest_version === 2) resources.push(...PAGE_REACHABLE);
        else resources.push({ resources: PAGE_REACHABLE, matches: script.matches ?? [] });
      }
      // Safari on iOS refuses a persistent MV2 background page; ours already survives being stopped (Chromium's service worker is).
      if (wxt.config.browser === 'safari' && manifest.manifest_version === 2 && manifest.background) {
        (manifest.background as { persistent?: boolean }).persistent = false;
      }
    },
  },
});
