import { useLang } from './lang';
import { isStale } from '../lib/freshness';
import { formatMonth } from './format';

export interface FactDateProps {
  asOf: string;
  staleAfterDays: number;
  /** The reader's clock (ms); tests pass a fixed one. */
  now: number;
  /** Class prefix of the surface: "ce-" on the card, "" on the full page. */
  prefix: string;
  testId: string;
}

/**
 * "as of Mar 2026", and "older figure" in words when the date is past the pack's limit: the marker
 * must not rely on colour, and screen readers hear it with the fact.
 */
export function FactDate({ asOf, staleAfterDays, now, prefix, testId }: FactDateProps) {
  const { t, locale, lang } = useLang();
  const stale = isStale(asOf, staleAfterDays, now);
  return (
    <span class={`${prefix}as-of`} lang={lang} data-testid={testId} data-stale={stale ? 'true' : undefined}>
      <time dateTime={asOf}>{t('asOf', formatMonth(asOf, locale))}</time>
      {stale ? (
        <>
          {' · '}
          <span class={`${prefix}stale`} data-testid={`${testId}-stale`} title={t('olderFigureHint', staleAfterDays)}>
            {t('olderFigure')}
          </span>
        </>
      ) : null}{' '}
    </span>
  );
}
