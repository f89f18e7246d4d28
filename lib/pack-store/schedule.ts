import { refreshAllSubscriptions, type RefreshOutcome } from './store';

/**
 * When subscriptions are refreshed: one periodic alarm (alarms survive the MV3 service worker
 * being stopped; timers do not). The browser API is passed in so tests can use fakeBrowser.
 * Needs the "alarms" permission in the manifest.
 */

export const PACK_REFRESH_ALARM = 'packs:refresh';
/** Six hours: explainers change over days, and publishers should not see readers poll them often. */
export const PACK_REFRESH_PERIOD_MINUTES = 6 * 60;
/** First check soon after the browser starts, but not during its busiest first minute. */
const PACK_REFRESH_FIRST_DELAY_MINUTES = 1;

export interface AlarmLike {
  name: string;
  periodInMinutes?: number;
}

export interface AlarmsApi {
  get(name: string): Promise<AlarmLike | undefined>;
  create(name: string, info: { delayInMinutes?: number; periodInMinutes?: number }): void | Promise<void>;
  clear(name: string): Promise<boolean>;
}

/**
 * Creates the refresh alarm unless it already exists with the right period: re-creating it on every
 * service worker start would keep pushing the next refresh into the future.
 */
export async function ensureRefreshAlarm(alarms: AlarmsApi): Promise<'created' | 'kept'> {
  const existing = await alarms.get(PACK_REFRESH_ALARM);
  if (existing?.periodInMinutes === PACK_REFRESH_PERIOD_MINUTES) return 'kept';
  await alarms.create(PACK_REFRESH_ALARM, {
    delayInMinutes: PACK_REFRESH_FIRST_DELAY_MINUTES,
    periodInMinutes: PACK_REFRESH_PERIOD_MINUTES,
  });
  return 'created';
}

/** For when the reader has no subscriptions left: no reason to wake the extension up. */
export async function clearRefreshAlarm(alarms: AlarmsApi): Promise<boolean> {
  return alarms.clear(PACK_REFRESH_ALARM);
}

/**
 * The `alarms.onAlarm` listener body: runs `refreshAll` for our alarm and ignores everyone else's.
 * Returns what `refreshAll` returned (by default every enabled subscription's outcome), or null for another alarm.
 */
export async function handleAlarm<T = RefreshOutcome[]>(
  alarm: Pick<AlarmLike, 'name'>,
  refreshAll: () => Promise<T> = () => refreshAllSubscriptions() as Promise<T>,
): Promise<T | null> {
  if (alarm.name !== PACK_REFRESH_ALARM) return null;
  return refreshAll();
}
