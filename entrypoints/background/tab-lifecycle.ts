import type { Browser } from 'wxt/browser';
import type { PageState } from '../../lib/catalog/page-state';

/**
 * A tab that starts loading a different URL shows a different page: its mentions and badge go at
 * once. Chrome only tells us the URL with the "tabs" permission, which we do not ask for; then the
 * load is noted and the main frame's next report decides whether the page really changed.
 */
export function createTabUpdatedListener(pageState: PageState) {
  return (tabId: number, changeInfo: Browser.tabs.OnUpdatedInfo): void => {
    if (changeInfo.status !== 'loading') return;
    if (changeInfo.url !== undefined) void pageState.resetTab(tabId);
    else void pageState.navigationStarted(tabId);
  };
}

export function createTabRemovedListener(pageState: PageState) {
  return (tabId: number): void => {
    void pageState.forgetTab(tabId);
  };
}
