import { useId, useRef, useState } from 'preact/hooks';
import { packProblemText, t } from '../../lib/i18n';
import type { PackActionResult, PackListing, PacksView } from '../../lib/messages';
import { readPackFile } from '../../lib/pack-store/pack-file';
import { packProblem } from '../../lib/pack-store/problem';

export interface PackActions {
  subscribe(url: string, pinnedKey?: string): Promise<PackActionResult>;
  /** The text of a file the reader picked (already checked against the size limit). */
  importFile(text: string, fileName: string, pinnedKey?: string): Promise<PackActionResult>;
  remove(id: string): Promise<PackActionResult>;
  setEnabled(id: string, enabled: boolean): Promise<PackActionResult>;
  refresh(id?: string): Promise<PackActionResult>;
}

export interface PacksSectionProps {
  view: PacksView | 'loading' | 'error';
  actions: PackActions;
  /** Called after every action so the list shows the stored state. */
  onChanged(): void;
  formatTime(iso: string): string;
}

/** `action` counts the actions run, so a test (or assistive tech) can tell one result from the next. */
type Status = { action: number } & ({ kind: 'idle' } | { kind: 'busy' } | { kind: 'ok'; text: string } | { kind: 'error'; text: string });

function sourceLabel(pack: PackListing): string {
  if (pack.kind === 'bundled') return t('packSourceBundled');
  if (pack.kind === 'file') return t('packSourceFile', pack.source);
  return pack.source;
}

interface PackRowProps {
  pack: PackListing;
  actions: PackActions;
  run(action: () => Promise<PackActionResult>, done: string): void;
  formatTime(iso: string): string;
}

function PackRow({ pack, actions, run, formatTime }: PackRowProps) {
  return (
    <li class="pack" data-testid="pack-row" data-pack-id={pack.id} data-kind={pack.kind}>
      <div class="pack-head">
        <strong data-testid="pack-name">{pack.name}</strong>
        {pack.version ? <span class="muted" data-testid="pack-version">{t('packVersion', pack.version)}</span> : null}
      </div>
      <dl class="pack-facts">
        <dt>{t('packSource')}</dt>
        <dd data-testid="pack-source">{sourceLabel(pack)}</dd>
        <dt>{t('packExplainers')}</dt>
        <dd data-testid="pack-count">{pack.explainerCount}</dd>
        <dt>{t('packLastCheck')}</dt>
        <dd data-testid="pack-last-check">{pack.lastCheck ? formatTime(pack.lastCheck) : t('packNever')}</dd>
        {pack.pinnedKey ? (
          <>
            <dt>{t('packKey')}</dt>
            <dd class="mono">{pack.pinnedKey}</dd>
          </>
        ) : null}
      </dl>
      {pack.lastError ? (
        <p class="error" role="alert" data-testid="pack-error">
          {t('packLastError', packProblemText(pack.lastError))}
        </p>
      ) : null}
      <div class="pack-actions">
        <label class="field--check">
          <input
            type="checkbox"
            data-testid="pack-enabled"
            checked={pack.enabled}
            onChange={(event) => {
              const enabled = event.currentTarget.checked;
              run(() => actions.setEnabled(pack.id, enabled), enabled ? t('packTurnedOn') : t('packTurnedOff'));
            }}
          />
          {t('packUse')}
        </label>
        {pack.kind === 'url' ? (
          <button type="button" data-testid="pack-refresh" onClick={() => run(() => actions.refresh(pack.id), t('packRefreshed'))}>
            {t('packRefresh')}
          </button>
        ) : null}
        {pack.removable ? (
          <button type="button" data-testid="pack-remove" onClick={() => run(() => actions.remove(pack.id), t('packRemoved'))}>
            {t('packRemove')}
          </button>
        ) : null}
      </div>
    </li>
  );
}

/** Publisher packs: import a file, subscribe to a URL, and manage the list. */
export function PacksSection({ view, actions, onChanged, formatTime }: PacksSectionProps) {
  const urlId = useId();
  const keyId = useId();
  const fileId = useId();
  const [url, setUrl] = useState('');
  const [key, setKey] = useState('');
  const [status, setStatus] = useState<Status>({ action: 0, kind: 'idle' });
  const actionCount = useRef(0);

  const run = (action: () => Promise<PackActionResult>, done: string) => {
    const count = ++actionCount.current;
    setStatus({ action: count, kind: 'busy' });
    action().then(
      (result) => {
        setStatus(
          result.ok ? { action: count, kind: 'ok', text: done } : { action: count, kind: 'error', text: result.errors.map(packProblemText).join('\n') },
        );
        onChanged();
      },
      (error: unknown) => {
        const detail = error instanceof Error ? error.message : String(error);
        setStatus({ action: count, kind: 'error', text: packProblemText(packProblem('packErrorUnexpected', [detail])) });
        onChanged();
      },
    );
  };
  const pinned = () => (key.trim() === '' ? undefined : key.trim());

  return (
      <section class="options-section" aria-labelledby="packs-heading">
        <h2 id="packs-heading">{t('optionsPacksHeading')}</h2>
        {/* Subscribing, importing and pinning publisher keys are for readers who follow a publisher's instructions. */}
        <details class="advanced" data-testid="advanced">
          <summary>{t('optionsAdvanced')}</summary>
          <p class="muted">{t('optionsPacksIntro')}</p>
          <form
            class="pack-form"
            onSubmit={(event) => {
              event.preventDefault();
              if (url.trim() === '') return;
              run(() => actions.subscribe(url.trim(), pinned()), t('packSubscribed'));
            }}
          >
            <div class="field">
              <label for={urlId}>{t('packUrlLabel')}</label>
              <input id={urlId} type="url" data-testid="pack-url" placeholder={t('packUrlPlaceholder')} value={url} onInput={(event) => setUrl(event.currentTarget.value)} />
            </div>
            <div class="field">
              <label for={keyId}>{t('packKeyLabel')}</label>
              <input id={keyId} type="text" class="mono" data-testid="pack-key" spellcheck={false} value={key} onInput={(event) => setKey(event.currentTarget.value)} />
            </div>
            <div class="pack-form-actions">
              <button type="submit" data-testid="pack-subscribe" disabled={status.kind === 'busy'}>
                {t('packSubscribe')}
              </button>
              <label for={fileId} class="file-button">
                {t('packImport')}
              </label>
              <input
                id={fileId}
                class="visually-hidden"
                type="file"
                accept=".json,application/json"
                data-testid="pack-import"
                onChange={(event) => {
                  const input = event.currentTarget;
                  const file = input.files?.[0];
                  input.value = '';
                  if (!file) return;
                  const pinnedKey = pinned();
                  run(async () => {
                    // An oversize file is refused by its size, without reading it into memory.
                    const read = await readPackFile(file);
                    return read.ok ? actions.importFile(read.text, file.name, pinnedKey) : { ok: false, errors: [read.error] };
                  }, t('packImported', file.name));
                }}
              />
              <button type="button" data-testid="pack-refresh-all" onClick={() => run(() => actions.refresh(), t('packRefreshed'))}>
                {t('packRefreshAll')}
              </button>
            </div>
          </form>
        </details>
        <p
          class={status.kind === 'error' ? 'error' : 'muted'}
          role={status.kind === 'error' ? 'alert' : 'status'}
          data-testid="pack-status"
          data-state={status.kind}
          data-action={status.action}
        >
          {status.kind === 'busy' ? t('packWorking') : status.kind === 'ok' || status.kind === 'error' ? status.text : ''}
        </p>
        {view === 'loading' ? <p class="muted">{t('pageLoading')}</p> : null}
        {view === 'error' ? <p class="error" role="alert">{t('packsLoadError')}</p> : null}
        {typeof view === 'object' ? (
          <>
            <ul class="pack-list">
              {view.packs.map((pack) => (
                <PackRow key={pack.id} pack={pack} actions={actions} run={run} formatTime={formatTime} />
              ))}
            </ul>
            {view.conflicts.length > 0 ? (
              <div class="field-group" data-testid="pack-conflicts">
                <h3>{t('packConflicts')}</h3>
                <p class="muted small">{t('packConflictRule')}</p>
                <ul class="plain-list">
                  {view.conflicts.map((conflict) => (
                    <li key={`${conflict.explainerId}:${conflict.dropped}`}>{t('packConflict', [conflict.explainerId, conflict.kept, conflict.dropped])}</li>
                  ))}
                </ul>
              </div>
            ) : null}
          </>
        ) : null}
      </section>
  );
}
