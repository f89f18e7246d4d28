import { useLang } from '../lang';

/** Shown instead of the page's explainers while the reader has switched the extension off. */
export function OffBanner({ onTurnOn }: { onTurnOn(): void }) {
  const { t } = useLang();
  return (
    <section class="state-banner" data-testid="off-banner" role="status">
      <p>{t('extensionOff')}</p>
      <button type="button" class="primary-button" data-testid="turn-on" onClick={onTurnOn}>
        {t('turnOn')}
      </button>
    </section>
  );
}
