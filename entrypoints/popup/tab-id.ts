import { browser } from 'wxt/browser';

/**
 * The tab the popup is about: `?tab=<id>` when the popup is opened as an ordinary tab (the e2e tests
 * do that, and then the "active tab" would be the popup itself), else the active tab of this window.
 */
export async function resolveTabId(search: string): Promise<number | null> {
  const param = new URLSearchParams(search).get('tab');
  if (param !== null && /^\d+$/.test(param)) return Number(param);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}
