import { useCallback, useRef, useState } from 'preact/hooks';
import type { SearchResult } from '../../lib/messages';

export type SearchFn = (query: string) => Promise<SearchResult[]>;

export interface SearchState {
  /** The query the current results answer (trimmed); '' when there is none. */
  query: string;
  results: SearchResult[];
  error: boolean;
}

/** Runs searches for a SearchBox, keeping only the answer to the latest query so a slow reply never overwrites a newer one. */
export function useSearch(search: SearchFn): SearchState & { onQuery(query: string): void } {
  const [state, setState] = useState<SearchState>({ query: '', results: [], error: false });
  const latest = useRef(0);
  const onQuery = useCallback(
    (raw: string) => {
      const request = ++latest.current;
      const query = raw.trim();
      if (query === '') {
        setState({ query: '', results: [], error: false });
        return;
      }
      search(query).then(
        (results) => {
          if (request === latest.current) setState({ query, results, error: false });
        },
        () => {
          if (request === latest.current) setState({ query, results: [], error: true });
        },
      );
    },
    [search],
  );
  return { ...state, onQuery };
}
