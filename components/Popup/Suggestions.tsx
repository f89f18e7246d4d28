import { t } from '../../lib/i18n';

/** A few topic names as buttons, so an empty state leads somewhere: each runs a search for its name. */
export function Suggestions({ topics, onPick }: { topics: readonly string[]; onPick(topic: string): void }) {
  if (topics.length === 0) return null;
  return (
    <div class="suggestions" data-testid="suggestions">
      <p class="muted small">{t('suggestionsLead')}</p>
      <ul class="suggestion-list">
        {topics.map((topic) => (
          <li key={topic}>
            <button type="button" class="suggestion" data-testid="suggestion" onClick={() => onPick(topic)}>
              {topic}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
