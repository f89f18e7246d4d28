import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { SCAN_MEASURE } from '../../lib/dom/constants';
import { supportsCustomHighlights } from '../../lib/dom/highlights';
import { matcherFrom } from '../../lib/match';
import type { Matcher } from '../../lib/match/types';
import type { TabMessage, TabResponse } from '../../lib/messages';
import { sendToBackground } from '../../lib/messaging';
import { onSettingsChanged, readSettings, type Settings } from '../../lib/settings-core';
import { readerSite } from './reader-site';
import { startSession, type Session } from './session';

/**
 * A frame that has no answer waits this long before saying "no", so a frame that does have the
 * explainer (an embedded article) answers first: the sender keeps the first reply.
 */
const NO_ANSWER_DELAY_MS = 150;

const isTopFrame = window === window.top;

/** Waits between attempts to get the term table while the background is still starting. */
const TERM_TABLE_RETRY_MS = [250, 500, 1000, 2000, 4000];

/** The frame where the reader is typing answers keyboard commands (not a parent of a focused iframe). */
function hasKeyboardFocus(): boolean {
  const active = document.activeElement;
  return document.hasFocus() && !(active instanceof HTMLIFrameElement || active instanceof HTMLFrameElement);
}

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  allFrames: true,
  matchAboutBlank: false,
  // Card styles live in the lazily loaded card module's shadow root; 'ui' keeps any stylesheet
  // imported here out of the manifest, where it would style every page. The ::highlight() rules
  // are the one page-level stylesheet, added to the manifest by wxt.config.ts.
  cssInjectionMode: 'ui',
  async main(ctx) {
    if (location.protocol !== 'http:' && location.protocol !== 'https:') return;
    // Marks are drawn only with the CSS Custom Highlight API (the manifest's minimum browsers have it): never by changing the page.
    if (!supportsCustomHighlights()) return;

    let settings: Settings = await readSettings();
    let session: Session | null = null;
    let matcher: Promise<Matcher> | null = null;
    let tableVersion: string | null = null;
    const site = readerSite();
    let reportedPaused: boolean | null = null;

    const loadMatcher = () =>
      (matcher ??= sendToBackground('getTermTable', {}).then(
        (table) => {
          tableVersion = table.version;
          // Part of scanning the page, so it is measured as such (the automaton itself is built
          // inside the first slice whose text passes the precheck).
          const start = performance.now();
          const built = matcherFrom(table.compiled);
          performance.measure(SCAN_MEASURE, { start, end: performance.now() });
          return built;
        },
        (error: unknown) => {
          matcher = null;
          throw error;
        },
      ));

    const apply = async () => {
      const paused = settings.pausedSites.includes(site);
      // The top frame tells the background, so the badge and popup can show the site is paused.
      if (isTopFrame && paused !== reportedPaused) {
        reportedPaused = paused;
        sendToBackground('siteStatus', { paused }).catch(() => (reportedPaused = null));
      }
      if (!settings.enabled || paused) {
        session?.stop();
        session = null;
        return;
      }
      if (session) return session.settingsChanged(settings);
      const ready = await loadMatcher();
      if (ctx.isInvalid || !settings.enabled || settings.pausedSites.includes(site) || session) return;
      session = startSession(ctx, ready, settings);
    };

    /** A pack or the disabled categories changed: rebuild the matcher and rescan. */
    const reloadTermTable = (version: string) => {
      if (version === tableVersion) return;
      matcher = null;
      tableVersion = null;
      session?.stop();
      session = null;
      void apply().catch(() => {});
    };

    ctx.onInvalidated(
      onSettingsChanged((next) => {
        settings = next;
        void apply().catch(() => {});
      }),
    );
    ctx.addEventListener(window, 'wxt:locationchange', () => session?.navigated());

    const answer = (message: TabMessage): Promise<TabResponse<'reveal' | 'navigate'>> | undefined => {
      if (message.type === 'reveal') {
        if (session?.reveal(message.id)) return Promise.resolve(true);
        if (!isTopFrame) return undefined;
        return new Promise((resolve) => setTimeout(() => resolve(false), NO_ANSWER_DELAY_MS));
      }
      if (message.type === 'termTableChanged') {
        reloadTermTable(message.version);
        return undefined;
      }
      if (message.type === 'navigate') {
        const mine = hasKeyboardFocus() || (isTopFrame && !document.hasFocus());
        if (!mine) return undefined;
        return Promise.resolve(session?.navigate(message.direction) ?? false);
      }
      return undefined;
    };
    // Answered through sendResponse: this script uses the browser's own API object (see wxt.config.ts), and
    // Chromium's has long ignored a listener's returned Promise; `true` keeps the channel open for the answer.
    const onMessage = (message: unknown, _sender: unknown, sendResponse: (response: unknown) => void): boolean => {
      const reply = typeof message === 'object' && message !== null && 'type' in message ? answer(message as TabMessage) : undefined;
      if (!reply) return false;
      void reply.then(sendResponse);
      return true;
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));

    // Right after install or a browser start the background may not have its catalog yet.
    for (const wait of [0, ...TERM_TABLE_RETRY_MS]) {
      if (wait > 0) await new Promise<void>((resolve) => ctx.setTimeout(() => resolve(), wait));
      if (ctx.isInvalid) return;
      try {
        await apply();
        return;
      } catch {
        // Try again after the next wait.
      }
    }
  },
});
