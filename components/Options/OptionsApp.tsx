import { useCallback, useEffect, useState } from 'preact/hooks';
import { t } from '../../lib/i18n';
import type { PacksView } from '../../lib/messages';
import type { Settings } from '../../lib/settings-core';
import { HiddenTopicsSection } from './HiddenTopicsSection';
import { PacksSection, type PackActions } from './PacksSection';
import { SettingsSection, type Shortcut } from './SettingsSection';

/** Where the options page gets its data and how it acts; injected so the view runs without a browser. */
export interface OptionsActions extends PackActions {
  loadSettings(): Promise<Settings>;
  /** Calls back on every stored change (also from other windows); returns the unwatch function. */
  watchSettings(onChange: (settings: Settings) => void): () => void;
  updateSettings(change: Partial<Settings>): Promise<Settings>;
  /** Categories the installed explainers use. */
  categories(): Promise<string[]>;
  shortcuts(): Promise<Shortcut[]>;
  /** Explainer titles by id, for the topics the reader chose not to mark. */
  explainerTitles?(): Promise<Record<string, string>>;
  getPacks(): Promise<PacksView>;
  formatTime(iso: string): string;
  /** Opens the browser's keyboard shortcut settings; false where the browser does not allow it. */
  openShortcutSettings?(): Promise<boolean>;
}

export function OptionsApp({ actions }: { actions: OptionsActions }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [categories, setCategories] = useState<string[]>([]);
  const [shortcuts, setShortcuts] = useState<Shortcut[]>([]);
  const [packs, setPacks] = useState<PacksView | 'loading' | 'error'>('loading');
  const [saveError, setSaveError] = useState(false);
  const [loadError, setLoadError] = useState(false);
  const [titles, setTitles] = useState<Record<string, string>>({});

  // Titles and categories come from the installed packs, so they are read again whenever the packs change.
  const loadPacks = useCallback(() => {
    actions.getPacks().then(setPacks, () => setPacks('error'));
    actions.categories().then(setCategories, () => undefined);
    actions.explainerTitles?.().then(setTitles, () => undefined);
  }, [actions]);

  useEffect(() => {
    actions.loadSettings().then(setSettings, () => setLoadError(true));
    actions.shortcuts().then(setShortcuts, () => undefined);
    loadPacks();
    return actions.watchSettings(setSettings);
  }, [actions, loadPacks]);

  const change = (partial: Partial<Settings>) => {
    if (settings) setSettings({ ...settings, ...partial });
    actions.updateSettings(partial).then(
      (saved) => {
        setSettings(saved);
        setSaveError(false);
      },
      () => setSaveError(true),
    );
  };

  // Categories that are disabled but no longer installed still show, so they can be turned back on.
  const shownCategories = settings ? [...new Set([...categories, ...settings.disabledCategories])] : categories;

  return (
    <main class="options">
      <header class="options-header">
        <img src="/icon/48.png" width={32} height={32} alt="" />
        <h1>{t('optionsTitle')}</h1>
      </header>
      {saveError ? (
        <p class="error" role="alert">
          {t('optionsSaveError')}
        </p>
      ) : null}
      {settings ? (
        <>
          <SettingsSection
            settings={settings}
            categories={shownCategories}
            shortcuts={shortcuts}
            onChange={change}
            openShortcutSettings={actions.openShortcutSettings}
          />
          <HiddenTopicsSection
            hidden={settings.hiddenExplainers}
            titles={titles}
            onShowAgain={(id) => change({ hiddenExplainers: settings.hiddenExplainers.filter((other) => other !== id) })}
          />
        </>
      ) : loadError ? (
        <p class="error" role="alert">
          {t('optionsLoadError')}
        </p>
      ) : (
        <p class="muted" role="status">
          {t('pageLoading')}
        </p>
      )}
      <PacksSection view={packs} actions={actions} onChanged={loadPacks} formatTime={actions.formatTime} />
      <footer class="muted small">{t('privacyNote')}</footer>
    </main>
  );
}
