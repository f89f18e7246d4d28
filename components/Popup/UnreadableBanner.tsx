import { t } from '../../lib/i18n';

/** Shown on tabs no content script can reach (browser pages, the web store, viewers), instead of "no topics found". */
export function UnreadableBanner() {
  return (
    <section class="state-banner state-banner--stacked" data-testid="unreadable-page" role="status">
      <p class="state-title">{t('pageUnreadable')}</p>
      <p class="muted small">{t('pageUnreadableHint')}</p>
    </section>
  );
}
