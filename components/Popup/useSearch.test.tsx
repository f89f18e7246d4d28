import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import type { SearchResult } from '../../lib/messages';
import { useTestRoot } from '../testing/root';
import { useSearch, type SearchFn, type SearchState } from './useSearch';

let root: HTMLElement;
useTestRoot((element) => (root = element));

const result = (id: string): SearchResult => ({ id, title: id, summary: '', category: 'Agencies', matched: id, score: 0, lang: 'en' });

/** A search whose answers the test releases one by one. */
function controlledSearch() {
  const waiting: { query: string; answer(results: SearchResult[]): void; fail(): void }[] = [];
  const search = vi.fn<SearchFn>(
    (query) =>
      new Promise((resolve, reject) => {
        waiting.push({ query, answer: resolve, fail: () => reject(new Error('gone')) });
      }),
  );
  return { search, waiting };
}

function mount(search: SearchFn) {
  const seen: { state: SearchState; onQuery(query: string): void }[] = [];
  function Host() {
    const state = useSearch(search);
    seen.push({ state, onQuery: state.onQuery });
    return null;
  }
  act(() => render(<Host />, root));
  return {
    type: (text: string) => act(() => seen.at(-1)!.onQuery(text)),
    state: () => seen.at(-1)!.state,
  };
}

const settle = () => act(async () => {});

describe('useSearch', () => {
  it('sends a query at once, and while one is out sends only the newest text after it', async () => {
    const { search, waiting } = controlledSearch();
    const box = mount(search);
    box.type('d');
    expect(search.mock.calls.map(([query]) => query)).toEqual(['d']);
    box.type('de');
    box.type('det ');
    expect(search).toHaveBeenCalledTimes(1);

    waiting[0]!.answer([result('stale')]);
    await settle();
    // The answer to "d" is not shown: the box holds "det" now, which is sent next.
    expect(box.state().results).toEqual([]);
    expect(search.mock.calls.map(([query]) => query)).toEqual(['d', 'det']);

    waiting[1]!.answer([result('detention')]);
    await settle();
    expect(box.state()).toMatchObject({ query: 'det', results: [result('detention')], error: false });
  });

  it('shows an answer that still fits the text after the reader typed and deleted', async () => {
    const { search, waiting } = controlledSearch();
    const box = mount(search);
    box.type('ice');
    box.type('ices');
    box.type('ice');
    waiting[0]!.answer([result('ice')]);
    await settle();
    expect(box.state()).toMatchObject({ query: 'ice', results: [result('ice')] });
    expect(search).toHaveBeenCalledTimes(1);
  });

  it('drops the answer when the box was emptied meanwhile, and reports a failed search', async () => {
    const { search, waiting } = controlledSearch();
    const box = mount(search);
    box.type('ice');
    box.type('');
    waiting[0]!.answer([result('ice')]);
    await settle();
    expect(box.state()).toMatchObject({ query: '', results: [], error: false });
    expect(search).toHaveBeenCalledTimes(1);

    box.type('tps');
    waiting[1]!.fail();
    await settle();
    expect(box.state()).toMatchObject({ query: 'tps', results: [], error: true });
    // A failed search frees the way for the next one.
    box.type('tpsx');
    expect(search).toHaveBeenCalledTimes(3);
  });
});
