import { useId } from 'preact/hooks';
import type { PageExplainer } from '../../lib/messages';
import { formatNumber } from '../format';
import { useLang } from '../lang';

export type PageExplainersState = PageExplainer[] | 'loading' | 'error';

/** Most-mentioned first, so the page's main topic leads. */
function byMentions(a: PageExplainer, b: PageExplainer): number {
  return b.count - a.count || a.title.localeCompare(b.title);
}

export function OnThisPage({ items, onReveal }: { items: PageExplainersState; onReveal(id: string): void }) {
  const headingId = useId();
  const { t, locale } = useLang();
  let body;
  if (items === 'loading') body = <p class="muted" role="status">{t('onThisPageLoading')}</p>;
  else if (items === 'error') body = <p class="muted" data-testid="on-page-error">{t('onThisPageUnavailable')}</p>;
  else if (items.length === 0) body = <p class="muted" data-testid="on-page-empty">{t('onThisPageEmpty')}</p>;
  else
    body = (
      <ul class="on-page-list">
        {[...items].sort(byMentions).map((item) => (
          <li key={item.id}>
            <button type="button" class="on-page-item" data-testid="on-page-item" title={t('revealHint')} onClick={() => onReveal(item.id)}>
              <span class="on-page-text" lang={item.lang}>
                <span class="on-page-title">{item.title}</span>
                <span class="on-page-summary">{item.summary}</span>
              </span>
              <span class="on-page-count">{item.count === 1 ? t('mentionsOne') : t('mentionsMany', formatNumber(item.count, locale))}</span>
            </button>
          </li>
        ))}
      </ul>
    );
  return (
    <section class="on-page" aria-labelledby={headingId}>
      <h2 id={headingId} class="popup-heading">
        {t('onThisPage')}
      </h2>
      {body}
    </section>
  );
}
