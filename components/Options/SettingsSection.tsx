import { useEffect, useId, useState } from 'preact/hooks';
import { categoryLabel, t } from '../../lib/i18n';
import { HOVER_DELAY_RANGE, type Settings } from '../../lib/settings-core';

export interface Shortcut {
  name: string;
  description: string;
  /** "" when the reader has not assigned one. */
  shortcut: string;
}

export interface SettingsSectionProps {
  settings: Settings;
  categories: readonly string[];
  shortcuts: readonly Shortcut[];
  onChange(change: Partial<Settings>): void;
  /**
   * Opens the browser's own shortcut settings; resolves false where an extension cannot open them
   * (Firefox), and the section then says where to find them. Without it no button is shown.
   */
  openShortcutSettings?(): Promise<boolean>;
}

function Choice<T extends string>({
  label,
  value,
  options,
  testId,
  onChange,
}: {
  label: string;
  value: T;
  options: readonly (readonly [T, string])[];
  testId: string;
  onChange(value: T): void;
}) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} data-testid={testId} value={value} onChange={(event) => onChange(event.currentTarget.value as T)}>
        {options.map(([option, text]) => (
          <option key={option} value={option}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * The hover delay as a slider with its value beside it. The slider can only hold values the settings
 * accept (HOVER_DELAY_RANGE), so nothing is clamped behind the reader's back; the value shown follows
 * the thumb as it moves, and is saved when the reader lets go.
 */
function DelaySlider({ value, onChange }: { value: number; onChange(value: number): void }) {
  const id = useId();
  const [shown, setShown] = useState(value);
  useEffect(() => setShown(value), [value]);
  return (
    <div class="field">
      <label for={id}>{t('optionsHoverDelay')}</label>
      <input
        id={id}
        type="range"
        data-testid="setting-hover-delay"
        min={HOVER_DELAY_RANGE.min}
        max={HOVER_DELAY_RANGE.max}
        step={50}
        value={shown}
        aria-valuetext={t('optionsDelayValue', shown)}
        onInput={(event) => setShown(Number(event.currentTarget.value))}
        onChange={(event) => {
          const next = Number(event.currentTarget.value);
          if (Number.isFinite(next)) onChange(next);
        }}
      />
      <output for={id} class="delay-value" data-testid="hover-delay-value">
        {t('optionsDelayValue', shown)}
      </output>
    </div>
  );
}

/** Where Firefox keeps extension shortcuts, for readers whose browser will not let us open the page. */
function ShortcutSettingsButton({ open }: { open(): Promise<boolean> }) {
  const [refused, setRefused] = useState(false);
  return (
    <>
      <button
        type="button"
        data-testid="open-shortcut-settings"
        onClick={() => {
          open().then(
            (opened) => setRefused(!opened),
            () => setRefused(true),
          );
        }}
      >
        {t('optionsShortcutsButton')}
      </button>
      {refused ? (
        <p class="muted small" role="status" data-testid="shortcut-settings-guide">
          {t('optionsShortcutsFirefox')}
        </p>
      ) : null}
    </>
  );
}

/** Reader preferences; every change is saved at once and open tabs follow without a reload. */
export function SettingsSection({ settings, categories, shortcuts, onChange, openShortcutSettings }: SettingsSectionProps) {
  const offNoteId = useId();
  const disabled = new Set(settings.disabledCategories);
  return (
    <section class="options-section" aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t('optionsSettingsHeading')}</h2>
      <div class="field field--check">
        <label>
          <input
            type="checkbox"
            data-testid="setting-enabled"
            checked={settings.enabled}
            onChange={(event) => onChange({ enabled: event.currentTarget.checked })}
          />
          {t('optionsEnabled')}
        </label>
      </div>
      {/* Everything below only matters while marking is on: greyed out (and out of the tab order) while it is off. */}
      <fieldset class="dependent" disabled={!settings.enabled} aria-describedby={settings.enabled ? undefined : offNoteId} data-testid="dependent-settings">
        <legend class="visually-hidden">{t('optionsDependentLegend')}</legend>
        {settings.enabled ? null : (
          <p id={offNoteId} class="off-note" data-testid="off-note">
            {t('optionsOffNote')}
          </p>
        )}
        <Choice
          label={t('optionsMarkMode')}
          testId="setting-mark-mode"
          value={settings.markMode}
          options={[
            ['first-per-section', t('optionsMarkFirst')],
            ['every', t('optionsMarkEvery')],
          ]}
          onChange={(markMode) => onChange({ markMode })}
        />
        <Choice
          label={t('optionsHighlightStyle')}
          testId="setting-highlight-style"
          value={settings.highlightStyle}
          options={[
            ['underline', t('optionsStyleUnderline')],
            ['tint', t('optionsStyleTint')],
            ['none', t('optionsStyleNone')],
          ]}
          onChange={(highlightStyle) => onChange({ highlightStyle })}
        />
        <Choice
          label={t('optionsOpenOn')}
          testId="setting-open-on"
          value={settings.openOn}
          options={[
            ['hover', t('optionsOpenHover')],
            ['click', t('optionsOpenClick')],
          ]}
          onChange={(openOn) => onChange({ openOn })}
        />
        <Choice
          label={t('optionsExplainerLanguage')}
          testId="setting-explainer-language"
          value={settings.explainerLanguage}
          options={[
            ['auto', t('optionsLanguageAuto')],
            ['en', t('optionsLanguageEnglish')],
            ['es', t('optionsLanguageSpanish')],
          ]}
          onChange={(explainerLanguage) => onChange({ explainerLanguage })}
        />
        <DelaySlider value={settings.hoverDelayMs} onChange={(hoverDelayMs) => onChange({ hoverDelayMs })} />
        <fieldset class="field-group">
          <legend>{t('optionsCategories')}</legend>
          {categories.map((category) => (
            <label key={category} class="field--check">
              <input
                type="checkbox"
                data-testid="setting-category"
                value={category}
                checked={!disabled.has(category)}
                onChange={(event) => {
                  const others = settings.disabledCategories.filter((other) => other !== category);
                  onChange({ disabledCategories: event.currentTarget.checked ? others : [...others, category] });
                }}
              />
              {categoryLabel(category)}
            </label>
          ))}
        </fieldset>
      </fieldset>
      <div class="field-group">
        <h3>{t('optionsPausedSites')}</h3>
        {settings.pausedSites.length === 0 ? (
          <p class="muted">{t('optionsNoPausedSites')}</p>
        ) : (
          <ul class="plain-list">
            {settings.pausedSites.map((site) => (
              <li key={site} data-testid="paused-site">
                <span>{site}</span>{' '}
                <button
                  type="button"
                  class="link-button"
                  onClick={() => onChange({ pausedSites: settings.pausedSites.filter((other) => other !== site) })}
                >
                  {t('optionsResumeSite')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div class="field-group">
        <h3>{t('optionsShortcuts')}</h3>
        <dl class="shortcuts">
          {shortcuts.map((shortcut) => (
            <div key={shortcut.name} data-testid="shortcut">
              <dt>{shortcut.shortcut === '' ? <span class="muted">{t('optionsShortcutUnset')}</span> : <kbd>{shortcut.shortcut}</kbd>}</dt>
              <dd>{shortcut.description}</dd>
            </div>
          ))}
        </dl>
        <p class="muted small">{t('optionsShortcutsHint')}</p>
        {openShortcutSettings ? <ShortcutSettingsButton open={openShortcutSettings} /> : null}
      </div>
    </section>
  );
}
