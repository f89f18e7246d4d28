import './search-box.css';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { SearchResult } from '../../lib/messages';
import { categoryLabel } from '../../lib/i18n';
import { formatNumber } from '../format';
import { useLang } from '../lang';

export interface SearchBoxProps {
  results: SearchResult[];
  /** The query `results` answer; used to say "no matches" only once the current text was searched. */
  searchedQuery: string;
  error?: boolean;
  /** Called with the typed text, after the reader pauses for `debounceMs` when one is set (none by default). */
  onQuery(query: string): void;
  onPick(result: SearchResult): void;
  debounceMs?: number;
  autoFocus?: boolean;
  /** Text the box starts with, searched at once (the explainer page's `?q=`). */
  initialValue?: string;
  /** Hears the box's text on every keystroke (before the debounce), so a page can make room for results while the reader types. */
  onText?(text: string): void;
}

/**
 * No delay by default: useSearch keeps one search on its way and sends only the newest text after it,
 * which skips a fast typist's in-between text without holding back every keystroke (issue #14).
 */
const SEARCH_DEBOUNCE_MS = 0;

/** A search input with a listbox of results, following the ARIA 1.2 combobox pattern. */
export function SearchBox({
  results,
  searchedQuery,
  error = false,
  onQuery,
  onPick,
  debounceMs = SEARCH_DEBOUNCE_MS,
  autoFocus = false,
  initialValue = '',
  onText,
}: SearchBoxProps) {
  const { t, locale } = useLang();
  const [value, setValue] = useState(initialValue);
  // The selection belongs to the results it was made in: new results start unselected at once. (An
  // effect resetting it ran after paint, so under load it could undo a reader's first ArrowDown.)
  const [selection, setSelection] = useState<{ results: SearchResult[]; index: number }>({ results, index: -1 });
  const active = selection.results === results ? selection.index : -1;
  const setActive = (next: number | ((current: number) => number)) =>
    setSelection((previous) => {
      const current = previous.results === results ? previous.index : -1;
      return { results, index: typeof next === 'function' ? next(current) : next };
    });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const listRef = useRef<HTMLUListElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const listId = `${id}-results`;
  const optionId = (index: number) => `${id}-result-${index}`;

  const trimmed = value.trim();
  const open = trimmed !== '' && results.length > 0;

  useEffect(() => () => clearTimeout(timer.current), []);
  useEffect(() => {
    if (initialValue.trim() !== '') onQuery(initialValue);
    // Only the first value: later typing drives the search.
  }, []);
  useEffect(() => {
    if (autoFocus) inputRef.current?.focus();
  }, [autoFocus]);
  useEffect(() => {
    if (active >= 0) listRef.current?.querySelector(`#${CSS.escape(optionId(active))}`)?.scrollIntoView?.({ block: 'nearest' });
  }, [active]);

  const query = (text: string) => {
    clearTimeout(timer.current);
    if (debounceMs <= 0 || text.trim() === '') onQuery(text);
    else timer.current = setTimeout(() => onQuery(text), debounceMs);
  };

  const onInput = (event: Event) => {
    const text = (event.currentTarget as HTMLInputElement).value;
    setValue(text);
    onText?.(text);
    query(text);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const count = open ? results.length : 0;
    switch (event.key) {
      case 'ArrowDown':
        if (count === 0) return;
        event.preventDefault();
        setActive((current) => (current + 1) % count);
        return;
      case 'ArrowUp':
        if (count === 0) return;
        event.preventDefault();
        setActive((current) => (current <= 0 ? count - 1 : current - 1));
        return;
      case 'Enter': {
        const chosen = count > 0 ? results[active >= 0 ? active : 0] : undefined;
        if (!chosen) return;
        event.preventDefault();
        onPick(chosen);
        return;
      }
      case 'Escape':
        // With text, Escape clears it; on an empty box it is left to the page (the popup closes).
        if (value === '') return;
        event.preventDefault();
        event.stopPropagation();
        setValue('');
        onText?.('');
        setActive(-1);
        query('');
        return;
    }
  };

  const searched = trimmed !== '' && searchedQuery === trimmed;
  let status = '';
  if (searched && error) status = t('searchError');
  else if (searched && results.length === 0) status = t('searchNoResults', trimmed);
  else if (open) status = results.length === 1 ? t('searchResultsOne') : t('searchResultsMany', formatNumber(results.length, locale));

  return (
    <div class="search">
      <label class="search-label" for={`${id}-input`}>
        {t('searchLabel')}
      </label>
      <input
        ref={inputRef}
        id={`${id}-input`}
        class="search-input"
        type="search"
        role="combobox"
        autoComplete="off"
        spellcheck={false}
        placeholder={t('searchPlaceholder')}
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && active >= 0 ? optionId(active) : undefined}
        data-testid="search-input"
        value={value}
        onInput={onInput}
        onKeyDown={onKeyDown}
      />
      <ul ref={listRef} id={listId} class="search-results" role="listbox" aria-label={t('searchLabel')} hidden={!open}>
        {open
          ? results.map((result, index) => (
              <li
                key={result.id}
                id={optionId(index)}
                class="search-result"
                role="option"
                aria-selected={index === active}
                data-testid="search-result"
                // Keep focus in the input so the keyboard keeps working after a click.
                onMouseDown={(event) => event.preventDefault()}
                onMouseMove={() => index !== active && setActive(index)}
                onClick={() => onPick(result)}
              >
                <span class="search-result-title" lang={result.lang}>
                  {result.title}
                </span>
                <span class="search-result-meta">
                  <span class="search-result-category">{categoryLabel(result.category, t)}</span>
                  <span class="search-result-matched-label">
                    {t('matchedLabel')} <q data-testid="search-result-matched">{result.matched}</q>
                  </span>
                </span>
              </li>
            ))
          : null}
      </ul>
      <p class={open ? 'visually-hidden' : 'search-status'} role="status" aria-live="polite">
        {status}
      </p>
    </div>
  );
}
