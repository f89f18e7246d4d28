import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import type { SearchResult } from '../../lib/messages';
import { useTestRoot } from '../testing/root';
import { PopupApp, type PopupActions } from './PopupApp';

let root: HTMLElement;
useTestRoot((element) => (root = element));

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const flush = () => act(async () => {});

describe('PopupApp', () => {
  it('loads the page explainers and reveals the one chosen', async () => {
    const actions: PopupActions = {
      getPageExplainers: vi.fn(async () => [{ id: 'ice', title: 'ICE', summary: 'The agency.', lang: 'en' as const, count: 3 }]),
      search: vi.fn(async () => []),
      reveal: vi.fn(),
      openExplainer: vi.fn(),
    };
    act(() => render(<PopupApp actions={actions} debounceMs={0} />, root));
    await flush();
    const item = root.querySelector<HTMLButtonElement>('[data-testid="on-page-item"]')!;
    expect(item.textContent).toContain('3 mentions');
    item.click();
    expect(actions.reveal).toHaveBeenCalledWith('ice');
  });

  it('shows the answer to the latest query only, and opens the picked result', async () => {
    const slow = deferred<SearchResult[]>();
    const fast: SearchResult[] = [{ id: 'ice', title: 'ICE', summary: '', category: 'Agencies', matched: 'ICE', score: 0, lang: 'en' }];
    const actions: PopupActions = {
      getPageExplainers: async () => [],
      search: vi.fn((query: string) => (query === 'i' ? slow.promise : Promise.resolve(fast))),
      reveal: vi.fn(),
      openExplainer: vi.fn(),
    };
    act(() => render(<PopupApp actions={actions} debounceMs={0} />, root));
    await flush();
    const input = root.querySelector<HTMLInputElement>('[data-testid="search-input"]')!;
    for (const text of ['i', 'ic']) {
      act(() => {
        input.value = text;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
    }
    await flush();
    slow.resolve([{ id: 'stale', title: 'Stale', summary: '', category: 'x', matched: 'i', score: 1, lang: 'en' }]);
    // "ic" waited for the answer to "i" (one search at a time), and is sent now.
    await flush();
    await flush();
    expect(vi.mocked(actions.search).mock.calls.map(([query]) => query)).toEqual(['i', 'ic']);
    const results = [...root.querySelectorAll('[data-testid="search-result"]')];
    expect(results.map((r) => r.textContent)).toEqual([expect.stringContaining('ICE')]);
    act(() => {
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    });
    act(() => {
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    });
    expect(actions.openExplainer).toHaveBeenCalledWith('ice');
  });

  it('shows the unavailable state when the page cannot be asked, without blaming the page', async () => {
    const actions: PopupActions = {
      getPageExplainers: async () => {
        throw new Error('no tab');
      },
      search: async () => [],
      reveal: () => {},
      openExplainer: vi.fn(),
    };
    act(() => render(<PopupApp actions={actions} />, root));
    await flush();
    const error = root.querySelector('[data-testid="on-page-error"]')!.textContent;
    expect(error).toContain('could not be listed');
    expect(root.textContent).not.toContain("can't be read");
    act(() => root.querySelector<HTMLButtonElement>('.popup-footer button')!.click());
    expect(actions.openExplainer).toHaveBeenCalledWith(null);
  });

  const onPage = async () => [{ id: 'ice', title: 'ICE', summary: 'The agency.', lang: 'en' as const, count: 3 }];

  it('shows a "Turn on" banner instead of the list while the extension is off, and the list once turned on', async () => {
    let enabled = false;
    const getPageExplainers = vi.fn(onPage);
    const actions: PopupActions = {
      getPageExplainers,
      search: async () => [],
      reveal: vi.fn(),
      openExplainer: vi.fn(),
      pause: { getSiteStatus: async () => ({ hostname: 'example.org', paused: false }), setSitePaused: vi.fn() },
      power: {
        isEnabled: async () => enabled,
        turnOn: vi.fn(async () => {
          enabled = true;
        }),
      },
    };
    act(() => render(<PopupApp actions={actions} debounceMs={0} />, root));
    await flush();
    expect(root.querySelector('[data-testid="off-banner"]')).not.toBeNull();
    expect(root.querySelector('[data-testid="on-page-item"]')).toBeNull();
    expect(root.querySelector('[data-testid="pause-site"]')).toBeNull();

    await act(async () => root.querySelector<HTMLButtonElement>('[data-testid="turn-on"]')!.click());
    await flush();
    expect(actions.power!.turnOn).toHaveBeenCalledOnce();
    expect(root.querySelector('[data-testid="off-banner"]')).toBeNull();
    expect(root.querySelectorAll('[data-testid="on-page-item"]')).toHaveLength(1);
    expect(root.querySelector('[data-testid="pause-site"]')).not.toBeNull();
    expect(getPageExplainers).toHaveBeenCalledTimes(2);
  });

  it('stays off when turning on fails', async () => {
    const actions: PopupActions = {
      getPageExplainers: onPage,
      search: async () => [],
      reveal: vi.fn(),
      openExplainer: vi.fn(),
      power: {
        isEnabled: async () => false,
        turnOn: async () => {
          throw new Error('no storage');
        },
      },
    };
    act(() => render(<PopupApp actions={actions} debounceMs={0} />, root));
    await flush();
    await act(async () => root.querySelector<HTMLButtonElement>('[data-testid="turn-on"]')!.click());
    await flush();
    expect(root.querySelector('[data-testid="off-banner"]')).not.toBeNull();
  });

  it('says the site is paused and hides the list, and lists again once resumed', async () => {
    let status = { hostname: 'example.org', paused: true };
    const getPageExplainers = vi.fn(onPage);
    const actions: PopupActions = {
      getPageExplainers,
      search: async () => [],
      reveal: vi.fn(),
      openExplainer: vi.fn(),
      pause: {
        getSiteStatus: async () => status,
        setSitePaused: async (paused) => (status = { ...status, paused }),
      },
      power: { isEnabled: async () => true, turnOn: vi.fn() },
    };
    act(() => render(<PopupApp actions={actions} debounceMs={0} />, root));
    await flush();
    expect(root.querySelector('[data-testid="paused-banner"]')!.textContent).toBe('Paused on example.org · Resume');
    expect(root.querySelector('[data-testid="on-page-item"]')).toBeNull();
    expect(root.querySelector('[data-testid="off-banner"]')).toBeNull();

    await act(async () => root.querySelector<HTMLButtonElement>('[data-testid="resume-site"]')!.click());
    await flush();
    expect(root.querySelector('[data-testid="paused-banner"]')).toBeNull();
    expect(root.querySelectorAll('[data-testid="on-page-item"]')).toHaveLength(1);
    expect(getPageExplainers).toHaveBeenCalledTimes(2);
  });

  it('says a page extensions cannot read is unreadable, not empty, and offers topics to search', async () => {
    const search = vi.fn(async () => [] as SearchResult[]);
    const actions: PopupActions = {
      getPageExplainers: async () => [],
      search,
      reveal: vi.fn(),
      openExplainer: vi.fn(),
      pause: { getSiteStatus: async () => ({ hostname: 'stale.example', paused: false }), setSitePaused: vi.fn() },
      canReadPage: async () => false,
      suggestions: async () => ['ICE', 'Detainer'],
    };
    act(() => render(<PopupApp actions={actions} debounceMs={0} />, root));
    await flush();
    expect(root.querySelector('[data-testid="unreadable-page"]')!.textContent).toContain("This page can't be read by extensions.");
    expect(root.querySelector('[data-testid="on-page-empty"]')).toBeNull();
    expect(root.querySelector('[data-testid="pause-site"]')).toBeNull();
    const buttons = [...root.querySelectorAll<HTMLButtonElement>('[data-testid="suggestion"]')];
    expect(buttons.map((button) => button.textContent)).toEqual(['ICE', 'Detainer']);
    await act(async () => buttons[1]!.click());
    await flush();
    expect(search).toHaveBeenCalledWith('Detainer');
    expect(root.querySelector<HTMLInputElement>('[data-testid="search-input"]')!.value).toBe('Detainer');
  });

  it('puts the search first and lets its results replace the list while the reader types', async () => {
    const found: SearchResult[] = [{ id: 'ice', title: 'ICE', summary: '', category: 'Agencies', matched: 'ICE', score: 0, lang: 'en' }];
    const actions: PopupActions = {
      getPageExplainers: onPage,
      search: async () => found,
      reveal: vi.fn(),
      openExplainer: vi.fn(),
    };
    act(() => render(<PopupApp actions={actions} debounceMs={0} />, root));
    await flush();
    const input = root.querySelector<HTMLInputElement>('[data-testid="search-input"]')!;
    const list = root.querySelector('[data-testid="on-page-item"]')!;
    expect(input.compareDocumentPosition(list) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    act(() => {
      input.value = 'ic';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await flush();
    expect(root.querySelector('[data-testid="on-page-item"]')).toBeNull();
    expect(root.querySelectorAll('[data-testid="search-result"]')).toHaveLength(1);
    act(() => {
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    });
    await flush();
    expect(root.querySelectorAll('[data-testid="on-page-item"]')).toHaveLength(1);
  });

  it('offers topics when the page has none and when a search finds nothing, and shows the shortcuts', async () => {
    const actions: PopupActions = {
      getPageExplainers: async () => [],
      search: async () => [],
      reveal: vi.fn(),
      openExplainer: vi.fn(),
      suggestions: async () => ['ICE'],
      shortcuts: async () => [
        { name: 'next-mark', shortcut: 'Alt+Shift+J' },
        { name: 'prev-mark', shortcut: '' },
        { name: 'open-search', shortcut: 'Alt+Shift+E' },
      ],
    };
    act(() => render(<PopupApp actions={actions} debounceMs={0} />, root));
    await flush();
    expect(root.querySelector('[data-testid="on-page-empty"]')).not.toBeNull();
    expect(root.querySelectorAll('[data-testid="suggestion"]')).toHaveLength(1);
    expect(root.querySelector('[data-testid="shortcut-hint"]')!.textContent).toBe('Alt+Shift+J next topic · Alt+Shift+E search');
    const input = root.querySelector<HTMLInputElement>('[data-testid="search-input"]')!;
    act(() => {
      input.value = 'zzz';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await flush();
    expect(root.querySelector('.search-status')!.textContent).toBe('No explainers match “zzz”.');
    expect(root.querySelectorAll('[data-testid="suggestion"]')).toHaveLength(1);
  });
});
