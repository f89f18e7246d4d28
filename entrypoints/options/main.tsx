import { render } from 'preact';
import { browser } from 'wxt/browser';
import { OptionsApp, type OptionsActions } from '../../components/Options/OptionsApp';
import { t } from '../../lib/i18n';
import { compareCategories } from '../../lib/pack-format/categories';
import { sendToBackground } from '../../lib/messaging';
import { browserLanguage, intlLocale } from '../../lib/reader-lang';
import { loadSettings, updateSettings, watchSettings } from '../../lib/settings';
import { subscribeWithOriginAccess } from './pack-origin';
import './style.css';

// In the messages' language: an extension page's default Intl locale can stay en-US under a Spanish browser.
const timeFormat = new Intl.DateTimeFormat(intlLocale(browserLanguage()), { dateStyle: 'medium', timeStyle: 'short' });

const actions: OptionsActions = {
  loadSettings,
  watchSettings,
  updateSettings,
  async categories() {
    const list = await sendToBackground('listExplainers', {});
    return [...new Set(list.map((item) => item.category))].sort(compareCategories);
  },
  async explainerTitles() {
    const list = await sendToBackground('listExplainers', {});
    return Object.fromEntries(list.map((item) => [item.id, item.title]));
  },
  async shortcuts() {
    // No keyboard shortcuts where the browser has no commands API (Firefox for Android).
    if (!browser.commands) return [];
    const commands = await browser.commands.getAll();
    return commands
      .filter((command) => command.name !== undefined)
      .map((command) => ({
        name: command.name!,
        description: command.name === '_execute_action' || command.name === '_execute_browser_action' ? t('commandOpenPopup') : (command.description ?? command.name!),
        shortcut: command.shortcut ?? '',
      }));
  },
  getPacks: () => sendToBackground('getPacks', {}),
  subscribe: subscribeWithOriginAccess(browser.permissions, (url, pinnedKey) =>
    sendToBackground('subscribePack', { url, ...(pinnedKey ? { pinnedKey } : {}) }),
  ),
  // PacksSection has already refused an oversize file by its size, before reading it.
  importFile: (text, fileName, pinnedKey) => sendToBackground('importPack', { text, fileName, ...(pinnedKey ? { pinnedKey } : {}) }),
  remove: (id) => sendToBackground('removePack', { id }),
  setEnabled: (id, enabled) => sendToBackground('setPackEnabled', { id, enabled }),
  refresh: (id) => sendToBackground('refreshPacks', id === undefined ? {} : { id }),
  formatTime: (iso) => timeFormat.format(new Date(iso)),
  async openShortcutSettings() {
    // Firefox refuses to open about:addons from an extension; the options page says where to go instead.
    if (import.meta.env.FIREFOX) return false;
    // Chromium browsers (Edge, Brave…) all answer chrome://extensions/shortcuts.
    await browser.tabs.create({ url: 'chrome://extensions/shortcuts' });
    return true;
  },
};

// The options page speaks the browser's language (its messages come from browser.i18n); the HTML says English until now.
document.documentElement.lang = browserLanguage();
document.title = t('optionsTitle');
render(<OptionsApp actions={actions} />, document.getElementById('app')!);
