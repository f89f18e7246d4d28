import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { PageExplainer, SearchResult, SiteStatus } from '../../lib/messages';
import { useLang } from '../lang';
import { OffBanner } from './OffBanner';
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
  /** The extension's on/off switch (settings.enabled); without it the popup takes it to be on. */
  power?: PowerActions;
}

interface PowerActions {
  isEnabled(): Promise<boolean>;
  turnOn(): Promise<void>;
}

export function PopupApp({ actions, debounceMs }: { actions: PopupActions; debounceMs?: number }) {
  const { t } = useLang();
  const [onPage, setOnPage] = useState<PageExplainersState>('loading');
  /** null until known; an unknown switch counts as on, as it is by default. */
  const [enabled, setEnabled] = useState<boolean | null>(actions.power ? null : true);
  const [paused, setPaused] = useState(false);
  /** Bumped when marking comes back (turned on, resumed), to ask for the page's explainers again. */
  const [asked, setAsked] = useState(0);
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
  }, [actions, asked]);

  useEffect(() => {
    let current = true;
    actions.power?.isEnabled().then(
      (value) => current && setEnabled(value),
      () => current && setEnabled(true),
    );
    return () => {
      current = false;
    };
  }, [actions]);

  const wasPaused = useRef(false);
  const onSiteStatus = useCallback((status: SiteStatus) => {
    if (wasPaused.current && !status.paused) setAsked((count) => count + 1);
    wasPaused.current = status.paused;
    setPaused(status.paused);
  }, []);

  const turnOn = () => {
    const power = actions.power;
    if (!power) return;
    setEnabled(true);
    power.turnOn().then(
      () => setAsked((count) => count + 1),
      () => setEnabled(false),
    );
  };

  // Off or paused, the page shows no marks, so the popup lists none: it says why and how to undo it.
  const state = enabled === false ? 'off' : paused ? 'paused' : 'on';

  return (
    <main class="popup">
      <header class="popup-header">
        <img class="popup-logo" src="/icon/32.png" width={20} height={20} alt="" />
        <h1 class="popup-title">{t('extName')}</h1>
      </header>
      {state === 'off' ? <OffBanner onTurnOn={turnOn} /> : null}
      {actions.pause && state !== 'off' ? <PauseToggle actions={actions.pause} onStatus={onSiteStatus} /> : null}
      {state === 'on' ? <OnThisPage items={enabled === null ? 'loading' : onPage} onReveal={actions.reveal} /> : null}
      <section class="popup-search">
        <SearchBox
          results={search.results}
          searchedQuery={search.query}
          error={search.error}
          onQuery={search.onQuery}
          onPick={(result) => actions.openExplainer(result.id)}
          debounceMs={debounceMs}
          autoFocus={state !== 'on' || (onPage !== 'loading' && (onPage === 'error' || onPage.length === 0))}
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
