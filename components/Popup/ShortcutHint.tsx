import { Fragment } from 'preact';
import { t, type MessageKey } from '../../lib/i18n';

export interface PopupShortcut {
  /** The manifest's command name. */
  name: string;
  /** The key the reader has for it; "" when none is set. */
  shortcut: string;
}

/** What each command the footer names does, in the order it names them. */
const HINTS: readonly (readonly [string, MessageKey])[] = [
  ['next-mark', 'shortcutHintNext'],
  ['prev-mark', 'shortcutHintPrev'],
  ['open-search', 'shortcutHintSearch'],
];

/** The keyboard shortcuts the reader has, as a one-line footer hint; commands without a key are left out. */
export function ShortcutHint({ shortcuts }: { shortcuts: readonly PopupShortcut[] }) {
  const keys = new Map(shortcuts.map((shortcut) => [shortcut.name, shortcut.shortcut]));
  const shown = HINTS.flatMap(([name, label]) => {
    const key = keys.get(name);
    return key ? [{ name, key, label: t(label) }] : [];
  });
  if (shown.length === 0) return null;
  return (
    <p class="shortcut-hint muted small" data-testid="shortcut-hint">
      {shown.map((hint, index) => (
        // The separator stays outside the unbreakable key-and-label pair, so the line can wrap there.
        <Fragment key={hint.name}>
          {index > 0 ? ' · ' : null}
          <span class="shortcut">
            <kbd>{hint.key}</kbd> {hint.label}
          </span>
        </Fragment>
      ))}
    </p>
  );
}
