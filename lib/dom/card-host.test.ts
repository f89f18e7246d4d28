import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { CardData } from '../messages';
import { createCardHost, type CardView } from './card-host';
import { SHADOW_HOST_TAG } from './constants';
import { createTextRange, type Mark } from './marks';

/** A card with just enough in it to tell cards apart. */
const cardData = (id: string) => ({ id, title: `Title of ${id}` }) as unknown as CardData;

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((done, fail) => {
    resolve = done;
    reject = fail;
  });
  return { promise, resolve, reject };
}

/** What the card view shows, as a short string: "ice:loading", "ice:Title of ice", "ice:error", or "none". */
function describeView(view: CardView | null): string {
  if (!view) return 'none';
  const card = view.card;
  return `${view.explainerId}:${typeof card === 'string' ? card : (card as unknown as { title: string }).title}`;
}

let contexts: ContentScriptContext[] = [];
let marks: Mark[] = [];

function markFor(id: string): Mark {
  const paragraph = document.createElement('p');
  paragraph.textContent = `About ${id}`;
  document.body.append(paragraph);
  const text = paragraph.firstChild as Text;
  const mark: Mark = {
    explainerId: id,
    termIndex: 0,
    text: id,
    range: createTextRange(text, 6, text, 6 + id.length),
    nodes: [text],
    block: paragraph,
    section: 'body',
    lang: 'en',
  };
  marks.push(mark);
  return mark;
}

function setUp(loadCard: (id: string) => Promise<CardData | null>) {
  const ctx = new ContentScriptContext(`card-host-test-${Math.random().toString(36).slice(2)}`);
  contexts.push(ctx);
  const views: string[] = [];
  const pointer: boolean[] = [];
  const onCloseRequest = vi.fn();
  const load = vi.fn(loadCard);
  const host = createCardHost({
    ctx,
    loadCard: load,
    fullUrl: (id) => `chrome-extension://x/explainer.html#${id}`,
    onCloseRequest,
    onPointerInCard: (inside) => pointer.push(inside),
    css: '.card{color:black}',
    render(container, view) {
      views.push(describeView(view));
      container.replaceChildren();
      if (!view) return;
      const dialog = document.createElement('div');
      dialog.setAttribute('role', 'dialog');
      dialog.textContent = describeView(view);
      const close = document.createElement('button');
      close.textContent = 'Close';
      close.addEventListener('click', () => view.onClose());
      dialog.append(close);
      container.append(dialog);
    },
  });
  return { host, views, pointer, load, onCloseRequest };
}

const shadowHost = () => document.querySelector(SHADOW_HOST_TAG);
const shadow = () => shadowHost()?.shadowRoot ?? null;
const dialog = () => shadow()?.querySelector<HTMLElement>('[role="dialog"]') ?? null;
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  document.body.innerHTML = '';
});

afterEach(() => {
  for (const ctx of contexts) ctx.abort();
  contexts = [];
  marks = [];
  document.body.innerHTML = '';
});

describe('card host', () => {
  it('mounts one shadow host on first open, shows loading, then the card, and reuses the host', async () => {
    const { host, views } = setUp(async (id) => cardData(id));
    expect(shadowHost()).toBeNull();
    host.open(markFor('ice'), { focus: false });
    await vi.waitFor(() => expect(views).toContain('ice:Title of ice'));
    expect(views.slice(0, 2)).toEqual(['ice:loading', 'ice:Title of ice']);
    expect(document.querySelectorAll(SHADOW_HOST_TAG)).toHaveLength(1);
    expect(host.openMark?.explainerId).toBe('ice');
    expect(host.owns(shadowHost())).toBe(true);
    expect(host.owns(document.body)).toBe(false);

    host.open(markFor('dhs'), { focus: false });
    await vi.waitFor(() => expect(views).toContain('dhs:Title of dhs'));
    expect(document.querySelectorAll(SHADOW_HOST_TAG)).toHaveLength(1);
    // The page's DOM outside our host is untouched.
    expect([...document.body.children].filter((child) => child.tagName !== 'P' && child !== shadowHost())).toEqual([]);
  });

  it('never shows a card whose load finishes after another card was opened or the card closed', async () => {
    const slow = deferred<CardData | null>();
    const { host, views } = setUp((id) => (id === 'ice' ? slow.promise : Promise.resolve(cardData(id))));
    host.open(markFor('ice'), { focus: false });
    await vi.waitFor(() => expect(views).toContain('ice:loading'));
    host.open(markFor('dhs'), { focus: false });
    await vi.waitFor(() => expect(views).toContain('dhs:Title of dhs'));
    slow.resolve(cardData('ice'));
    await settle();
    await settle();
    expect(views).not.toContain('ice:Title of ice');
    expect(views.at(-1)).toBe('dhs:Title of dhs');

    const slower = deferred<CardData | null>();
    const second = setUp(() => slower.promise);
    second.host.open(markFor('tps'), { focus: false });
    await vi.waitFor(() => expect(second.views).toContain('tps:loading'));
    second.host.close();
    slower.resolve(cardData('tps'));
    await settle();
    await settle();
    expect(second.views).not.toContain('tps:Title of tps');
    expect(second.host.openMark).toBeNull();
  });

  it('loads each card once, but forgets a failed load so the next open tries again', async () => {
    let failNext = true;
    const { host, views, load } = setUp(async (id) => {
      if (id === 'tps' && failNext) {
        failNext = false;
        throw new Error('background asleep');
      }
      return cardData(id);
    });
    const ice = markFor('ice');
    host.open(ice, { focus: false });
    await vi.waitFor(() => expect(views).toContain('ice:Title of ice'));
    host.close();
    host.open(ice, { focus: false });
    await vi.waitFor(() => expect(views.filter((view) => view === 'ice:Title of ice')).toHaveLength(2));
    expect(load.mock.calls.filter(([id]) => id === 'ice')).toHaveLength(1);

    const tps = markFor('tps');
    host.open(tps, { focus: false });
    await vi.waitFor(() => expect(views.at(-1)).toBe('tps:error'));
    host.open(tps, { focus: false });
    await vi.waitFor(() => expect(views.at(-1)).toBe('tps:Title of tps'));
    expect(load.mock.calls.filter(([id]) => id === 'tps')).toHaveLength(2);
  });

  it('shows an error for a card the catalog does not have', async () => {
    const { host, views } = setUp(async () => null);
    host.open(markFor('gone'), { focus: false });
    await vi.waitFor(() => expect(views.at(-1)).toBe('gone:error'));
  });

  it('moves focus into a card opened with focus and gives it back to where it was on close', async () => {
    const { host } = setUp(async (id) => cardData(id));
    const button = document.createElement('button');
    button.textContent = 'On the page';
    document.body.append(button);
    button.focus();
    expect(document.activeElement).toBe(button);

    host.open(markFor('ice'), { focus: true });
    await vi.waitFor(() => expect(shadow()?.activeElement).toBe(dialog()));
    expect(dialog()?.getAttribute('tabindex')).toBe('-1');
    host.close({ restoreFocus: true });
    expect(document.activeElement).toBe(button);
  });

  it('gives focus back on any close while focus is still inside a card it moved into', async () => {
    const { host } = setUp(async (id) => cardData(id));
    const link = document.createElement('a');
    link.href = 'https://example.org/';
    link.textContent = 'link';
    document.body.append(link);
    link.focus();
    host.open(markFor('ice'), { focus: true });
    await vi.waitFor(() => expect(shadow()?.activeElement).toBe(dialog()));
    host.close();
    expect(document.activeElement).toBe(link);
  });

  it('leaves focus alone for a card opened without focus', async () => {
    const { host } = setUp(async (id) => cardData(id));
    const button = document.createElement('button');
    document.body.append(button);
    button.focus();
    host.open(markFor('ice'), { focus: false });
    await vi.waitFor(() => expect(dialog()?.textContent).toContain('Title of ice'));
    expect(document.activeElement).toBe(button);
    expect(shadow()?.activeElement ?? null).toBeNull();
    host.close({ restoreFocus: true });
    expect(document.activeElement).toBe(button);
  });

  it('reports the pointer entering and leaving the card, and the close button asks to close', async () => {
    const { host, pointer, onCloseRequest } = setUp(async (id) => cardData(id));
    host.open(markFor('ice'), { focus: false });
    await vi.waitFor(() => expect(dialog()).not.toBeNull());
    const floating = dialog()!.parentElement!;
    floating.dispatchEvent(new PointerEvent('pointerenter'));
    floating.dispatchEvent(new PointerEvent('pointerleave'));
    expect(pointer).toEqual([true, false]);
    dialog()!.querySelector('button')!.click();
    expect(onCloseRequest).toHaveBeenCalledTimes(1);
  });

  it('hides the card on close and takes the host out of the page on remove', async () => {
    const { host, views } = setUp(async (id) => cardData(id));
    host.open(markFor('ice'), { focus: false });
    await vi.waitFor(() => expect(dialog()).not.toBeNull());
    const floating = dialog()!.parentElement!;
    host.close();
    expect(views.at(-1)).toBe('none');
    expect(floating.style.display).toBe('none');
    expect(host.openMark).toBeNull();
    host.remove();
    expect(shadowHost()).toBeNull();
    expect(host.owns(null)).toBe(false);
  });
});
