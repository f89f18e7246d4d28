import { useEffect, useRef, useState } from 'preact/hooks';
import type { ExplainerView, SearchResult } from '../../lib/messages';
import { useLang } from '../lang';
import { ExplainerIndex, type ExplainerListItem } from './ExplainerIndex';
import { ExplainerPage } from './ExplainerPage';
import { explainerPath } from '../../lib/explainer-url';

/** Where the page gets its data; injected so the view runs without a browser. */
export interface ExplainerPageData {
  getExplainer(id: string): Promise<ExplainerView | null>;
  listExplainers(): Promise<ExplainerListItem[]>;
  search(query: string): Promise<SearchResult[]>;
}

/** `for` is the id the result belongs to: after the hash changes, an older result must not be drawn as the new one. */
type Loaded<T> = { for: string | null } & ({ state: 'loading' } | { state: 'error' } | { state: 'ready'; value: T });

export interface ExplainerPageAppProps {
  /** The explainer to show, or null for the index. */
  id: string | null;
  data: ExplainerPageData;
  /** Open another explainer (the entrypoint sets the hash). */
  onOpen(id: string): void;
  /** The document title for what is shown. */
  onTitle?(title: string): void;
  /** For the index: a search to start with. */
  initialQuery?: string;
  /** The id of an element to scroll to and focus once the explainer is shown (a link to a note). */
  target?: string | null;
}

export function ExplainerPageApp({ id, data, onOpen, onTitle, initialQuery, target }: ExplainerPageAppProps) {
  const [loaded, setLoaded] = useState<Loaded<ExplainerView | null | ExplainerListItem[]>>({ for: id, state: 'loading' });

  useEffect(() => {
    let current = true;
    setLoaded({ for: id, state: 'loading' });
    const request: Promise<ExplainerView | null | ExplainerListItem[]> = id === null ? data.listExplainers() : data.getExplainer(id);
    request.then(
      (value) => current && setLoaded({ for: id, state: 'ready', value }),
      () => current && setLoaded({ for: id, state: 'error' }),
    );
    return () => {
      current = false;
    };
  }, [id, data]);

  const { t } = useLang();
  const appName = t('extName');
  let title = appName;
  let body;
  if (loaded.state === 'loading' || loaded.for !== id) {
    body = (
      <p class="muted" role="status">
        {t('pageLoading')}
      </p>
    );
  } else if (loaded.state === 'error') {
    body = (
      <p class="error" role="alert" data-testid="page-error">
        {t('pageError')}
      </p>
    );
  } else if (id === null) {
    title = `${t('allExplainers')} — ${appName}`;
    body = <ExplainerIndex items={loaded.value as ExplainerListItem[]} search={data.search} onOpen={onOpen} initialQuery={initialQuery} />;
  } else if (loaded.value === null) {
    title = `${t('notFoundTitle')} — ${appName}`;
    body = (
      <div class="not-found" data-testid="not-found">
        <h1 tabIndex={-1}>{t('notFoundTitle')}</h1>
        <p>{t('notFoundBody', id)}</p>
        <p>
          <a href={explainerPath(null)}>{t('allExplainers')}</a>
        </p>
      </div>
    );
  } else {
    const view = loaded.value as ExplainerView;
    title = `${view.explainer.title} — ${appName}`;
    body = <ExplainerPage view={view} />;
  }

  useEffect(() => onTitle?.(title), [title, onTitle]);

  // After an in-page navigation (a related link, a search pick), move focus to the new heading so
  // keyboard and screen-reader users start at the top of what they chose; never on first load.
  const main = useRef<HTMLElement>(null);
  const shownBefore = useRef<string | null | undefined>(undefined);
  const ready = loaded.state !== 'loading' && loaded.for === id;
  useEffect(() => {
    if (!ready) return;
    const firstShow = shownBefore.current !== id;
    // The place was not on the page when the browser looked for it: the explainer had not loaded.
    const place = firstShow && target ? document.getElementById(target) : null;
    if (place && main.current?.contains(place)) {
      place.scrollIntoView({ block: 'start' });
      if (place.tabIndex >= 0 || place.hasAttribute('tabindex')) place.focus({ preventScroll: true });
    } else if (shownBefore.current !== undefined && firstShow) {
      main.current?.querySelector<HTMLElement>('h1')?.focus();
    }
    shownBefore.current = id;
  }, [ready, id, target]);

  return (
    <div class="page">
      <nav class="page-nav" aria-label={appName}>
        <a class="brand" href={explainerPath(null)}>
          <img src="/icon/32.png" width={20} height={20} alt="" />
          {appName}
        </a>
        {id !== null ? (
          <a class="back" href={explainerPath(null)}>
            <span aria-hidden="true">← </span>
            {t('allExplainers')}
          </a>
        ) : null}
      </nav>
      <main class="page-main" ref={main}>
        {body}
      </main>
    </div>
  );
}
