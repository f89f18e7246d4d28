import { useId } from 'preact/hooks';
import type { BackgroundProtocol } from '../../lib/messages';
import { categoryLabel } from '../../lib/i18n';
import { useLang } from '../lang';
import { compareCategories } from '../../lib/pack-format/categories';
import { SearchBox } from '../Popup/SearchBox';
import { useSearch, type SearchFn } from '../Popup/useSearch';
import { explainerPath } from '../../lib/explainer-url';

export type ExplainerListItem = BackgroundProtocol['listExplainers']['res'][number];

function groupByCategory(items: readonly ExplainerListItem[], locale: string | undefined): [string, ExplainerListItem[]][] {
  const groups = new Map<string, ExplainerListItem[]>();
  for (const item of items) groups.set(item.category, [...(groups.get(item.category) ?? []), item]);
  return [...groups.entries()]
    .sort(([a], [b]) => compareCategories(a, b))
    .map(([category, list]) => [category, [...list].sort((a, b) => a.title.localeCompare(b.title, locale))]);
}

function CategoryGroup({ category, items }: { category: string; items: ExplainerListItem[] }) {
  const headingId = useId();
  const { t } = useLang();
  return (
    <section class="index-group" aria-labelledby={headingId} data-category={category}>
      <h2 id={headingId}>{categoryLabel(category, t)}</h2>
      <ul class="index-list">
        {items.map((item) => (
          <li key={item.id} lang={item.lang} data-testid="index-item">
            <a href={explainerPath(item.id)}>{item.title}</a>
            <p>{item.summary}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Every installed explainer by category, with the same local search as the popup. */
export function ExplainerIndex({
  items,
  search,
  onOpen,
  initialQuery,
}: {
  items: readonly ExplainerListItem[];
  search: SearchFn;
  onOpen(id: string): void;
  /** A search to start with (`explainer.html?q=`, from the context menu, the omnibox or the shortcut). */
  initialQuery?: string;
}) {
  const searchState = useSearch(search);
  const { t, locale } = useLang();
  return (
    <div class="index">
      <header class="explainer-header">
        <h1 data-testid="index-title" tabIndex={-1}>
          {t('allExplainers')}
        </h1>
        <p class="lead">{t('indexIntro')}</p>
      </header>
      <div class="index-search">
        <SearchBox
          results={searchState.results}
          searchedQuery={searchState.query}
          error={searchState.error}
          onQuery={searchState.onQuery}
          onPick={(result) => onOpen(result.id)}
          initialValue={initialQuery}
          autoFocus={initialQuery !== undefined}
        />
      </div>
      {items.length === 0 ? <p class="muted">{t('indexEmpty')}</p> : null}
      {groupByCategory(items, locale).map(([category, list]) => (
        <CategoryGroup key={category} category={category} items={list} />
      ))}
    </div>
  );
}
