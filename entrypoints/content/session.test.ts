/**
 * The content session wired end to end in happy-dom: the real scanner, marks view, card control and
 * reader input, with a fake painter and card host standing in for the page highlights and the
 * shadow-root card. Fake timers make every dwell exact, so timing is checked from both sides.
 *
 * happy-dom lays nothing out, so each marked word is given a box: `caretPositionFromPoint` answers
 * with the text node whose box holds the point, and a Range over that node reports the same box.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { CardHost } from '../../lib/dom/card-host';
import type { MarkPainter } from '../../lib/dom/highlights';
import { CLOSE_GRACE_MS } from '../../lib/dom/hover-intent';
import type { Mark } from '../../lib/dom/marks';
import { createMatcher } from '../../lib/match/index';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings-core';
import { startSession, type Session, type SessionParts } from './session';

/** One animation frame: pointer moves are handled at most once per frame. */
const FRAME_MS = 16;
/** How late a card may open after its dwell and still count as on time (a frame for the pointer, one to spare). */
const SLACK_MS = 2 * FRAME_MS;

const matcher = createMatcher([
  { explainerId: 'alpha', text: 'Alpha', caseSensitive: true },
  { explainerId: 'beta', text: 'Beta', caseSensitive: true },
  { explainerId: 'gamma', text: 'Gamma', caseSensitive: true },
]);

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}
const BOXES: Record<string, Box> = {
  Alpha: { left: 10, top: 10, right: 60, bottom: 30 },
  Beta: { left: 10, top: 50, right: 60, bottom: 70 },
  Gamma: { left: 10, top: 90, right: 60, bottom: 110 },
};
const centre = (word: keyof typeof BOXES) => {
  const box = BOXES[word]!;
  return { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 };
};
/** A point on the page far from every mark. */
const AWAY = { x: 400, y: 400 };

function rectOf(box: Box): DOMRect {
  return { ...box, x: box.left, y: box.top, width: box.right - box.left, height: box.bottom - box.top, toJSON: () => box } as DOMRect;
}

/** Each marked word sits alone in its own text node, so a node is its word's box. */
function boxOfNode(node: Node | null): Box | undefined {
  return node?.nodeType === 3 ? BOXES[(node.textContent ?? '').trim()] : undefined;
}

function textNodes(): Text[] {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
  return nodes;
}

function fakePainter() {
  const shown = new Set<string>();
  const painter = {
    shown,
    active: null as string | null,
    styles: [] as string[],
    cleared: false,
    update(nowShown: readonly Mark[], hidden: readonly Mark[]) {
      for (const mark of hidden) shown.delete(mark.explainerId);
      for (const mark of nowShown) shown.add(mark.explainerId);
    },
    setActive(mark: Mark | null) {
      painter.active = mark?.explainerId ?? null;
    },
    setStyle(style: string) {
      painter.styles.push(style);
    },
    clear() {
      painter.cleared = true;
      shown.clear();
    },
  };
  return painter satisfies MarkPainter;
}

/** The card host: an element that stands for our shadow host, and a log of what was opened and closed. */
function fakeCardHost() {
  const element = document.createElement('div');
  const host = {
    element,
    openMark: null as Mark | null,
    log: [] as string[],
    opens: [] as { id: string; pointer?: { x: number; y: number }; link?: string }[],
    focusOnOpen: [] as boolean[],
    restoreFocusOnClose: [] as boolean[],
    removed: false,
    open(mark: Mark, { focus, pointer, link }: { focus: boolean; pointer?: { x: number; y: number }; link?: string }) {
      host.openMark = mark;
      host.log.push(`open ${mark.explainerId}`);
      host.opens.push({ id: mark.explainerId, ...(pointer ? { pointer } : {}), ...(link ? { link } : {}) });
      host.focusOnOpen.push(focus);
    },
    close(options?: { restoreFocus?: boolean }) {
      host.openMark = null;
      host.log.push('close');
      host.restoreFocusOnClose.push(options?.restoreFocus ?? false);
    },
    owns: (target: EventTarget | null) => target === element,
    remove() {
      host.removed = true;
      host.openMark = null;
    },
  };
  return host satisfies CardHost;
}

interface Harness {
  session: Session;
  painter: ReturnType<typeof fakePainter>;
  card: ReturnType<typeof fakeCardHost>;
  /** What the card's own close button (or Esc inside the card) calls. */
  closeRequest: () => void;
  pointerInCard: (inside: boolean) => void;
  counts: Record<string, number>[];
  ctx: ContentScriptContext;
  /** The settings getter the session handed to its parts. */
  currentSettings: () => Settings;
}

let contexts: ContentScriptContext[] = [];
/** WXT invalidates a context when another with its name starts (a script update); each test gets its own name. */
function newContext(): ContentScriptContext {
  const ctx = new ContentScriptContext(`session-test-${contexts.length}-${Math.random().toString(36).slice(2)}`);
  contexts.push(ctx);
  return ctx;
}

async function start(settings: Partial<Settings> = {}): Promise<Harness> {
  const ctx = newContext();
  const painter = fakePainter();
  const card = fakeCardHost();
  const counts: Record<string, number>[] = [];
  let closeRequest = () => {};
  let pointerInCard = (_inside: boolean) => {};
  let currentSettings = (): Settings => DEFAULT_SETTINGS;
  const session = startSession(ctx, matcher, { ...DEFAULT_SETTINGS, markMode: 'every', ...settings }, (close, inCard, current): SessionParts => {
    closeRequest = close;
    pointerInCard = inCard;
    currentSettings = current;
    return { painter, card, sendCounts: async (sent) => void counts.push(sent) };
  });
  // The scan runs in slices that yield through timers.
  await vi.advanceTimersByTimeAsync(50);
  const hidden = settings.hiddenExplainers ?? [];
  expect([...painter.shown].sort(), 'marks drawn after the scan').toEqual(['alpha', 'beta', 'gamma'].filter((id) => !hidden.includes(id)));
  return {
    session,
    painter,
    card,
    closeRequest: () => closeRequest(),
    pointerInCard: (inside) => pointerInCard(inside),
    counts,
    ctx,
    currentSettings: () => currentSettings(),
  };
}

function pointerMove(at: { x: number; y: number }, target: EventTarget = document.body): void {
  target.dispatchEvent(
    new PointerEvent('pointermove', { clientX: at.x, clientY: at.y, pointerType: 'mouse', bubbles: true, composed: true }),
  );
}

function click(at: { x: number; y: number }, target: EventTarget = document.body): void {
  target.dispatchEvent(new MouseEvent('click', { clientX: at.x, clientY: at.y, bubbles: true, composed: true }));
}

function pressEscape(): void {
  document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
}

const openId = (card: ReturnType<typeof fakeCardHost>) => card.openMark?.explainerId ?? null;

/** Milliseconds from the pointer arriving on `word` until the card opens, or null if it did not within `limit`. */
async function dwellUntilOpen(h: Harness, word: keyof typeof BOXES, limit: number): Promise<number | null> {
  const id = word.toLowerCase();
  pointerMove(centre(word));
  for (let elapsed = 1; elapsed <= limit; elapsed++) {
    await vi.advanceTimersByTimeAsync(1);
    if (openId(h.card) === id) return elapsed;
  }
  return null;
}

beforeEach(() => {
  vi.useFakeTimers();
  document.title = 'Session test';
  document.body.innerHTML = `
    <p id="a">Alpha</p>
    <p id="b">Beta</p>
    <p id="g"><a id="link" href="https://example.org/">Gamma</a></p>
    <p id="plain">Nothing to see here.</p>`;
  const caretPositionFromPoint = (x: number, y: number) => {
    const node = textNodes().find((candidate) => {
      const box = boxOfNode(candidate);
      return box && x >= box.left && x <= box.right && y >= box.top && y <= box.bottom;
    });
    // Like a real browser, a point in a margin still answers with the nearest text: here, the plain paragraph.
    return { offsetNode: node ?? textNodes().at(-1)!, offset: 0 };
  };
  Object.defineProperty(document, 'caretPositionFromPoint', { value: caretPositionFromPoint, configurable: true });
  vi.spyOn(Range.prototype, 'getClientRects').mockImplementation(function (this: Range) {
    const box = boxOfNode(this.startContainer);
    const rects = box ? [rectOf(box)] : [];
    return Object.assign(rects, { item: (i: number) => rects[i] ?? null }) as unknown as DOMRectList;
  });
  // happy-dom scrolls the window for real, and a later session would then start its scan mid-page.
  window.scrollTo(0, 0);
  vi.spyOn(Element.prototype, 'scrollIntoView').mockImplementation(() => {});
  vi.spyOn(Range.prototype, 'getBoundingClientRect').mockImplementation(function (this: Range) {
    return rectOf(boxOfNode(this.startContainer) ?? { left: 0, top: 0, right: 0, bottom: 0 });
  });
});

afterEach(() => {
  for (const ctx of contexts) ctx.abort();
  contexts = [];
  vi.useRealTimers();
  vi.restoreAllMocks();
  delete (document as { caretPositionFromPoint?: unknown }).caretPositionFromPoint;
  document.body.innerHTML = '';
});

describe('content session: hover', () => {
  it('opens the card after the default dwell, not before and not much after', async () => {
    const h = await start();
    const delay = DEFAULT_SETTINGS.hoverDelayMs;
    const openedAfter = await dwellUntilOpen(h, 'Alpha', delay * 4);
    expect(openedAfter, 'card opened at all').not.toBeNull();
    expect(openedAfter!).toBeGreaterThanOrEqual(delay);
    expect(openedAfter!).toBeLessThanOrEqual(delay + SLACK_MS);
    expect(h.painter.active).toBe('alpha');
    expect(h.card.focusOnOpen).toEqual([false]);
  });

  it('uses the delay from settings, and a changed delay at once', async () => {
    const h = await start({ hoverDelayMs: 700 });
    const first = await dwellUntilOpen(h, 'Alpha', 700 * 4);
    expect(first).toBeGreaterThanOrEqual(700);
    expect(first).toBeLessThanOrEqual(700 + SLACK_MS);

    h.session.settingsChanged({ ...DEFAULT_SETTINGS, markMode: 'every', hoverDelayMs: 150 });
    const second = await dwellUntilOpen(h, 'Beta', 150 * 4);
    expect(second).toBeGreaterThanOrEqual(150);
    expect(second).toBeLessThanOrEqual(150 + SLACK_MS);
  });

  it('does not open when the pointer leaves the mark before the dwell ends', async () => {
    const h = await start();
    pointerMove(centre('Alpha'));
    await vi.advanceTimersByTimeAsync(DEFAULT_SETTINGS.hoverDelayMs / 2);
    pointerMove(AWAY);
    await vi.advanceTimersByTimeAsync(DEFAULT_SETTINGS.hoverDelayMs * 2);
    expect(h.card.log).toEqual([]);
  });

  it('closes after the grace period once the pointer leaves, but stays while the pointer is in the card', async () => {
    const h = await start();
    expect(await dwellUntilOpen(h, 'Alpha', 2000)).not.toBeNull();
    pointerMove(AWAY);
    await vi.advanceTimersByTimeAsync(CLOSE_GRACE_MS - FRAME_MS * 2);
    expect(openId(h.card), 'open during the grace period').toBe('alpha');
    h.pointerInCard(true);
    await vi.advanceTimersByTimeAsync(CLOSE_GRACE_MS * 3);
    expect(openId(h.card), 'open while the pointer is in the card').toBe('alpha');
    h.pointerInCard(false);
    await vi.advanceTimersByTimeAsync(CLOSE_GRACE_MS + SLACK_MS);
    expect(openId(h.card)).toBeNull();
    expect(h.painter.active).toBeNull();
  });

  it('moves over the card host count as in the card (the card stays open)', async () => {
    const h = await start();
    document.body.append(h.card.element);
    expect(await dwellUntilOpen(h, 'Alpha', 2000)).not.toBeNull();
    pointerMove(AWAY, h.card.element);
    await vi.advanceTimersByTimeAsync(CLOSE_GRACE_MS * 3);
    expect(openId(h.card)).toBe('alpha');
  });

  it('swaps to another mark after its own dwell, without closing in between', async () => {
    const h = await start();
    expect(await dwellUntilOpen(h, 'Alpha', 2000)).not.toBeNull();
    const swappedAfter = await dwellUntilOpen(h, 'Beta', 2000);
    expect(swappedAfter).toBeGreaterThanOrEqual(DEFAULT_SETTINGS.hoverDelayMs);
    expect(swappedAfter).toBeLessThanOrEqual(DEFAULT_SETTINGS.hoverDelayMs + SLACK_MS);
    expect(h.card.log).toEqual(['open alpha', 'open beta']);
  });
});

describe('content session: keys, clicks and focus', () => {
  it('closes an open card on Escape', async () => {
    const h = await start();
    expect(await dwellUntilOpen(h, 'Alpha', 2000)).not.toBeNull();
    expect(openId(h.card), 'opened before Escape').toBe('alpha');
    pressEscape();
    expect(openId(h.card)).toBeNull();
    expect(h.card.log.at(-1)).toBe('close');
  });

  it("closes on the card's own close request", async () => {
    const h = await start();
    expect(await dwellUntilOpen(h, 'Beta', 2000)).not.toBeNull();
    h.closeRequest();
    expect(openId(h.card)).toBeNull();
  });

  it('in click mode opens on a click at once, ignores hovering, and closes on a click away', async () => {
    const h = await start({ openOn: 'click' });
    pointerMove(centre('Alpha'));
    await vi.advanceTimersByTimeAsync(DEFAULT_SETTINGS.hoverDelayMs * 3);
    expect(h.card.log, 'hovering opens nothing in click mode').toEqual([]);

    click(centre('Beta'));
    expect(openId(h.card)).toBe('beta');
    // Hover movements leave a clicked card alone.
    pointerMove(AWAY);
    await vi.advanceTimersByTimeAsync(CLOSE_GRACE_MS * 3);
    expect(openId(h.card)).toBe('beta');

    click(centre('Gamma'));
    expect(openId(h.card)).toBe('gamma');
    document.body.append(h.card.element);
    click(AWAY, h.card.element);
    expect(openId(h.card), 'a click in the card keeps it').toBe('gamma');
    click(AWAY);
    expect(openId(h.card)).toBeNull();
  });

  it('in hover mode a click does not open a card', async () => {
    const h = await start();
    click(centre('Alpha'));
    expect(h.card.log).toEqual([]);
  });

  it('opens the card of a focused link with a mark, and closes it when focus leaves', async () => {
    const h = await start();
    const link = document.getElementById('link') as HTMLAnchorElement;
    vi.spyOn(link, 'matches').mockImplementation((selector: string) => selector === ':focus-visible');
    link.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    expect(openId(h.card)).toBe('gamma');
    expect(h.card.focusOnOpen, 'focus stays on the link').toEqual([false]);
    // Pointer movement elsewhere does not close a focus-opened card.
    pointerMove(AWAY);
    await vi.advanceTimersByTimeAsync(CLOSE_GRACE_MS * 3);
    expect(openId(h.card)).toBe('gamma');
    // Focus moving into the card keeps it; focus moving elsewhere closes it.
    link.dispatchEvent(new FocusEvent('focusout', { bubbles: true, relatedTarget: h.card.element }));
    expect(openId(h.card)).toBe('gamma');
    link.dispatchEvent(new FocusEvent('focusout', { bubbles: true, relatedTarget: document.body }));
    expect(openId(h.card)).toBeNull();
  });

  it('opens nothing for focus from a mouse click (not :focus-visible)', async () => {
    const h = await start();
    const link = document.getElementById('link') as HTMLAnchorElement;
    vi.spyOn(link, 'matches').mockReturnValue(false);
    link.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    expect(h.card.log).toEqual([]);
  });
});

describe('content session: commands', () => {
  it('navigates marks in document order, wrapping around both ways, with focus in the card', async () => {
    const h = await start();
    const seen: (string | null)[] = [];
    for (let i = 0; i < 4; i++) {
      expect(h.session.navigate(1)).toBe(true);
      seen.push(openId(h.card));
    }
    expect(seen).toEqual(['alpha', 'beta', 'gamma', 'alpha']);
    expect(h.session.navigate(-1)).toBe(true);
    expect(openId(h.card)).toBe('gamma');
    expect(h.card.focusOnOpen.every(Boolean), 'command-opened cards take focus').toBe(true);
    // The marks have boxes at y 0–110 of a viewport of innerHeight; a mark out of view is scrolled to.
    expect(Element.prototype.scrollIntoView).not.toHaveBeenCalled();
    pressEscape();
    expect(h.card.restoreFocusOnClose.at(-1), 'Escape gives focus back').toBe(true);
  });

  it('navigating back with nothing open starts at the last mark', async () => {
    const h = await start();
    expect(h.session.navigate(-1)).toBe(true);
    expect(openId(h.card)).toBe('gamma');
  });

  it('reveals a named explainer, and says no for one not on the page', async () => {
    const h = await start();
    expect(h.session.reveal('beta')).toBe(true);
    expect(openId(h.card)).toBe('beta');
    expect(h.session.reveal('nowhere')).toBe(false);
    expect(openId(h.card)).toBe('beta');
  });

  it('a command-opened card stays open when the pointer wanders off', async () => {
    const h = await start();
    h.session.reveal('alpha');
    pointerMove(AWAY);
    await vi.advanceTimersByTimeAsync(CLOSE_GRACE_MS * 3);
    expect(openId(h.card)).toBe('alpha');
  });

  it('a command-opened card stays open when the pointer rests on its own mark and then wanders off', async () => {
    const h = await start();
    h.session.reveal('alpha');
    pointerMove(centre('Alpha'));
    await vi.advanceTimersByTimeAsync(DEFAULT_SETTINGS.hoverDelayMs * 2);
    pointerMove(AWAY);
    await vi.advanceTimersByTimeAsync(CLOSE_GRACE_MS * 3);
    expect(openId(h.card)).toBe('alpha');
    expect(h.card.log).toEqual(['open alpha']);
  });
});

describe('content session: settings and lifetime', () => {
  it('closes an open card when the reader switches between hover and click', async () => {
    const h = await start();
    expect(await dwellUntilOpen(h, 'Alpha', 2000)).not.toBeNull();
    h.session.settingsChanged({ ...DEFAULT_SETTINGS, markMode: 'every', openOn: 'click' });
    expect(openId(h.card)).toBeNull();
  });

  it('closes an open card whose mark a new mark mode hides', async () => {
    document.body.innerHTML = '<section><p id="first">Alpha</p><p id="second">Alpha</p></section>';
    const ctx = newContext();
    const painter = fakePainter();
    const card = fakeCardHost();
    const session = startSession(ctx, matcher, { ...DEFAULT_SETTINGS, markMode: 'every' }, () => ({ painter, card, sendCounts: async () => {} }));
    await vi.advanceTimersByTimeAsync(50);
    session.navigate(-1);
    expect(card.openMark?.nodes[0]?.parentElement?.id, 'the second mention is open').toBe('second');
    session.settingsChanged({ ...DEFAULT_SETTINGS, markMode: 'first-per-section' });
    expect(card.openMark).toBeNull();
    session.navigate(1);
    session.navigate(1);
    expect(card.openMark?.nodes[0]?.parentElement?.id, 'only the first mention is left').toBe('first');
  });

  it('passes a new highlight style to the painter', async () => {
    const h = await start();
    h.session.settingsChanged({ ...DEFAULT_SETTINGS, markMode: 'every', highlightStyle: 'tint' });
    expect(h.painter.styles).toEqual(['tint']);
  });

  it('reports mention counts to the background once the scan is quiet', async () => {
    const h = await start();
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.counts.at(-1)).toEqual({ alpha: 1, beta: 1, gamma: 1 });
  });

  it('stops cleanly: marks cleared, card removed, no more reactions to the reader', async () => {
    const h = await start();
    h.session.reveal('alpha');
    h.session.stop();
    expect(h.painter.cleared).toBe(true);
    expect(h.card.removed).toBe(true);
    const logged = h.card.log.length;
    pointerMove(centre('Beta'));
    await vi.advanceTimersByTimeAsync(DEFAULT_SETTINGS.hoverDelayMs * 3);
    pressEscape();
    expect(h.card.log.length).toBe(logged);
  });
});


describe('content session: scrolling a command-opened mark into view', () => {
  /** Gives Alpha's text the vertical extent [top, bottom] in the viewport; other words keep their boxes. */
  function placeAlpha(top: number, bottom: number): void {
    vi.mocked(Range.prototype.getBoundingClientRect).mockImplementation(function (this: Range) {
      const box = boxOfNode(this.startContainer) ?? { left: 0, top: 0, right: 0, bottom: 0 };
      return rectOf(box === BOXES.Alpha ? { ...box, top, bottom } : box);
    });
  }

  const height = () => window.innerHeight;
  const cases: [string, () => [number, number], boolean][] = [
    ['inside the viewport', () => [10, 30], false],
    ['touching its top edge', () => [0, 20], false],
    ['touching its bottom edge', () => [height() - 20, height()], false],
    ['below it', () => [height() + 10, height() + 30], true],
    ['above it', () => [-40, -10], true],
    ['cut by its top edge', () => [-5, 15], true],
    ['cut by its bottom edge', () => [height() - 10, height() + 10], true],
    ['an empty box at its top', () => [0, 0], true],
  ];
  for (const [where, extent, scrolls] of cases) {
    it(`${scrolls ? 'scrolls to' : 'leaves'} a mark ${where}`, async () => {
      const h = await start();
      placeAlpha(...extent());
      h.session.reveal('alpha');
      expect(openId(h.card)).toBe('alpha');
      if (scrolls) expect(Element.prototype.scrollIntoView).toHaveBeenCalledWith({ block: 'center', inline: 'nearest', behavior: 'smooth' });
      else expect(Element.prototype.scrollIntoView).not.toHaveBeenCalled();
    });
  }

  it('glides when the browser cannot say whether the reader prefers reduced motion', async () => {
    const h = await start();
    const { matchMedia } = window;
    Object.defineProperty(window, 'matchMedia', { value: undefined, configurable: true, writable: true });
    try {
      placeAlpha(height() + 10, height() + 30);
      h.session.reveal('alpha');
      expect(Element.prototype.scrollIntoView).toHaveBeenCalledWith({ block: 'center', inline: 'nearest', behavior: 'smooth' });
    } finally {
      Object.defineProperty(window, 'matchMedia', { value: matchMedia, configurable: true, writable: true });
    }
  });

  it('jumps instead of gliding when the reader prefers reduced motion', async () => {
    const h = await start();
    vi.spyOn(window, 'matchMedia').mockImplementation((query: string) => ({ matches: query === '(prefers-reduced-motion: reduce)' }) as MediaQueryList);
    placeAlpha(height() + 10, height() + 30);
    h.session.reveal('alpha');
    expect(Element.prototype.scrollIntoView).toHaveBeenCalledWith({ block: 'center', inline: 'nearest', behavior: 'auto' });
  });
});

describe('content session: the page changing under it', () => {
  it('marks and counts a mention the page adds later', async () => {
    const h = await start();
    document.body.insertAdjacentHTML('beforeend', '<p id="late">Alpha</p>');
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.counts.at(-1)).toEqual({ alpha: 2, beta: 1, gamma: 1 });
  });

  it("keeps the open card when another mark goes, and closes it when its own mark goes", async () => {
    const h = await start();
    h.session.reveal('alpha');
    document.getElementById('b')!.remove();
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.counts.at(-1), 'the removal was seen').toEqual({ alpha: 1, gamma: 1 });
    expect(openId(h.card), 'another mark removed').toBe('alpha');
    document.getElementById('a')!.remove();
    await vi.advanceTimersByTimeAsync(1000);
    expect(openId(h.card), 'its own mark removed').toBeNull();
  });

  it('watches open shadow roots for changes once it has scanned them', async () => {
    const host = document.createElement('div');
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>Nothing yet.</p>';
    document.body.append(host);
    const h = await start();
    await vi.advanceTimersByTimeAsync(1000);
    shadow.append(Object.assign(document.createElement('p'), { textContent: 'Gamma' }));
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.counts.at(-1)).toEqual({ alpha: 1, beta: 1, gamma: 2 });
  });

  it('after an in-page navigation, closes the open card and marks and counts the new page', async () => {
    const h = await start();
    h.session.reveal('alpha');
    document.body.innerHTML = '<p id="b2">Beta</p>';
    h.session.navigated();
    expect(openId(h.card)).toBeNull();
    await vi.advanceTimersByTimeAsync(1000);
    expect([...h.painter.shown]).toEqual(['beta']);
    expect(h.counts.at(-1)).toEqual({ beta: 1 });
  });

  it('says no to navigation on a page without marks', async () => {
    document.body.innerHTML = '<p>Nothing to see here.</p>';
    const painter = fakePainter();
    const card = fakeCardHost();
    const session = startSession(newContext(), matcher, DEFAULT_SETTINGS, () => ({ painter, card, sendCounts: async () => {} }));
    await vi.advanceTimersByTimeAsync(50);
    expect(session.navigate(1)).toBe(false);
    expect(session.navigate(-1)).toBe(false);
    expect(card.log).toEqual([]);
  });
});

describe('content session: settings details', () => {
  it('neither marks nor counts topics the reader hid', async () => {
    const h = await start({ hiddenExplainers: ['beta'] });
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.counts.at(-1)).toEqual({ alpha: 1, gamma: 1 });
  });

  it('applies a changed list of hidden topics, even one that reads the same run together', async () => {
    const h = await start({ hiddenExplainers: ['alpha', 'beta'] });
    h.session.settingsChanged({ ...DEFAULT_SETTINGS, markMode: 'every', hiddenExplainers: ['alphab', 'eta'] });
    await vi.advanceTimersByTimeAsync(1000);
    expect([...h.painter.shown].sort()).toEqual(['alpha', 'beta', 'gamma']);
    expect(h.counts.at(-1)).toEqual({ alpha: 1, beta: 1, gamma: 1 });
  });

  it('keeps an open card and the highlight style when an unrelated setting changes', async () => {
    const h = await start();
    h.session.reveal('alpha');
    h.session.settingsChanged({ ...DEFAULT_SETTINGS, markMode: 'every', hoverDelayMs: 900 });
    expect(openId(h.card)).toBe('alpha');
    expect(h.painter.styles).toEqual([]);
  });

  it('closes an open card when the explainer language changes', async () => {
    const h = await start();
    h.session.reveal('alpha');
    h.session.settingsChanged({ ...DEFAULT_SETTINGS, markMode: 'every', explainerLanguage: 'es' });
    expect(openId(h.card)).toBeNull();
  });

  it('hands its parts the settings as they are now, not as they were', async () => {
    const h = await start();
    expect(h.currentSettings().hoverDelayMs).toBe(DEFAULT_SETTINGS.hoverDelayMs);
    h.session.settingsChanged({ ...DEFAULT_SETTINGS, markMode: 'every', hoverDelayMs: 900 });
    expect(h.currentSettings().hoverDelayMs).toBe(900);
  });

  it('stops when its script context is invalidated (an extension update or reload)', async () => {
    const h = await start();
    h.ctx.abort();
    expect(h.painter.cleared).toBe(true);
    expect(h.card.removed).toBe(true);
  });
});

describe('content session: where the card is anchored and what it offers', () => {
  it('anchors a hover card at the point where the pointer rested', async () => {
    const h = await start();
    expect(await dwellUntilOpen(h, 'Beta', 2000)).not.toBeNull();
    expect(h.card.opens.at(-1)).toEqual({ id: 'beta', pointer: centre('Beta') });
  });

  it('anchors a clicked card at the click', async () => {
    const h = await start({ openOn: 'click' });
    click(centre('Alpha'));
    expect(h.card.opens.at(-1)).toEqual({ id: 'alpha', pointer: centre('Alpha') });
  });

  it("a tap on a mark inside a link opens its card offering the link, and the tap's click opens nothing more", async () => {
    const h = await start({ openOn: 'click' });
    const at = centre('Gamma');
    const link = document.getElementById('link')!;
    const touch = { clientX: at.x, clientY: at.y, pointerType: 'touch', isPrimary: true, pointerId: 7, bubbles: true, composed: true };
    link.dispatchEvent(new PointerEvent('pointerdown', touch));
    link.dispatchEvent(new PointerEvent('pointerup', touch));
    link.dispatchEvent(new MouseEvent('click', { clientX: at.x, clientY: at.y, bubbles: true, cancelable: true, composed: true }));
    expect(h.card.opens).toEqual([{ id: 'gamma', link: 'https://example.org/' }]);
  });

  it('a hover card closes without taking focus back; a command-opened one gives it back', async () => {
    const h = await start();
    expect(await dwellUntilOpen(h, 'Alpha', 2000)).not.toBeNull();
    pressEscape();
    h.session.reveal('beta');
    pressEscape();
    expect(h.card.restoreFocusOnClose).toEqual([false, true]);
  });
});

describe('content session: a card opened by a command, click or focus', () => {
  it('stays open while the pointer crosses the card and leaves it', async () => {
    const h = await start();
    document.body.append(h.card.element);
    h.session.reveal('alpha');
    pointerMove(AWAY, h.card.element);
    await vi.advanceTimersByTimeAsync(FRAME_MS * 2);
    pointerMove(AWAY);
    await vi.advanceTimersByTimeAsync(CLOSE_GRACE_MS * 3);
    expect(openId(h.card)).toBe('alpha');
  });

  it('gives way to hovering once the pointer rests on another mark, which then closes as hover cards do', async () => {
    const h = await start();
    h.session.reveal('alpha');
    const swappedAfter = await dwellUntilOpen(h, 'Beta', 2000);
    expect(swappedAfter).toBeGreaterThanOrEqual(DEFAULT_SETTINGS.hoverDelayMs);
    expect(h.card.focusOnOpen.at(-1), 'the hover card does not take focus').toBe(false);
    pointerMove(AWAY);
    await vi.advanceTimersByTimeAsync(CLOSE_GRACE_MS + SLACK_MS);
    expect(openId(h.card)).toBeNull();
  });

  it('keeps a clicked card open while the pointer crosses the card and leaves it', async () => {
    const h = await start({ openOn: 'click' });
    click(centre('Alpha'));
    expect(openId(h.card)).toBe('alpha');
    h.pointerInCard(true);
    h.pointerInCard(false);
    await vi.advanceTimersByTimeAsync(CLOSE_GRACE_MS * 3);
    expect(openId(h.card), 'only a click away or Escape closes it').toBe('alpha');
  });

  it('ignores the pointer entering the card host while it stays open', async () => {
    const h = await start();
    h.session.reveal('alpha');
    h.pointerInCard(true);
    h.pointerInCard(false);
    await vi.advanceTimersByTimeAsync(CLOSE_GRACE_MS * 3);
    expect(openId(h.card)).toBe('alpha');
  });
});

describe('content session: listening like a good guest', () => {
  it("hears Escape and clicks even when the page stops them from bubbling", async () => {
    const h = await start({ openOn: 'click' });
    const stop = (event: Event) => event.stopPropagation();
    document.body.addEventListener('click', stop);
    document.body.addEventListener('keydown', stop);
    const link = document.getElementById('link')!;
    link.addEventListener('click', stop);
    click(centre('Gamma'), link);
    expect(openId(h.card)).toBe('gamma');
    pressEscape();
    expect(openId(h.card)).toBeNull();
  });

  it('leaves Escape pressed inside the card to the card', async () => {
    const h = await start();
    document.body.append(h.card.element);
    h.session.reveal('alpha');
    h.card.element.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(openId(h.card)).toBe('alpha');
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(openId(h.card)).toBe('alpha');
  });

  it('stops listening once stopped: clicks, keys and focus change nothing', async () => {
    const h = await start({ openOn: 'click' });
    h.session.stop();
    const logged = h.card.log.length;
    click(centre('Alpha'));
    const link = document.getElementById('link') as HTMLAnchorElement;
    vi.spyOn(link, 'matches').mockReturnValue(true);
    link.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    link.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
    pressEscape();
    expect(h.card.log.length).toBe(logged);
  });

  it('a focused link does not replace a card opened by a command', async () => {
    const h = await start();
    h.session.reveal('alpha');
    const link = document.getElementById('link') as HTMLAnchorElement;
    vi.spyOn(link, 'matches').mockReturnValue(true);
    link.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    expect(openId(h.card)).toBe('alpha');
    link.dispatchEvent(new FocusEvent('focusout', { bubbles: true, relatedTarget: document.body }));
    expect(openId(h.card), 'focus leaving a link does not close a command-opened card').toBe('alpha');
  });

  it('a focused link without a mark opens nothing', async () => {
    const h = await start();
    const plain = Object.assign(document.createElement('a'), { href: 'https://example.org/elsewhere', textContent: 'Elsewhere' });
    document.getElementById('plain')!.append(plain);
    vi.spyOn(plain, 'matches').mockReturnValue(true);
    plain.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    expect(h.card.log).toEqual([]);
  });

  it('focus on something other than a link opens nothing', async () => {
    const h = await start();
    const paragraph = document.getElementById('a')!;
    paragraph.tabIndex = 0;
    vi.spyOn(paragraph, 'matches').mockReturnValue(true);
    paragraph.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    expect(h.card.log).toEqual([]);
  });
});
