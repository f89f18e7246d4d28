import { useEffect, useState } from 'preact/hooks';
import { useLang } from '../lang';
import type { SiteStatus } from '../../lib/messages';

export interface PauseActions {
  getSiteStatus(): Promise<SiteStatus>;
  setSitePaused(paused: boolean): Promise<SiteStatus>;
}

/**
 * "Pause on example.org": one click stops marking on the tab's site (and every tab on it). Once paused
 * it says so, "Paused on example.org · Resume", in place of the switch. Hidden where there is no site.
 * `onStatus` hears every state shown, so the popup can hide what a paused page no longer has.
 */
export function PauseToggle({ actions, onStatus }: { actions: PauseActions; onStatus?(status: SiteStatus): void }) {
  const { t } = useLang();
  const [status, setStatus] = useState<SiteStatus | null>(null);
  useEffect(() => {
    let current = true;
    actions.getSiteStatus().then(
      (value) => current && setStatus(value),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [actions]);
  useEffect(() => {
    if (status) onStatus?.(status);
  }, [status, onStatus]);
  if (!status || status.hostname === null) return null;
  const change = (paused: boolean) => {
    setStatus({ ...status, paused });
    // A fresh object on failure: Preact skips a render that restores the very state it last drew, leaving the box ticked.
    actions.setSitePaused(paused).then(setStatus, () => setStatus({ ...status }));
  };
  if (status.paused) {
    return (
      <p class="state-banner" data-testid="paused-banner" role="status">
        <span>{t('pausedOnSite', status.hostname)}</span>
        {' · '}
        <button type="button" class="link-button" data-testid="resume-site" onClick={() => change(false)}>
          {t('resumeSite')}
        </button>
      </p>
    );
  }
  return (
    <label class="pause-toggle">
      <input type="checkbox" data-testid="pause-site" checked={false} onChange={(event) => change(event.currentTarget.checked)} />
      <span class="pause-label">{t('pauseOnNamedSite', status.hostname)}</span>
    </label>
  );
}
