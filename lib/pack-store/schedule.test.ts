// @vitest-environment node
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { buildPack } from '../../tests/support/pack-fixtures';
import { startPackServer, type PackServer } from '../../tests/support/pack-server';
import {
  PACK_REFRESH_ALARM,
  PACK_REFRESH_PERIOD_MINUTES,
  clearRefreshAlarm,
  ensureRefreshAlarm,
  handleAlarm,
} from './schedule';
import { loadPacksState, subscribeToPack } from './store';

let server: PackServer;
beforeAll(async () => {
  server = await startPackServer();
  const pack = JSON.stringify(buildPack('news', [{ id: 'alpha' }]));
  server.routes.set('/news.json', (_req, res) => res.writeHead(200).end(pack));
});
afterAll(() => server.close());
beforeEach(() => {
  fakeBrowser.reset();
  server.requests.length = 0;
});

describe('refresh alarm', () => {
  it('creates one periodic alarm and keeps it across service worker restarts', async () => {
    expect(await ensureRefreshAlarm(fakeBrowser.alarms)).toBe('created');
    const alarm = await fakeBrowser.alarms.get(PACK_REFRESH_ALARM);
    expect(alarm).toMatchObject({ name: PACK_REFRESH_ALARM, periodInMinutes: PACK_REFRESH_PERIOD_MINUTES });
    expect(PACK_REFRESH_PERIOD_MINUTES).toBe(360);

    expect(await ensureRefreshAlarm(fakeBrowser.alarms)).toBe('kept');
    expect((await fakeBrowser.alarms.get(PACK_REFRESH_ALARM))?.scheduledTime).toBe(alarm?.scheduledTime);
    expect(await fakeBrowser.alarms.getAll()).toHaveLength(1);
  });

  it('replaces an alarm left with another period by an older version', async () => {
    fakeBrowser.alarms.create(PACK_REFRESH_ALARM, { periodInMinutes: 60 });
    expect(await ensureRefreshAlarm(fakeBrowser.alarms)).toBe('created');
    expect((await fakeBrowser.alarms.get(PACK_REFRESH_ALARM))?.periodInMinutes).toBe(PACK_REFRESH_PERIOD_MINUTES);
    expect(await clearRefreshAlarm(fakeBrowser.alarms)).toBe(true);
    expect(await fakeBrowser.alarms.get(PACK_REFRESH_ALARM)).toBeUndefined();
  });

  it('refreshes every subscription when its alarm fires, and ignores other alarms', async () => {
    const subscription = await subscribeToPack(server.url('/news.json'));
    if (!subscription.ok) throw new Error(subscription.error.code);
    const settled: Promise<unknown>[] = [];
    fakeBrowser.alarms.onAlarm.addListener((alarm) => {
      settled.push(handleAlarm(alarm));
    });

    await fakeBrowser.alarms.onAlarm.trigger({ name: 'someone-else', scheduledTime: Date.now() });
    expect(await Promise.all(settled)).toEqual([null]);
    expect(server.requests).toHaveLength(0);

    await fakeBrowser.alarms.onAlarm.trigger({ name: PACK_REFRESH_ALARM, scheduledTime: Date.now(), periodInMinutes: 360 });
    const [, outcomes] = await Promise.all(settled);
    expect(outcomes).toMatchObject([{ status: 'updated' }]);
    expect(server.requests.map((r) => r.path)).toEqual(['/news.json']);
    expect((await loadPacksState()).records[1]?.pack?.id).toBe('news');
  });
});
