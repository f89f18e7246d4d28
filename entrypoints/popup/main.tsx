import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PopupApp, type PopupActions } from '../../components/Popup/PopupApp';
import { LangProvider, translator } from '../../components/lang';
import { browserLanguage, wantedLanguage, type ReaderLang } from '../../lib/reader-lang';
import { sendToBackground, sendToTab } from '../../lib/messaging';
import { explainerPath } from '../../lib/explainer-url';
import { loadSettings, updateSettings } from '../../lib/settings';
import { resolveTabId } from './tab-id';
import './style.css';

/** Opened as an ordinary tab (`?tab=`, as the e2e tests do), the page stays open after acting. */
const openedAsTab = new URLSearchParams(location.search).has('tab');

function closePopup(): void {
  if (!openedAsTab) window.close();
}

function openExplainer(id: string | null): void {
  const url = browser.runtime.getURL(explainerPath(id) as '/explainer.html');
  void browser.tabs.create({ url }).finally(closePopup);
}

const tabId = resolveTabId(location.search);

/** Explainers in the reader's chosen language; with "match the page", the browser's. */
const lang: Promise<ReaderLang> = loadSettings().then(
  (settings) => wantedLanguage(settings.explainerLanguage, browserLanguage()),
  () => browserLanguage(),
);

const actions: PopupActions = {
  async getPageExplainers() {
    const id = await tabId;
    if (id === null) throw new Error('No active tab');
    return sendToBackground('getPageExplainers', { tabId: id, lang: await lang });
  },
  search: async (query) => sendToBackground('search', { query, limit: 8, lang: await lang }),
  reveal(id) {
    void (async () => {
      const target = await tabId;
      // If the tab cannot show it (no content script there, or the mark is gone), show the full page instead.
      const shown = target === null ? false : await sendToTab(target, 'reveal', { id }).catch(() => false);
      if (shown) closePopup();
      else openExplainer(id);
    })();
  },
  openExplainer,
  pause: {
    async getSiteStatus() {
      const id = await tabId;
      if (id === null) return { hostname: null, paused: false };
      return sendToBackground('getSiteStatus', { tabId: id });
    },
    async setSitePaused(paused) {
      const id = await tabId;
      if (id === null) return { hostname: null, paused: false };
      return sendToBackground('pauseSite', { tabId: id, paused });
    },
  },
  openOptions() {
    void browser.runtime.openOptionsPage().finally(closePopup);
  },
  power: {
    isEnabled: async () => (await loadSettings()).enabled,
    async turnOn() {
      await updateSettings({ enabled: true });
    },
  },
  async canReadPage() {
    const id = await tabId;
    if (id === null) return false;
    // Chrome and Firefox fail the send only when no content script listens in the tab.
    return sendToTab(id, 'ping', {}).then(
      () => true,
      () => false,
    );
  },
  async suggestions() {
    return sendToBackground('suggestedTopics', {});
  },
  async shortcuts() {
    // No keyboard shortcuts where the browser has no commands API (Firefox for Android).
    if (!browser.commands) return [];
    return (await browser.commands.getAll()).flatMap((command) => (command.name ? [{ name: command.name, shortcut: command.shortcut ?? '' }] : []));
  },
};

// Touch capability, not the user agent, decides on touch-sized controls (style.css).
document.documentElement.toggleAttribute('data-touch', navigator.maxTouchPoints > 0);
void lang.then((shown) => {
  document.documentElement.lang = shown;
  document.title = translator(shown)('extName');
  render(
    <LangProvider lang={shown}>
      <PopupApp actions={actions} />
    </LangProvider>,
    document.getElementById('app')!,
  );
});
