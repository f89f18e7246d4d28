import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { resolveTabId } from './tab-id';

afterEach(() => vi.restoreAllMocks());

function activeTab(id: number | undefined) {
  const tabs = id === undefined ? [] : [{ id }];
  // `never`: tabs.query is overloaded (promise and callback forms), which defeats mock typing.
  return vi.spyOn(browser.tabs, 'query').mockImplementation((async () => tabs));
}

describe('resolveTabId', () => {
  it('uses ?tab=<id> when the popup was opened as a tab', async () => {
    const query = activeTab(7);
    expect(await resolveTabId('?tab=42')).toBe(42);
    expect(query).not.toHaveBeenCalled();
  });

  it('otherwise uses the active tab of the current window', async () => {
    const query = activeTab(7);
    expect(await resolveTabId('')).toBe(7);
    expect(await resolveTabId('?tab=not-a-number')).toBe(7);
    expect(query).toHaveBeenCalledWith({ active: true, currentWindow: true });
  });

  it('is null when there is no active tab', async () => {
    activeTab(undefined);
    expect(await resolveTabId('')).toBeNull();
  });
});
