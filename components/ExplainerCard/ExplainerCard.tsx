import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { CARD_FACT_LIMIT, type CardData } from '../../lib/messages';
import { categoryLabel } from '../../lib/i18n';
import { useLang } from '../lang';
import { isRecentCorrection } from '../../lib/freshness';
import { safeHref } from '../../lib/safe-url';
import { formatDate, formatMonth } from '../format';
import { FactDate } from '../FactDate';
import { SourceLinks } from '../SourceLinks';
import { CardMenu, type CardMenuActions } from './CardMenu';

export interface ExplainerCardProps {
  card: CardData | 'loading' | 'error';
  /** Our own extension page URL (built with runtime.getURL), not pack data, so it is not URL-checked. */
  fullUrl: string;
  onClose(): void;
  /**
   * Optional: when set, a click on "Read the full explainer" calls this instead of following the
   * link, e.g. to ask the background to open the tab where a page may not link to extension pages.
   */
  onOpenFull?(): void;
  /**
   * The page link around the term, when the card was opened by tapping a term inside a link (the tap
   * did not follow it). Page-controlled, so it is checked again here and shown only if http(s).
   */
  link?: string;
  /** The page's tone behind the term: the card matches it rather than the reader's OS theme. */
  theme?: 'light' | 'dark';
  /** Loads the card again after an error ("Try again"). */
  onRetry?(): void;
  /** The header menu; left out where there is nothing to act on (tests, previews). */
  menu?: CardMenuActions;
  /** The reader's clock (ms), which decides "older figure" and "Corrected"; tests pin it. */
  now?: number;
}

/** Read by assistive tech after a link that opens a new tab; not shown. */
function NewTabNote() {
  const { t } = useLang();
  return <span class="ce-visually-hidden"> {t('opensInNewTab')}</span>;
}

/**
 * Whether a scroll box has more content below what it shows, kept current as it scrolls or resizes.
 * `shown` tells when the box exists (the loading view has none).
 */
function useMoreBelow(shown: boolean) {
  const ref = useRef<HTMLDivElement>(null);
  const [more, setMore] = useState(false);
  useEffect(() => {
    const box = ref.current;
    if (!box) return;
    const check = () => setMore(box.scrollHeight - box.scrollTop - box.clientHeight > 1);
    check();
    box.addEventListener('scroll', check, { passive: true });
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(check) : null;
    observer?.observe(box);
    for (const child of box.children) observer?.observe(child);
    return () => {
      box.removeEventListener('scroll', check);
      observer?.disconnect();
    };
  }, [shown]);
  return { ref, more };
}

/**
 * The hover card: a preview, not the article. The summary and at most three facts, then one link
 * saying how many more the full page has. That link comes right after the close button in tab order
 * (it sits at the bottom only visually), so the way on is one Tab away. Its root takes focus
 * programmatically (tabIndex -1), so the content script can move keyboard users into it when it
 * opens from a keyboard command.
 */
export function ExplainerCard({ card, fullUrl, onClose, onOpenFull, link, theme, onRetry, menu, now = Date.now() }: ExplainerCardProps) {
  const titleId = useId();
  const body = useMoreBelow(typeof card === 'object');
  // The surrounding LangProvider is the language the reader wants; the card's text may be in the other one.
  const { t, locale, lang: wanted } = useLang();
  const pageLink = safeHref(link);
  // The page's own link, followed in this tab as the tap would have; no target, so it stays a page navigation.
  const openLink = pageLink ? (
    <a class="ce-open-link" href={pageLink} rel="noopener noreferrer" data-testid="card-open-link">
      {t('openLink')}
    </a>
  ) : null;
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') onClose();
  };
  const openFull = onOpenFull
    ? (event: MouseEvent) => {
        event.preventDefault();
        onOpenFull();
      }
    : undefined;
  const closeButton = (
    <button type="button" class="ce-icon-button ce-close" aria-label={t('close')} title={t('close')} onClick={onClose}>
      <svg viewBox="0 0 16 16" width="1em" height="1em" aria-hidden="true" focusable="false">
        <path d="M3.5 3.5l9 9m0-9l-9 9" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" fill="none" />
      </svg>
    </button>
  );

  if (card === 'loading' || card === 'error') {
    return (
      <div class="ce-card ce-card--status" lang={wanted} data-theme={theme} role="dialog" aria-labelledby={titleId} aria-busy={card === 'loading'} data-testid="explainer-card" data-state={card} tabIndex={-1} onKeyDown={onKeyDown}>
        <div class="ce-head">
          <p id={titleId} class={card === 'loading' ? 'ce-status ce-status--loading' : 'ce-status'} role={card === 'error' ? 'alert' : 'status'}>
            {card === 'loading' ? t('cardLoading') : t('cardError')}
          </p>
          {closeButton}
        </div>
        {card === 'loading' ? (
          <div class="ce-skeleton" aria-hidden="true">
            <span />
            <span />
            <span />
          </div>
        ) : (
          <div class="ce-error-actions">
            {onRetry ? (
              <button type="button" class="ce-button" data-testid="card-retry" onClick={onRetry}>
                {t('cardTryAgain')}
              </button>
            ) : null}
            <a class="ce-full-link" href={fullUrl} target="_blank" rel="noopener noreferrer" data-testid="card-error-full-link" onClick={openFull}>
              {t('cardOpenFull')}
              <NewTabNote />
            </a>
          </div>
        )}
        {openLink ? <div class="ce-foot">{openLink}</div> : null}
      </div>
    );
  }

  const facts = card.facts.slice(0, CARD_FACT_LIMIT);
  const hidden = Math.max(0, (card.factCount ?? card.facts.length) - facts.length);
  const fullLabel = hidden === 0 ? t('readFullExplainer') : hidden === 1 ? t('cardOneMoreFact') : t('cardMoreFacts', hidden);
  const correction = card.latestCorrection && isRecentCorrection(card.latestCorrection, now) ? card.latestCorrection : undefined;
  return (
    <div class="ce-card" lang={wanted} data-theme={theme} role="dialog" aria-labelledby={titleId} data-testid="explainer-card" data-state="ready" tabIndex={-1} onKeyDown={onKeyDown}>
      <div class="ce-head">
        <div class="ce-head-text">
          <p class="ce-category">{categoryLabel(card.category, t)}</p>
          <h2 id={titleId} class="ce-title" lang={card.lang} data-testid="card-title">
            {card.title}
          </h2>
          <p class="ce-dates">
            <span class="ce-updated" data-testid="card-updated">
              {t('updatedOn', formatDate(card.updated, locale))}
            </span>
            {card.figuresAsOf ? (
              <span class="ce-figures-as-of" data-testid="card-figures-as-of">
                {t('figuresAsOf', formatMonth(card.figuresAsOf, locale))}
              </span>
            ) : null}
            {correction ? (
              <span class="ce-corrected" data-testid="card-corrected" title={correction.text} lang={card.lang}>
                {t('correctedOn', formatDate(correction.date, locale))}
              </span>
            ) : null}
          </p>
        </div>
        <div class="ce-head-buttons">
          {menu ? <CardMenu actions={menu} /> : null}
          {closeButton}
        </div>
      </div>
      {/* Before the body in the DOM (next after the close button for Tab), drawn last (CSS order). */}
      <div class="ce-foot">
        {openLink}
        <a class="ce-full-link" href={fullUrl} target="_blank" rel="noopener noreferrer" data-testid="card-full-link" data-hidden-facts={hidden} onClick={openFull}>
          {fullLabel}
          <span aria-hidden="true"> →</span>
          <NewTabNote />
        </a>
      </div>
      <div class="ce-body-wrap">
        <div class="ce-body" ref={body.ref} data-more={body.more ? 'true' : undefined}>
          {card.lang !== wanted ? (
            <p class="ce-translation-note" data-testid="card-translation-note">
              {t('translationMissing')}
            </p>
          ) : null}
          <p class="ce-summary" lang={card.lang} data-testid="card-summary">
            {card.summary}
          </p>
          {facts.length > 0 ? (
            <>
              <h3 class="ce-facts-heading">{t('keyFacts')}</h3>
              <ul class="ce-facts" lang={card.lang}>
                {facts.map((fact, index) => (
                  <li key={index} class="ce-fact" data-testid="card-fact">
                    <span class="ce-fact-text">{fact.text}</span>{' '}
                    {fact.asOf ? <FactDate asOf={fact.asOf} staleAfterDays={card.staleAfterDays} now={now} prefix="ce-" testId="card-fact-as-of" /> : null}
                    <SourceLinks class="ce-sources" urls={fact.sources} known={card.sources} linkTestId="card-source" />
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
        <div class="ce-fade" aria-hidden="true" data-testid="card-fade" hidden={!body.more} />
      </div>
    </div>
  );
}
