import { useEffect, useState } from 'preact/hooks';
import { t } from '../../lib/i18n';
import type { SiteStatus } from '../../lib/messages';

export interface PauseActions {
  getSiteStatus(): Promise<SiteStatus>;
  setSitePaused(paused: boolean): Promise<SiteStatus>;
}

/** "Pause on this site": one click stops marking on the tab's site (and every tab on it). Hidden where there is no site. */
export function PauseToggle({ actions }: { actions: PauseActions }) {
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
  if (!status || status.hostname === null) return null;
  return (
    <label class="pause-toggle" title={status.hostname}>
      <input
        type="checkbox"
        data-testid="pause-site"
        checked={status.paused}
        onChange={(event) => {
          const paused = event.currentTarget.checked;
          setStatus({ ...status, paused });
          // A fresh object on failure: Preact skips a render that restores the very state it last drew, leaving the box ticked.
          actions.setSitePaused(paused).then(setStatus, () => setStatus({ ...status }));
        }}
      />
      <span>{status.paused ? t('pausedOnSite', status.hostname) : t('pauseOnSite')}</span>
    </label>
  );
}
