// @vitest-environment-options {"url": "https://news.example.com/story"}
/**
 * The content script's entry: when a session starts and stops (switched off, paused site, settings
 * changes), how the term table is fetched and refetched, and which messages a frame answers. The
 * session itself, the background and the highlight check are stand-ins; settings go through the
 * real storage code over WXT's fake browser.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { compileTerms } from '../../lib/match/compile';
import { packTerms } from '../../lib/match/packed';
import type { MatcherTable, TabMessage } from '../../lib/messages';
import { DEFAULT_SETTINGS, SETTINGS_KEY, type Settings } from '../../lib/settings-core';

interface FakeSession {
  settings: Settings;
  stopped: boolean;
  settingsChanged: (next: Settings) => void;
  stop: () => void;
  navigated: () => void;
  reveal: (id: string) => boolean;
  navigate: (direction: 1 | -1) => boolean;
}

const sessions: FakeSession[] = [];
const sent: { type: string; payload: unknown }[] = [];
let termTableFailures = 0;
let tableVersion = 'v1';

vi.mock('../../lib/dom/highlights', () => ({ supportsCustomHighlights: () => true }));

vi.mock('./session', () => ({
  startSession: (_ctx: unknown, _matcher: unknown, settings: Settings): FakeSession => {
    const session: FakeSession = {
      settings,
      stopped: false,
      settingsChanged(next) {
        session.settings = next;
      },
      stop() {
        session.stopped = true;
      },
      navigated() {},
      reveal: (id) => id === 'present',
      navigate: () => true,
    };
    sessions.push(session);
    return session;
  },
}));

vi.mock('../../lib/messaging', () => ({
  sendToBackground: (type: string, payload: unknown): Promise<unknown> => {
    sent.push({ type, payload });
    if (type !== 'getTermTable') return Promise.resolve(undefined);
    if (termTableFailures > 0) {
      termTableFailures--;
      return Promise.reject(new Error('Could not establish connection. Receiving end does not exist.'));
    }
    const table: MatcherTable = { version: tableVersion, compiled: packTerms(compileTerms([{ explainerId: 'ice', text: 'ICE', caseSensitive: true }])) };
    return Promise.resolve(table);
  },
}));

// happy-dom has no HTMLFrameElement; browsers still define it for <frame>.
globalThis.HTMLFrameElement ??= class extends HTMLElement {} as unknown as typeof HTMLFrameElement;

const { default: contentScript } = await import('./index');

/** The content script answers through sendResponse, returning true when it will (the browser's own API, not the polyfill). */
type Listener = (message: unknown, sender: unknown, sendResponse: (response: unknown) => void) => boolean;
let contexts: ContentScriptContext[] = [];

async function saveSettings(patch: Partial<Settings>): Promise<void> {
  await fakeBrowser.storage.sync.set({ [SETTINGS_KEY]: { ...DEFAULT_SETTINGS, ...patch } });
}

/** Lets storage events and awaited promises run to completion. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
  await vi.advanceTimersByTimeAsync(0);
}

async function start(): Promise<{ ctx: ContentScriptContext; send: (message: TabMessage) => Promise<unknown> | undefined }> {
  const listeners: Listener[] = [];
  const addListener = vi.spyOn(fakeBrowser.runtime.onMessage, 'addListener').mockImplementation((listener) => {
    listeners.push(listener as unknown as Listener);
  });
  const ctx = new ContentScriptContext(`index-test-${contexts.length}-${Math.random().toString(36).slice(2)}`);
  contexts.push(ctx);
  // Not awaited: while the background is starting, main waits on timers that the test advances.
  void contentScript.main(ctx);
  await settle();
  addListener.mockRestore();
  const send = (message: TabMessage): Promise<unknown> | undefined => {
    const listener = listeners[0];
    if (!listener) return undefined;
    let respond: (response: unknown) => void = () => {};
    const answer = new Promise<unknown>((resolve) => (respond = resolve));
    return listener(message, {}, respond) ? answer : undefined;
  };
  return { ctx, send };
}

const termTableRequests = () => sent.filter((message) => message.type === 'getTermTable').length;
const siteReports = () => sent.filter((message) => message.type === 'siteStatus').map((message) => message.payload);
const live = () => sessions.filter((session) => !session.stopped);

beforeEach(() => {
  vi.useFakeTimers();
  fakeBrowser.reset();
  sessions.length = 0;
  sent.length = 0;
  termTableFailures = 0;
  tableVersion = 'v1';
});

afterEach(() => {
  for (const ctx of contexts) ctx.abort();
  contexts = [];
  vi.useRealTimers();
});

describe('content script entry', () => {
  it('starts one session with the stored settings and tells the background the site is not paused', async () => {
    await saveSettings({ hoverDelayMs: 700 });
    await start();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.settings.hoverDelayMs).toBe(700);
    expect(termTableRequests()).toBe(1);
    expect(siteReports()).toEqual([{ paused: false }]);
  });

  it('starts nothing on a paused site, and says so', async () => {
    await saveSettings({ pausedSites: ['news.example.com'] });
    await start();
    expect(sessions).toHaveLength(0);
    expect(termTableRequests()).toBe(0);
    expect(siteReports()).toEqual([{ paused: true }]);
  });

  it('starts nothing while switched off, and starts when switched on', async () => {
    await saveSettings({ enabled: false });
    await start();
    expect(sessions).toHaveLength(0);
    await saveSettings({ enabled: true });
    await settle();
    expect(live()).toHaveLength(1);
  });

  it('stops the session when switched off or paused, and passes other changes to the live session', async () => {
    await start();
    await saveSettings({ hoverDelayMs: 900 });
    await settle();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.settings.hoverDelayMs).toBe(900);

    await saveSettings({ enabled: false });
    await settle();
    expect(live()).toHaveLength(0);

    await saveSettings({ enabled: true });
    await settle();
    expect(live()).toHaveLength(1);
    // The matcher is kept across an off/on: the term table is not fetched again.
    expect(termTableRequests()).toBe(1);

    await saveSettings({ pausedSites: ['news.example.com'] });
    await settle();
    expect(live()).toHaveLength(0);
    expect(siteReports()).toEqual([{ paused: false }, { paused: true }]);
  });

  it('keeps asking for the term table while the background starts, then starts', async () => {
    termTableFailures = 2;
    await start();
    expect(sessions).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(250);
    expect(sessions).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(500);
    expect(sessions).toHaveLength(1);
    expect(termTableRequests()).toBe(3);
  });

  it('rebuilds on a new term table version, and ignores the version it has', async () => {
    const { send } = await start();
    expect(send({ type: 'termTableChanged', version: 'v1' })).toBeUndefined();
    await settle();
    expect(termTableRequests()).toBe(1);
    expect(live()).toHaveLength(1);

    tableVersion = 'v2';
    send({ type: 'termTableChanged', version: 'v2' });
    await settle();
    expect(termTableRequests()).toBe(2);
    expect(sessions).toHaveLength(2);
    expect(sessions[0]!.stopped).toBe(true);
    expect(live()).toHaveLength(1);
  });

  it('reveals an explainer it marks at once, and answers "no" from the top frame only after a delay', async () => {
    const { send } = await start();
    await expect(send({ type: 'reveal', id: 'present' })).resolves.toBe(true);
    let answer: unknown = 'pending';
    void send({ type: 'reveal', id: 'absent' })?.then((value) => (answer = value));
    await vi.advanceTimersByTimeAsync(100);
    expect(answer).toBe('pending');
    await vi.advanceTimersByTimeAsync(60);
    expect(answer).toBe(false);
  });

  it('moves between marks on a navigate command when the page has focus', async () => {
    vi.spyOn(document, 'hasFocus').mockReturnValue(true);
    const { send } = await start();
    await expect(send({ type: 'navigate', direction: 1 })).resolves.toBe(true);
  });

  it('ignores messages that are not ours', async () => {
    const { send } = await start();
    expect(send({ type: 'unknown' } as unknown as TabMessage)).toBeUndefined();
  });
});
