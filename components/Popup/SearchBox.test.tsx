import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SearchResult } from '../../lib/messages';
import { useTestRoot } from '../testing/root';
import { SearchBox } from './SearchBox';

const RESULTS: SearchResult[] = [
  { id: '287g-program', title: '287(g) program', summary: 's1', category: 'Federal programs', matched: '287g', score: 0.01, lang: 'en' },
  { id: 'ice', title: 'ICE', summary: 's2', category: 'Agencies', matched: 'Immigration and Customs Enforcement', score: 0.2, lang: 'en' },
  { id: 'immigration-detainer', title: 'Immigration detainer', summary: 's3', category: 'Legal process', matched: 'detainer', score: 0.3, lang: 'en' },
];

let root: HTMLElement;
useTestRoot((element) => (root = element));
afterEach(() => {
  vi.useRealTimers();
});

function input(): HTMLInputElement {
  return root.querySelector('input[data-testid="search-input"]')!;
}
function type(text: string) {
  act(() => {
    input().value = text;
    input().dispatchEvent(new Event('input', { bubbles: true }));
  });
}
function press(key: string): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
  act(() => {
    input().dispatchEvent(event);
  });
  return event;
}
function selected(): string[] {
  return [...root.querySelectorAll('[data-testid="search-result"]')].map((el) => el.getAttribute('aria-selected') ?? '');
}

describe('SearchBox', () => {
  it('exposes a combobox that controls a listbox of results with their matched term', () => {
    const onQuery = vi.fn();
    act(() => render(<SearchBox results={RESULTS} searchedQuery="287" onQuery={onQuery} onPick={() => {}} debounceMs={0} />, root));
    type('287');
    expect(onQuery).toHaveBeenLastCalledWith('287');
    const box = input();
    expect(box.getAttribute('role')).toBe('combobox');
    expect(box.getAttribute('aria-expanded')).toBe('true');
    const list = root.querySelector(`#${CSS.escape(box.getAttribute('aria-controls')!)}`)!;
    expect(list.getAttribute('role')).toBe('listbox');
    const options = list.querySelectorAll('[role="option"][data-testid="search-result"]');
    expect(options).toHaveLength(3);
    expect(options[1]!.textContent).toContain('ICE');
    expect(options[1]!.textContent).toContain('Agencies');
    expect(options[1]!.querySelector('[data-testid="search-result-matched"]')?.textContent).toBe('Immigration and Customs Enforcement');
  });

  it('starts new results unselected at once, so an ArrowDown right after they appear selects their first', () => {
    const view = (results: SearchResult[]) => <SearchBox results={results} searchedQuery="i" onQuery={() => {}} onPick={() => {}} debounceMs={0} />;
    act(() => render(view(RESULTS), root));
    type('i');
    press('ArrowDown');
    press('ArrowDown');
    expect(selected()).toEqual(['false', 'true', 'false']);
    // New results, rendered outside act: effects scheduled after paint have not run yet, as under load.
    render(view([...RESULTS].reverse()), root);
    expect(selected()).toEqual(['false', 'false', 'false']);
    press('ArrowDown');
    expect(selected()).toEqual(['true', 'false', 'false']);
  });

  it('moves aria-selected with ArrowDown/ArrowUp (wrapping) and picks the active result with Enter', () => {
    const onPick = vi.fn();
    act(() => render(<SearchBox results={RESULTS} searchedQuery="i" onQuery={() => {}} onPick={onPick} debounceMs={0} />, root));
    type('i');
    expect(selected()).toEqual(['false', 'false', 'false']);
    expect(input().hasAttribute('aria-activedescendant')).toBe(false);

    expect(press('ArrowDown').defaultPrevented).toBe(true);
    expect(selected()).toEqual(['true', 'false', 'false']);
    press('ArrowDown');
    expect(selected()).toEqual(['false', 'true', 'false']);
    const activeId = input().getAttribute('aria-activedescendant')!;
    expect(root.querySelector(`#${CSS.escape(activeId)}`)?.textContent).toContain('ICE');
    press('ArrowDown');
    press('ArrowDown');
    expect(selected()).toEqual(['true', 'false', 'false']);
    press('ArrowUp');
    expect(selected()).toEqual(['false', 'false', 'true']);
    press('ArrowUp');
    expect(selected()).toEqual(['false', 'true', 'false']);

    press('Enter');
    expect(onPick).toHaveBeenCalledTimes(1);
    expect(onPick).toHaveBeenCalledWith(RESULTS[1]);
  });

  it('Enter without an active result picks the first; a click picks that result', () => {
    const onPick = vi.fn();
    act(() => render(<SearchBox results={RESULTS} searchedQuery="i" onQuery={() => {}} onPick={onPick} debounceMs={0} />, root));
    type('i');
    press('Enter');
    expect(onPick).toHaveBeenLastCalledWith(RESULTS[0]);
    act(() => (root.querySelectorAll('[data-testid="search-result"]')[2] as HTMLElement).click());
    expect(onPick).toHaveBeenLastCalledWith(RESULTS[2]);
  });

  it('Escape clears the text and the query; on an empty box it is left alone', () => {
    const onQuery = vi.fn();
    act(() => render(<SearchBox results={RESULTS} searchedQuery="ice" onQuery={onQuery} onPick={() => {}} debounceMs={0} />, root));
    type('ice');
    expect(press('Escape').defaultPrevented).toBe(true);
    expect(input().value).toBe('');
    expect(onQuery).toHaveBeenLastCalledWith('');
    expect(input().getAttribute('aria-expanded')).toBe('false');
    expect(press('Escape').defaultPrevented).toBe(false);
  });

  it('debounces queries while the reader types', () => {
    vi.useFakeTimers();
    const onQuery = vi.fn();
    act(() => render(<SearchBox results={[]} searchedQuery="" onQuery={onQuery} onPick={() => {}} debounceMs={100} />, root));
    type('d');
    type('de');
    type('det');
    expect(onQuery).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100);
    expect(onQuery).toHaveBeenCalledTimes(1);
    expect(onQuery).toHaveBeenCalledWith('det');
  });

  it('says so when the current text found nothing', () => {
    act(() => render(<SearchBox results={[]} searchedQuery="tariffs" onQuery={() => {}} onPick={() => {}} debounceMs={0} />, root));
    type('tariffs');
    expect(root.querySelector('[role="status"]')?.textContent).toBe('No explainers match “tariffs”.');
    expect(input().getAttribute('aria-expanded')).toBe('false');
  });
});
