import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import type { PacksView } from '../../lib/messages';
import { DEFAULT_MAX_PACK_BYTES } from '../../lib/pack-store/fetch-pack';
import { packProblem } from '../../lib/pack-store/problem';
import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from '../../lib/settings-core';
import { browser } from 'wxt/browser';
import { englishMessage } from '../testing/i18n';
import { useTestRoot } from '../testing/root';
import { OptionsApp, type OptionsActions } from './OptionsApp';

let root: HTMLElement;
useTestRoot((element) => (root = element));

const flush = () => act(async () => {});

const PACKS: PacksView = {
  packs: [
    { id: 'bundled', kind: 'bundled', source: '', name: 'Context Explainers', version: '2026.02.18', explainerCount: 30, enabled: true, removable: false },
    {
      id: 'url:https://example.org/p.json',
      kind: 'url',
      source: 'https://example.org/p.json',
      name: 'Zorblax pack',
      version: '1',
      explainerCount: 1,
      enabled: true,
      removable: true,
      lastCheck: '2026-02-20T10:00:00.000Z',
      lastError: { code: 'packErrorHash', substitutions: ['abc', 'def'] },
    },
  ],
  conflicts: [{ explainerId: 'ice', kept: 'Zorblax pack', dropped: 'Context Explainers' }],
};

function setup(initial: Partial<Settings> = {}) {
  let stored = normalizeSettings({ ...DEFAULT_SETTINGS, ...initial });
  let watcher: ((settings: Settings) => void) | null = null;
  const actions: OptionsActions = {
    loadSettings: vi.fn(async () => stored),
    watchSettings: (onChange) => {
      watcher = onChange;
      return () => (watcher = null);
    },
    updateSettings: vi.fn(async (change: Partial<Settings>) => (stored = normalizeSettings({ ...stored, ...change }))),
    categories: async () => ['Agencies', 'Laws & orders'],
    shortcuts: async () => [{ name: 'next-mark', description: 'Go to the next marked term', shortcut: 'Alt+Shift+J' }],
    getPacks: vi.fn(async () => PACKS),
    subscribe: vi.fn(async () => ({
      ok: false as const,
      errors: [packProblem('packErrorFirstDownload', [], packProblem('packErrorHttp', ['404 Not Found', 'https://example.org/missing.json']))],
    })),
    importFile: vi.fn(async () => ({ ok: true as const })),
    remove: vi.fn(async () => ({ ok: true as const })),
    setEnabled: vi.fn(async () => ({ ok: true as const })),
    refresh: vi.fn(async () => ({ ok: true as const })),
    formatTime: (iso) => `at ${iso}`,
  };
  return { actions, stored: () => stored, push: (settings: Settings) => watcher?.(settings) };
}

const $ = <T extends Element = HTMLElement>(selector: string) => root.querySelector<T>(selector)!;

async function change(selector: string, value: string) {
  const element = $<HTMLSelectElement>(selector);
  element.value = value;
  await act(async () => {
    element.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

describe('OptionsApp', () => {
  it('saves each setting as it changes', async () => {
    const { actions, stored } = setup();
    act(() => render(<OptionsApp actions={actions} />, root));
    await flush();
    await change('[data-testid="setting-highlight-style"]', 'tint');
    await change('[data-testid="setting-open-on"]', 'click');
    await change('[data-testid="setting-mark-mode"]', 'every');
    await change('[data-testid="setting-explainer-language"]', 'es');
    await act(async () => $<HTMLInputElement>('input[data-testid="setting-category"][value="Agencies"]').click());
    await act(async () => $<HTMLInputElement>('[data-testid="setting-enabled"]').click());
    expect(stored()).toMatchObject({ highlightStyle: 'tint', openOn: 'click', markMode: 'every', explainerLanguage: 'es', disabledCategories: ['Agencies'], enabled: false });
    expect($<HTMLInputElement>('input[data-testid="setting-category"][value="Agencies"]').checked).toBe(false);
  });

  it('says settings that fail to load could not be loaded, not saved, and stops saying it is loading', async () => {
    const { actions, push } = setup();
    actions.loadSettings = vi.fn(async () => {
      throw new Error('storage unavailable');
    });
    act(() => render(<OptionsApp actions={actions} />, root));
    await flush();
    expect($('[role="alert"]').textContent).toContain('could not be loaded');
    expect(root.textContent).not.toContain('could not be saved');
    expect(root.querySelector('.options > [role="status"]')).toBeNull();
    // Settings that arrive later (written elsewhere) replace the message with the controls.
    act(() => push(normalizeSettings(DEFAULT_SETTINGS)));
    expect($('[data-testid="setting-highlight-style"]')).not.toBeNull();
    expect(root.textContent).not.toContain('could not be loaded');
  });

  it('follows changes made elsewhere, lists paused sites and resumes one', async () => {
    const { actions, push, stored } = setup({ pausedSites: ['example.org', 'news.example'] });
    act(() => render(<OptionsApp actions={actions} />, root));
    await flush();
    expect([...root.querySelectorAll('[data-testid="paused-site"]')].map((item) => item.textContent)).toEqual([
      'example.org Resume',
      'news.example Resume',
    ]);
    await act(async () => $<HTMLButtonElement>('[data-testid="paused-site"] button').click());
    expect(stored().pausedSites).toEqual(['news.example']);
    await act(async () => push({ ...stored(), highlightStyle: 'none' }));
    expect($<HTMLSelectElement>('[data-testid="setting-highlight-style"]').value).toBe('none');
  });

  it('lists the topics the reader chose not to mark by title, and "Show again" marks one again', async () => {
    const { actions, stored } = setup({ hiddenExplainers: ['287g-program', 'gone-topic'] });
    actions.explainerTitles = async () => ({ '287g-program': '287(g) program', ice: 'ICE' });
    act(() => render(<OptionsApp actions={actions} />, root));
    await flush();
    expect([...root.querySelectorAll('[data-testid="hidden-topic"]')].map((item) => item.textContent)).toEqual(['287(g) program Show again', 'gone-topic Show again']);
    await act(async () => $<HTMLButtonElement>('[data-testid="show-topic-again"]').click());
    expect(stored().hiddenExplainers).toEqual(['gone-topic']);
    await act(async () => $<HTMLButtonElement>('[data-testid="show-topic-again"]').click());
    expect(root.querySelector('[data-testid="hidden-topics"]')).toBeNull();
  });

  it('reads the hidden topics\' titles again after a pack action, so a topic from a newly added pack shows by title', async () => {
    const { actions } = setup({ hiddenExplainers: ['new-topic'] });
    let titles: Record<string, string> = {};
    actions.explainerTitles = async () => titles;
    act(() => render(<OptionsApp actions={actions} />, root));
    await flush();
    expect($('[data-testid="hidden-topic"]').textContent).toBe('new-topic Show again');
    titles = { 'new-topic': 'A new topic' };
    await act(async () => $<HTMLButtonElement>('[data-testid="pack-refresh-all"]').click());
    await flush();
    expect($('[data-testid="hidden-topic"]').textContent).toBe('A new topic Show again');
  });

  it('lists packs with version, source, count, last check and last error; the bundled pack has no remove button', async () => {
    const { actions } = setup();
    act(() => render(<OptionsApp actions={actions} />, root));
    await flush();
    const rows = [...root.querySelectorAll<HTMLElement>('[data-testid="pack-row"]')];
    expect(rows.map((row) => row.dataset.packId)).toEqual(['bundled', 'url:https://example.org/p.json']);
    expect(rows[0]!.querySelector('[data-testid="pack-remove"]')).toBeNull();
    expect(rows[0]!.querySelector('[data-testid="pack-source"]')!.textContent).toBe('Built in');
    expect(rows[1]!.querySelector('[data-testid="pack-version"]')!.textContent).toBe('version 1');
    expect(rows[1]!.querySelector('[data-testid="pack-count"]')!.textContent).toBe('1');
    expect(rows[1]!.querySelector('[data-testid="pack-last-check"]')!.textContent).toBe('at 2026-02-20T10:00:00.000Z');
    expect(rows[1]!.querySelector('[data-testid="pack-error"]')!.textContent).toBe(
      'Last update failed, still using the previous version: hash mismatch: the content hashes to abc but the pack claims def (altered or corrupted)',
    );
    expect($('[data-testid="pack-conflicts"]').textContent).toContain('ice: using Zorblax pack, not Context Explainers');
  });

  it('shows why a subscription failed and reloads the list after every action', async () => {
    const { actions } = setup();
    act(() => render(<OptionsApp actions={actions} />, root));
    await flush();
    const input = $<HTMLInputElement>('[data-testid="pack-url"]');
    input.value = 'https://example.org/missing.json';
    await act(async () => {
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => $<HTMLButtonElement>('[data-testid="pack-subscribe"]').click());
    await flush();
    expect(actions.subscribe).toHaveBeenCalledWith('https://example.org/missing.json', undefined);
    const status = $('[data-testid="pack-status"]');
    expect(status.getAttribute('role')).toBe('alert');
    expect(status.textContent).toBe('subscribed, but the first download failed: download: HTTP 404 Not Found from https://example.org/missing.json');
    expect(actions.getPacks).toHaveBeenCalledTimes(2);
    await act(async () => $<HTMLButtonElement>('[data-pack-id="url:https://example.org/p.json"] [data-testid="pack-remove"]').click());
    await flush();
    expect(actions.remove).toHaveBeenCalledWith('url:https://example.org/p.json');
    expect($('[data-testid="pack-status"]').textContent).toBe('Pack removed.');
  });

  it('words pack problems through the browser\'s i18n, nested causes included, and shows an old English error as it is', async () => {
    const { actions } = setup();
    const legacy = { ...PACKS.packs[1]!, id: 'file:old', kind: 'file' as const, lastError: packProblem('packErrorLegacy', ['hash mismatch: old words']) };
    actions.getPacks = vi.fn(async () => ({ ...PACKS, packs: [...PACKS.packs, legacy] }));
    const calls: [string, string[] | undefined][] = [];
    vi.spyOn(browser.i18n, 'getMessage').mockImplementation(((name: string, subs?: string[]) => {
      calls.push([name, subs]);
      if (name === 'packLastError') return `Échec : ${subs?.[0]}`;
      if (name === 'packErrorHash') return `empreinte ${subs?.[0]} ≠ ${subs?.[1]}`;
      return englishMessage(name, subs);
    }) as typeof browser.i18n.getMessage);
    act(() => render(<OptionsApp actions={actions} />, root));
    await flush();
    const errors = [...root.querySelectorAll('[data-testid="pack-error"]')].map((p) => p.textContent);
    expect(errors).toEqual(['Échec : empreinte abc ≠ def', 'Échec : hash mismatch: old words']);
    expect(calls).toContainEqual(['packErrorHash', ['abc', 'def']]);
  });

  it('imports a picked file: the import action receives its text and name', async () => {
    const { actions } = setup();
    act(() => render(<OptionsApp actions={actions} />, root));
    await flush();
    await pickFile(new File(['{"format":1,"id":"mine"}'], 'mine.json', { type: 'application/json' }));
    // Reading a File is asynchronous in happy-dom as in browsers.
    await vi.waitFor(() => expect(actions.importFile).toHaveBeenCalledWith('{"format":1,"id":"mine"}', 'mine.json', undefined));
    await flush();
    expect($('[data-testid="pack-status"]').textContent).toBe('Imported mine.json.');
    expect($<HTMLInputElement>('[data-testid="pack-import"]').value).toBe('');
  });

  it('refuses a file over the pack size limit by its size, without reading it or calling the import action', async () => {
    const { actions } = setup();
    act(() => render(<OptionsApp actions={actions} />, root));
    await flush();
    const big = new File(['{}'], 'big.json', { type: 'application/json' });
    Object.defineProperty(big, 'size', { value: DEFAULT_MAX_PACK_BYTES + 1 });
    const read = vi.spyOn(big, 'text');
    await pickFile(big);
    expect(actions.importFile).not.toHaveBeenCalled();
    expect(read).not.toHaveBeenCalled();
    const status = $('[data-testid="pack-status"]');
    expect(status.getAttribute('role')).toBe('alert');
    expect(status.textContent).toBe(`big.json: size limit: the pack is ${DEFAULT_MAX_PACK_BYTES + 1} bytes, more than the ${DEFAULT_MAX_PACK_BYTES}-byte limit`);
  });

  it('words an action that throws (the background unreachable) through i18n too', async () => {
    const { actions } = setup();
    actions.refresh = vi.fn(async () => {
      throw new Error('Receiving end does not exist.');
    });
    act(() => render(<OptionsApp actions={actions} />, root));
    await flush();
    await act(async () => $<HTMLButtonElement>('[data-testid="pack-refresh-all"]').click());
    await flush();
    expect($('[data-testid="pack-status"]').textContent).toBe('something went wrong: Receiving end does not exist.');
  });
});

describe('OptionsApp reading settings', () => {
  it('greys out the settings that need marking on, says why, and brings them back', async () => {
    const { actions } = setup({ enabled: false });
    act(() => render(<OptionsApp actions={actions} />, root));
    await flush();
    const group = $<HTMLFieldSetElement>('[data-testid="dependent-settings"]');
    expect(group.disabled).toBe(true);
    expect(document.getElementById(group.getAttribute('aria-describedby')!)!.textContent).toContain('Marking is off');
    expect($<HTMLInputElement>('[data-testid="setting-enabled"]').closest('fieldset')).toBeNull();
    await act(async () => $<HTMLInputElement>('[data-testid="setting-enabled"]').click());
    await flush();
    expect(group.disabled).toBe(false);
    expect(root.querySelector('[data-testid="off-note"]')).toBeNull();
  });

  it('sets the hover delay with a slider that shows its value as it moves and saves it on release', async () => {
    const { actions, stored } = setup();
    act(() => render(<OptionsApp actions={actions} />, root));
    await flush();
    const slider = $<HTMLInputElement>('[data-testid="setting-hover-delay"]');
    expect(slider.type).toBe('range');
    expect($('[data-testid="hover-delay-value"]').textContent).toBe('350 ms');
    slider.value = '900';
    await act(async () => {
      slider.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect($('[data-testid="hover-delay-value"]').textContent).toBe('900 ms');
    expect(actions.updateSettings).not.toHaveBeenCalled();
    await act(async () => {
      slider.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await flush();
    expect(stored().hoverDelayMs).toBe(900);
  });

  it('opens the browser shortcut settings, or says where they are when it may not', async () => {
    const { actions } = setup();
    actions.openShortcutSettings = vi.fn(async () => false);
    act(() => render(<OptionsApp actions={actions} />, root));
    await flush();
    await act(async () => $<HTMLButtonElement>('[data-testid="open-shortcut-settings"]').click());
    await flush();
    expect(actions.openShortcutSettings).toHaveBeenCalledOnce();
    expect($('[data-testid="shortcut-settings-guide"]').textContent).toContain('about:addons');
  });

  it('keeps the publisher tools in a closed "Advanced" disclosure and the pack list outside it', async () => {
    const { actions } = setup();
    act(() => render(<OptionsApp actions={actions} />, root));
    await flush();
    const advanced = $<HTMLDetailsElement>('details[data-testid="advanced"]');
    expect(advanced.open).toBe(false);
    expect(advanced.contains($('[data-testid="pack-url"]'))).toBe(true);
    expect(advanced.contains($('[data-testid="pack-key"]'))).toBe(true);
    expect(advanced.contains($('[data-testid="pack-row"]'))).toBe(false);
  });
});

/** Picks `file` in the import input as the browser does: sets `files` and fires change. */
async function pickFile(file: File) {
  const input = $<HTMLInputElement>('[data-testid="pack-import"]');
  Object.defineProperty(input, 'files', { configurable: true, value: [file] });
  await act(async () => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await flush();
}
