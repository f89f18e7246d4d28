import { browser } from 'wxt/browser';
import { PageState } from '@/lib/catalog/page-state';
import { sendToTab } from '@/lib/messaging';
import { validatePack } from '@/lib/pack/validate';
import { createCommandHandler } from './commands';
import { createMessageRouter } from './message-router';
import { loadPackCatalog } from './pack-loader';
import { createTabRemovedListener, createTabUpdatedListener } from './tab-lifecycle';

const BUNDLED_PACK_PATH = '/packs/default.json';

export default defineBackground(() => {
  // Start loading at once but register every listener synchronously: an MV3 service worker woken by
  // an event only delivers it to listeners added in the first turn.
  const catalog = loadPackCatalog(browser.runtime.getURL(BUNDLED_PACK_PATH as '/'), 'packs/default.json', (json) =>
    validatePack(json),
  );
  catalog.catch((error: unknown) => console.error(error));

  // Firefox MV2 has browserAction instead of action.
  const toolbarButton = browser.action ?? browser.browserAction;
  const pageState = new PageState({
    storage: browser.storage.session,
    setBadge: (tabId, text) => toolbarButton.setBadgeText({ tabId, text }),
  });

  browser.runtime.onMessage.addListener(createMessageRouter({ catalog: () => catalog, pageState }));
  browser.tabs.onUpdated.addListener(createTabUpdatedListener(pageState));
  browser.tabs.onRemoved.addListener(createTabRemovedListener(pageState));
  browser.commands?.onCommand.addListener(
    createCommandHandler({
      activeTabId: async () => (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id,
      navigate: (tabId, direction) => sendToTab(tabId, 'navigate', { direction }),
    }),
  );
});
