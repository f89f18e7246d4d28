import { describe, expect, it } from 'vitest';
import { createCommandHandler } from './commands';

function setup(activeTab: number | undefined, navigate = async (_tab: number, _direction: 1 | -1): Promise<unknown> => true) {
  const calls: [number, 1 | -1][] = [];
  const handle = createCommandHandler({
    activeTabId: async () => activeTab,
    navigate: async (tabId, direction) => {
      calls.push([tabId, direction]);
      return navigate(tabId, direction);
    },
  });
  return { handle, calls };
}

describe('keyboard commands', () => {
  it('forwards next-mark and prev-mark to the active tab', async () => {
    const { handle, calls } = setup(4);
    await handle('next-mark');
    await handle('prev-mark');
    expect(calls).toEqual([
      [4, 1],
      [4, -1],
    ]);
  });

  it('ignores other commands', async () => {
    const { handle, calls } = setup(4);
    await handle('_execute_action');
    expect(calls).toEqual([]);
  });

  it('does nothing without an active tab', async () => {
    const { handle, calls } = setup(undefined);
    await handle('next-mark');
    expect(calls).toEqual([]);
  });

  it('swallows the error from a tab that has no content script', async () => {
    const { handle } = setup(4, () => Promise.reject(new Error('Could not establish connection. Receiving end does not exist.')));
    await expect(handle('next-mark')).resolves.toBeUndefined();
  });

  it('opens the search page for open-search, without needing a tab', async () => {
    let opened = 0;
    const handle = createCommandHandler({
      activeTabId: async () => undefined,
      navigate: async () => true,
      openSearch: async () => {
        opened += 1;
      },
    });
    await handle('open-search');
    expect(opened).toBe(1);
  });
});
