import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { PageExplainer, SearchResult, SiteStatus } from '../../lib/messages';
import { useLang } from '../lang';
import { OffBanner } from './OffBanner';
import { OnThisPage, type PageExplainersState } from './OnThisPage';
import { PauseToggle, type PauseActions } from './PauseToggle';
import { SearchBox } from './SearchBox';
import { ShortcutHint, type PopupShortcut } from './ShortcutHint';
import { Suggestions } from './Suggestions';
import { UnreadableBanner } from './UnreadableBanner';
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
  /** Whether the extension can read the tab at all (false on browser pages); without it the popup takes it that it can. */
  canReadPage?(): Promise<boolean>;
  /** A few topic names to offer as searches where the popup has nothing else to show. */
  suggestions?(): Promise<string[]>;
  /** The reader's keyboard shortcuts, for the footer hint. */
  shortcuts?(): Promise<PopupShortcut[]>;
}

interface PowerActions {
  isEnabled(): Promise<boolean>;
  turnOn(): Promise<void>;
}

/** Runs `load` once per change of `deps`, keeping only the answer of the latest run. */
function useLoaded<T>(load: (() => Promise<T>) | undefined, fallback: T, deps: unknown[]): T {
  const [value, setValue] = useState<T>(fallback);
  useEffect(() => {
    if (!load) return;
    let current = true;
    load().then(
      (loaded) => current && setValue(loaded),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, deps);
  return value;
}

const NO_TOPICS: string[] = [];
const NO_SHORTCUTS: PopupShortcut[] = [];

/**
 * The toolbar popup, built around search: the search box comes first, and while the reader types its
 * results take the place of the page's list. Otherwise it lists the page's explainers, or says why it
 * cannot (off, paused, a page extensions cannot read, nothing found) with the way forward.
 */
export function PopupApp({ actions, debounceMs }: { actions: PopupActions; debounceMs?: number }) {
  const { t } = useLang();
  const [onPage, setOnPage] = useState<PageExplainersState>('loading');
  /** null until known; an unknown switch counts as on, as it is by default. */
  const [enabled, setEnabled] = useState<boolean | null>(actions.power ? null : true);
  const [paused, setPaused] = useState(false);
  /** Bumped when marking comes back (turned on, resumed), to ask for the page's explainers again. */
  const [asked, setAsked] = useState(0);
  /** What the search box holds right now (results follow once searched). */
  const [typed, setTyped] = useState('');
  /** A suggestion put into the search box: a new key mounts the box afresh with that text, searched at once. */
  const [seed, setSeed] = useState({ key: 0, text: '' });
  const search = useSearch(actions.search);
  const readable = useLoaded(actions.canReadPage, true, [actions]);
  const topics = useLoaded(actions.suggestions, NO_TOPICS, [actions]);
  const shortcuts = useLoaded(actions.shortcuts, NO_SHORTCUTS, [actions]);

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

  const suggest = (topic: string) => {
    setTyped(topic);
    setSeed((previous) => ({ key: previous.key + 1, text: topic }));
  };

  // Off or paused, the page shows no marks, so the popup lists none: it says why and how to undo it.
  const state = !readable ? 'unreadable' : enabled === false ? 'off' : paused ? 'paused' : 'on';
  const typing = typed.trim() !== '';
  const noMatches = typing && search.query === typed.trim() && search.results.length === 0 && !search.error;
  const suggestions = <Suggestions topics={topics} onPick={suggest} />;

  return (
    <main class="popup">
      <header class="popup-header">
        <img class="popup-logo" src="/icon/32.png" width={20} height={20} alt="" />
        <h1 class="popup-title">{t('extName')}</h1>
      </header>
      <section class={typing ? 'popup-search popup-fill' : 'popup-search'}>
        <SearchBox
          key={seed.key}
          initialValue={seed.text}
          results={search.results}
          searchedQuery={search.query}
          error={search.error}
          onQuery={search.onQuery}
          onText={setTyped}
          onPick={(result) => actions.openExplainer(result.id)}
          debounceMs={debounceMs}
          autoFocus={seed.key > 0 || state !== 'on' || (onPage !== 'loading' && (onPage === 'error' || onPage.length === 0))}
        />
        {noMatches ? suggestions : null}
      </section>
      {typing ? null : (
        <div class="popup-page popup-fill">
          {state === 'unreadable' ? (
            <>
              <UnreadableBanner />
              {suggestions}
            </>
          ) : null}
          {state === 'off' ? <OffBanner onTurnOn={turnOn} /> : null}
          {state === 'on' ? <OnThisPage items={enabled === null ? 'loading' : onPage} onReveal={actions.reveal} empty={suggestions} /> : null}
        </div>
      )}
      {actions.pause && state !== 'off' && state !== 'unreadable' && !(typing && !paused) ? (
        <PauseToggle actions={actions.pause} onStatus={onSiteStatus} />
      ) : null}
      <footer class="popup-footer">
        <div class="footer-links">
          <button type="button" class="link-button" onClick={() => actions.openExplainer(null)}>
            {t('browseAll')}
          </button>
          {actions.openOptions ? (
            <button type="button" class="link-button" data-testid="open-options" onClick={actions.openOptions}>
              {t('optionsLink')}
            </button>
          ) : null}
        </div>
        <ShortcutHint shortcuts={shortcuts} />
        <p class="muted small">{t('privacyNote')}</p>
      </footer>
    </main>
  );
}
