import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import type { PageExplainer } from '../../lib/messages';
import { formatNumber } from '../format';
import { useLang } from '../lang';

export type PageExplainersState = PageExplainer[] | 'loading' | 'error';

/** Most-mentioned first, so the page's main topic leads. */
function byMentions(a: PageExplainer, b: PageExplainer): number {
  return b.count - a.count || a.title.localeCompare(b.title);
}

/**
 * "8 mentions" when every mention is marked; "2 marked · 8 mentions" when the mark mode marks fewer
 * (first per section), so the count never promises marks the reader cannot find on the page.
 */
function countLabel(item: PageExplainer, { t, locale }: Pick<ReturnType<typeof useLang>, 't' | 'locale'>): string {
  const mentions = item.count === 1 ? t('mentionsOne') : t('mentionsMany', formatNumber(item.count, locale));
  if (item.marked === undefined || item.marked >= item.count) return mentions;
  return t('markedAndMentions', [formatNumber(item.marked, locale), mentions]);
}

export function OnThisPage({ items, onReveal, empty }: { items: PageExplainersState; onReveal(id: string): void; empty?: ComponentChildren }) {
  const headingId = useId();
  const { t, locale } = useLang();
  let body;
  if (items === 'loading') body = <p class="muted" role="status">{t('onThisPageLoading')}</p>;
  else if (items === 'error') body = <p class="muted" data-testid="on-page-error">{t('onThisPageUnavailable')}</p>;
  else if (items.length === 0)
    body = (
      <>
        <p class="muted" data-testid="on-page-empty">
          {t('onThisPageEmpty')}
        </p>
        {empty}
      </>
    );
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
              {/* Read last, as a closing note on the topic; shown under the title (style.css). */}
              <span class="on-page-count" data-testid="on-page-count">
                {countLabel(item, { t, locale })}
              </span>
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
