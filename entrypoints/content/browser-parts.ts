import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createHighlightPainter } from '../../lib/dom/highlights';
import { CARD_MODULE_GLOBAL, createLazyCardHost, type CardHostFactory } from '../../lib/dom/lazy-card-host';
import type { Mark } from '../../lib/dom/marks';
import { markToneAt, type Tone } from '../../lib/dom/page-colors';
import { explainerPath } from '../../lib/explainer-url';
import { sendToBackground } from '../../lib/messaging';
import { wantedLanguage } from '../../lib/reader-lang';
import { changeStoredSettings, type Settings } from '../../lib/settings-core';
import { readerSite } from './reader-site';
import type { SessionParts } from './session';

/*
 * The session's bindings to the browser: page highlights, the shadow-root card loaded on first use,
 * messages to the background and settings storage. The session's decisions live in session.ts and are
 * unit-tested with stand-ins for these; these run, and are tested, in real browsers (tests/e2e).
 */

/** Loads the card module (entrypoints/content-card.ts) into this content script's world. */
async function loadCardModule(): Promise<CardHostFactory> {
  if (import.meta.env.FIREFOX) {
    // AMO's linter flags import() of a computed URL; Firefox gets the card bundled in instead.
    (await import('../content-card')).default.main();
  } else {
    const url = browser.runtime.getURL('/content-card.js' as '/content-scripts/content.js');
    await import(/* @vite-ignore */ url);
  }
  const factory = (globalThis as Record<string, unknown>)[CARD_MODULE_GLOBAL];
  if (typeof factory !== 'function') throw new Error(`content-card.js did not register ${CARD_MODULE_GLOBAL}`);
  return factory as CardHostFactory;
}

/** Each mark's tone from the background behind its text, read once per element (marks of a paragraph share it). */
function markTones(): (mark: Mark) => Tone {
  const known = new WeakMap<Element, Tone>();
  return (mark) => {
    const element = mark.nodes[0]?.parentElement ?? null;
    if (!element) return 'light';
    let tone = known.get(element);
    if (!tone) known.set(element, (tone = markToneAt(element)));
    return tone;
  };
}

/** The real parts: highlights in the page, the lazily loaded card, counts to the background. */
export function browserParts(
  ctx: ContentScriptContext,
  settings: () => Settings,
  onCloseRequest: () => void,
  onPointerInCard: (inside: boolean) => void,
): SessionParts {
  const fullUrl = (id: string) => browser.runtime.getURL(explainerPath(id) as '/explainer.html');
  // Settings changes reach every tab through storage.onChanged, so the marks go everywhere at once.
  const remember = (change: (current: Settings) => Partial<Settings>) => void changeStoredSettings(change).catch(() => undefined);
  return {
    painter: createHighlightPainter(settings().highlightStyle, markTones()),
    card: createLazyCardHost(
      {
        ctx,
        loadCard: (id, lang) => sendToBackground('getCard', { id, lang }),
        // mark.lang is its block's language (nearest lang attribute, else the stop-word detector).
        cardLanguage: (mark) => wantedLanguage(settings().explainerLanguage, mark.lang),
        fullUrl,
        openFull: (id) => {
          // Chromium may refuse a page's navigation to chrome-extension://; the background opens the tab.
          sendToBackground('openExplainer', { id }).catch(() => window.open(fullUrl(id), '_blank', 'noopener'));
        },
        onCloseRequest,
        onPointerInCard,
        menu: {
          hideTopic: (id) => remember(({ hiddenExplainers }) => ({ hiddenExplainers: [...hiddenExplainers.filter((other) => other !== id), id] })),
          pauseSite: () => {
            const site = readerSite();
            remember(({ pausedSites }) => ({ pausedSites: [...pausedSites.filter((other) => other !== site), site] }));
          },
          openSettings: () => void sendToBackground('openOptions', {}).catch(() => undefined),
        },
      },
      loadCardModule,
    ),
    sendCounts: (counts, marked) => sendToBackground('pageMatches', { counts, ...(marked ? { marked } : {}) }),
  };
}

