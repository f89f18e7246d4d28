import { describe, expect, it, vi } from 'vitest';
import type { CardHost, CardHostOptions } from './card-host';
import { createLazyCardHost, type CardHostFactory } from './lazy-card-host';
import type { Mark } from './marks';

const options = {} as CardHostOptions;
const mark = (id: string) => ({ explainerId: id }) as Mark;

function fakeHost(): CardHost & { opened: string[]; removed: boolean } {
  const host = {
    opened: [] as string[],
    removed: false,
    openMark: null as Mark | null,
    open(target: Mark) {
      host.opened.push(target.explainerId);
      host.openMark = target;
    },
    close() {
      host.openMark = null;
    },
    owns: () => false,
    remove() {
      host.removed = true;
    },
  };
  return host;
}

function deferredFactory() {
  let resolve!: (factory: CardHostFactory) => void;
  const promise = new Promise<CardHostFactory>((done) => (resolve = done));
  return { load: vi.fn(() => promise), resolve };
}

describe('lazy card host', () => {
  it('loads the card module once, on first open, and opens the latest wanted card', async () => {
    const { load, resolve } = deferredFactory();
    const lazy = createLazyCardHost(options, load);
    expect(load).not.toHaveBeenCalled();
    lazy.open(mark('ice'), { focus: false });
    lazy.open(mark('287g'), { focus: false });
    expect(lazy.openMark?.explainerId).toBe('287g');
    const host = fakeHost();
    resolve(() => host);
    await vi.waitFor(() => expect(host.opened).toEqual(['287g']));
    expect(load).toHaveBeenCalledTimes(1);
    lazy.open(mark('dhs'), { focus: false });
    expect(host.opened).toEqual(['287g', 'dhs']);
  });

  it('opens nothing when closed before the module arrives, and removes a host that arrives after removal', async () => {
    const first = deferredFactory();
    const closed = createLazyCardHost(options, first.load);
    closed.open(mark('ice'), { focus: false });
    closed.close();
    const host = fakeHost();
    first.resolve(() => host);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(host.opened).toEqual([]);

    const second = deferredFactory();
    const removed = createLazyCardHost(options, second.load);
    removed.open(mark('ice'), { focus: false });
    removed.remove();
    const late = fakeHost();
    second.resolve(() => late);
    await vi.waitFor(() => expect(late.removed).toBe(true));
    expect(late.opened).toEqual([]);
  });

  it('tries loading again after a failure', async () => {
    const load = vi.fn<() => Promise<CardHostFactory>>().mockRejectedValueOnce(new Error('offline'));
    const host = fakeHost();
    load.mockResolvedValueOnce(() => host);
    const lazy = createLazyCardHost(options, load);
    lazy.open(mark('ice'), { focus: false });
    await new Promise((resolve) => setTimeout(resolve, 0));
    lazy.open(mark('ice'), { focus: false });
    await vi.waitFor(() => expect(host.opened).toEqual(['ice']));
    expect(load).toHaveBeenCalledTimes(2);
  });
});
