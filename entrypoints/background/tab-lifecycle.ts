import type { Browser } from 'wxt/browser';
import type { PageState } from '@/lib/catalog/page-state';

/**
 * A tab that starts loading a different URL shows a different page: its mentions and badge go.
 * Reloads of the same URL are left to the fresh content script, which reports its own counts.
 */
export function createTabUpdatedListener(pageState: PageState) {
  return (tabId: number, changeInfo: Browser.tabs.OnUpdatedInfo): void => {
    if (changeInfo.status === 'loading' && changeInfo.url !== undefined) void pageState.resetTab(tabId);
  };
}

export function createTabRemovedListener(pageState: PageState) {
  return (tabId: number): void => {
    void pageState.forgetTab(tabId);
  };
}
