import { describe, expect, it } from 'vitest';
import { PowerBadge } from './power-badge';

function setup(whenOn: Record<number, string>) {
  const tabs = new Map<number, string>(Object.entries(whenOn).map(([id]) => [Number(id), '']));
  let fallback = '';
  const badge = new PowerBadge({
    setTabBadge: async (tabId, text) => {
      if (!tabs.has(tabId)) throw new Error('No tab');
      tabs.set(tabId, text);
    },
    setDefaultBadge: async (text) => {
      fallback = text;
    },
    tabIds: async () => [...Object.keys(whenOn).map(Number), 99],
    badgeWhenOn: async (tabId) => whenOn[tabId] ?? '',
    offBadge: 'off',
  });
  return { badge, tabs, fallback: () => fallback };
}

describe('PowerBadge', () => {
  it('passes badges through while on', () => {
    const { badge } = setup({});
    expect(badge.text('3')).toBe('3');
  });

  it('labels every tab and new tabs "off" when switched off, and keeps late counts from replacing it', async () => {
    const { badge, tabs, fallback } = setup({ 1: '3', 2: 'off' });
    await badge.setEnabled(false);
    expect([...tabs.values()]).toEqual(['off', 'off']);
    expect(fallback()).toBe('off');
    expect(badge.text('5')).toBe('off');
  });

  it("gives each tab its own badge back (count or paused) when switched on again", async () => {
    const { badge, tabs, fallback } = setup({ 1: '3', 2: 'off', 3: '' });
    await badge.setEnabled(false);
    await badge.setEnabled(true);
    expect(Object.fromEntries(tabs)).toEqual({ 1: '3', 2: 'off', 3: '' });
    expect(fallback()).toBe('');
    expect(badge.text('4')).toBe('4');
  });
});
