import { useCallback, useRef, useState } from 'preact/hooks';
import type { SearchResult } from '../../lib/messages';

export type SearchFn = (query: string) => Promise<SearchResult[]>;

export interface SearchState {
  /** The query the current results answer (trimmed); '' when there is none. */
  query: string;
  results: SearchResult[];
  error: boolean;
}

/**
 * Runs searches for a SearchBox with at most one on its way. A query typed while one is out waits for
 * it, and only the newest waiting text is sent then: a burst of keys costs one search per answer,
 * without a debounce timer delaying every keystroke (issue #14: the 25 ms timer was half the popup's
 * keystroke-to-results time). Only the answer to the text the box holds now is shown, so a slow reply
 * never overwrites a newer one.
 */
export function useSearch(search: SearchFn): SearchState & { onQuery(query: string): void } {
  const [state, setState] = useState<SearchState>({ query: '', results: [], error: false });
  /** The text the box asks about now (trimmed). */
  const wanted = useRef('');
  const busy = useRef(false);
  const run = useCallback(
    (query: string) => {
      busy.current = true;
      const settle = (answer: SearchState) => {
        busy.current = false;
        const latest = wanted.current;
        if (latest === query) setState(answer);
        else if (latest !== '') run(latest);
      };
      search(query).then(
        (results) => settle({ query, results, error: false }),
        () => settle({ query, results: [], error: true }),
      );
    },
    [search],
  );
  const onQuery = useCallback(
    (raw: string) => {
      const query = raw.trim();
      wanted.current = query;
      if (query === '') setState({ query: '', results: [], error: false });
      else if (!busy.current) run(query);
    },
    [run],
  );
  return { ...state, onQuery };
}
