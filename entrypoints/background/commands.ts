import type { TabProtocol } from '../../lib/messages';

export const NAVIGATE_COMMANDS: Readonly<Record<string, TabProtocol['navigate']['req']['direction']>> = {
  'next-mark': 1,
  'prev-mark': -1,
};

/** Opens the explainer search page (no tab needed). */
export const OPEN_SEARCH_COMMAND = 'open-search';

export interface CommandDeps {
  activeTabId(): Promise<number | undefined>;
  navigate(tabId: number, direction: 1 | -1): Promise<unknown>;
  openSearch?(): Promise<unknown>;
}

/** Keyboard shortcuts: forward next/previous-mark to the content script of the active tab. */
export function createCommandHandler({ activeTabId, navigate, openSearch }: CommandDeps) {
  return async (command: string): Promise<void> => {
    if (command === OPEN_SEARCH_COMMAND) {
      await openSearch?.();
      return;
    }
    const direction = NAVIGATE_COMMANDS[command];
    if (direction === undefined) return;
    const tabId = await activeTabId();
    if (tabId === undefined) return;
    try {
      await navigate(tabId, direction);
    } catch {
      // No content script in that tab (a browser page, or one that loaded before install): nothing to move.
    }
  };
}
