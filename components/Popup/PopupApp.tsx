import { useEffect, useState } from 'preact/hooks';
import type { PageExplainer, SearchResult } from '../../lib/messages';
import { t } from '../../lib/i18n';
import { OnThisPage, type PageExplainersState } from './OnThisPage';
import { PauseToggle, type PauseActions } from './PauseToggle';
import { SearchBox } from './SearchBox';
import { useSearch } from './useSearch';

/** Where the popup gets its data and how it acts; injected so the view runs without a browser. */
export interface PopupActions {
  getPageExplainers(): Promise<PageExplainer[]>;
  search(query: string): Promise<SearchResult[]>;
  /** Show the explainer's first mention on the page (and close the popup). */
  reveal(id: string): void;
  /** Open the full explainer page; null opens the index of all explainers. */
  openExplainer(id: string | null): void;
  /** The tab's site and its pause switch; without it the switch is not shown. */
  pause?: PauseActions;
  /** Opens the options page; without it the link is not shown. */
  openOptions?(): void;
}

export function PopupApp({ actions, debounceMs }: { actions: PopupActions; debounceMs?: number }) {
  const [onPage, setOnPage] = useState<PageExplainersState>('loading');
  const search = useSearch(actions.search);

  useEffect(() => {
    let current = true;
    actions.getPageExplainers().then(
      (items) => current && setOnPage(items),
      () => current && setOnPage('error'),
    );
    return () => {
      current = false;
    };
  }, [actions]);

  return (
    <main class="popup">
      <header class="popup-header">
        <img class="popup-logo" src="/icon/32.png" width={20} height={20} alt="" />
        <h1 class="popup-title">{t('extName')}</h1>
      </header>
      {actions.pause ? <PauseToggle actions={actions.pause} /> : null}
      <OnThisPage items={onPage} onReveal={actions.reveal} />
      <section class="popup-search">
        <SearchBox
          results={search.results}
          searchedQuery={search.query}
          error={search.error}
          onQuery={search.onQuery}
          onPick={(result) => actions.openExplainer(result.id)}
          debounceMs={debounceMs}
          autoFocus={onPage !== 'loading' && (onPage === 'error' || onPage.length === 0)}
        />
      </section>
      <footer class="popup-footer">
        <button type="button" class="link-button" onClick={() => actions.openExplainer(null)}>
          {t('browseAll')}
        </button>
        {actions.openOptions ? (
          <button type="button" class="link-button" data-testid="open-options" onClick={actions.openOptions}>
            {t('optionsLink')}
          </button>
        ) : null}
        <p class="muted small">{t('privacyNote')}</p>
      </footer>
    </main>
  );
}
