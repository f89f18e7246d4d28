import { t } from '../../lib/i18n';

export interface HiddenTopicsProps {
  /** Explainer ids the reader chose not to mark (settings.hiddenExplainers). */
  hidden: readonly string[];
  /** Titles by explainer id; an id without one (its pack was removed) shows as itself. */
  titles: Readonly<Record<string, string>>;
  onShowAgain(id: string): void;
}

/** Undoes the card menu's "Don't mark this topic": one row per hidden topic with "Show again". */
export function HiddenTopicsSection({ hidden, titles, onShowAgain }: HiddenTopicsProps) {
  if (hidden.length === 0) return null;
  return (
    <section class="options-section" aria-labelledby="hidden-topics-heading" data-testid="hidden-topics">
      <h2 id="hidden-topics-heading">{t('optionsHiddenTopics')}</h2>
      <ul class="plain-list">
        {hidden.map((id) => (
          <li key={id} data-testid="hidden-topic" data-explainer-id={id}>
            <span>{titles[id] ?? id}</span>{' '}
            <button type="button" class="link-button" data-testid="show-topic-again" onClick={() => onShowAgain(id)}>
              {t('optionsShowAgain')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
