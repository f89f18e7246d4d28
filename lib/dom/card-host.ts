import { arrow, autoUpdate, computePosition, flip, inline, offset, shift, size, type VirtualElement } from '@floating-ui/dom';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { CardData } from '../messages';
import type { ReaderLang } from '../reader-lang';
import { SHADOW_HOST_TAG } from './constants';
import { liveRange, type Mark } from './marks';
import { pageToneAt, type Tone } from './page-colors';
import { isNarrowViewport, placeSheet, SHEET_CLASS, SHEET_MAX_FRACTION } from './sheet';

/** What the card view is given; `null` clears it. */
export interface CardView {
  explainerId: string;
  /** The language the reader wants the card in: its own words are in it, and so is the explainer when translated. */
  lang: ReaderLang;
  card: CardData | 'loading' | 'error';
  fullUrl: string;
  onClose(): void;
  /** Opens the full explainer through the background: a web page may not open extension pages itself. */
  onOpenFull?(): void;
  /** The page link around the tapped term (https/http, checked with safeHref), offered as "Open link". */
  link?: string;
  /** The tone of the page behind the term; the card matches it. */
  theme: Tone;
  /** Loads the card again after an error. */
  onRetry(): void;
  /** The header menu's actions, when the host was given them. */
  menu?: { hideTopic(): void; pauseSite(): void; openSettings(): void };
}

/** What the card's menu does, for the explainer the card shows. */
interface CardMenuHandlers {
  /** Stop marking this explainer everywhere. */
  hideTopic(id: string): void;
  /** Pause on the page's site. */
  pauseSite(): void;
  openSettings(): void;
}

export interface CardHostOptions {
  ctx: ContentScriptContext;
  loadCard(id: string, lang: ReaderLang): Promise<CardData | null>;
  /** The language to show a mark's card in (the reader's setting, or the mark's text); English when not given. */
  cardLanguage?(mark: Mark): ReaderLang;
  fullUrl(id: string): string;
  /** When given, "Read the full explainer" calls this instead of following the link. */
  openFull?(id: string): void;
  /** The card's own close button or Esc inside it. */
  onCloseRequest(): void;
  /** The pointer entered (true) or left (false) the card. */
  onPointerInCard(inside: boolean): void;
  /** The card header's menu; without it the card has none. */
  menu?: CardMenuHandlers;
}

/** What the lazily loaded card module adds: the view and its stylesheet. */
export interface CardUi {
  /** Renders the card view into our shadow root (kept outside lib/dom: this module knows no UI). */
  render(container: HTMLElement, view: CardView | null): void;
  /** The card's stylesheet, put inside the shadow root. */
  css: string;
}

export interface OpenOptions {
  focus: boolean;
  /** See CardView.link. */
  link?: string;
  /** Where the pointer rested on the mark (viewport px): a mark wrapped over lines anchors the card to that line. */
  pointer?: { x: number; y: number };
}

export interface CardHost {
  open(mark: Mark, options: OpenOptions): void;
  close(options?: { restoreFocus?: boolean }): void;
  readonly openMark: Mark | null;
  /** Whether an event target is our shadow host (events from inside it are retargeted to it). */
  owns(target: EventTarget | null): boolean;
  remove(): void;
}

/**
 * The shadow root's own html/body take no room and no clicks: WXT's host reset leaves them at the
 * page's top-left corner, where their default margins would swallow clicks meant for the page.
 */
const CONTAINER_CSS = 'html,body{margin:0!important;padding:0!important;width:0;height:0;overflow:visible;pointer-events:none}';

/** The card stays clear of the viewport edges by this much. */
const VIEWPORT_PADDING = 8;
/** Between the term and the tip of the card's arrow. */
const GAP = 2;
/** The arrow stays this far from the card's rounded corners. */
const ARROW_PADDING = 12;
/** The card never takes more of the viewport's height than this (a short window, 200% zoom): its body scrolls. */
const CARD_MAX_FRACTION = 0.6;
/** Below this the header and footer alone would fill the card; the body keeps a few lines. */
const CARD_MIN_HEIGHT = 160;

/**
 * Our one shadow host: mounted on first open, then reused. The card is positioned against the
 * mark's text with Floating UI (fixed strategy, flipping above when there is no room below, shifted
 * on both axes to stay inside the viewport, and no taller than the room on its side or 60% of the
 * viewport, its body scrolling) and follows it on scroll and resize. On a narrow viewport (a phone)
 * it becomes a full-width sheet at the bottom, or at the top when that keeps the term uncovered.
 */
export function createCardHost(options: CardHostOptions & CardUi): CardHost {
  const { ctx } = options;
  // This code runs from the lazily loaded card module, whose stylesheet arrives as `css`; telling
  // WXT the styles are handled stops it fetching a per-entrypoint CSS file that does not exist.
  const uiContext = {
    options: { ...ctx.options, cssInjectionMode: 'manual' },
    onInvalidated: (listener: () => void) => ctx.onInvalidated(listener),
  } as unknown as ContentScriptContext;
  const cache = new Map<string, Promise<CardData | null>>();
  let ui: ShadowRootContentScriptUi<HTMLElement> | null = null;
  let uiLoading: Promise<ShadowRootContentScriptUi<HTMLElement>> | null = null;
  let openMark: Mark | null = null;
  let stopFollowing: (() => void) | null = null;
  /** Places the open card against its mark now (autoUpdate only does so on the next resize or scroll). */
  let placeCard: (() => void) | null = null;
  let returnFocus: HTMLElement | null = null;
  let generation = 0;

  const ensureUi = () =>
    (uiLoading ??= createShadowRootUi(uiContext, {
      name: SHADOW_HOST_TAG,
      css: `${CONTAINER_CSS}\n${options.css}`,
      position: 'overlay',
      zIndex: 2147483647,
      anchor: 'body',
      append: 'last',
      isolateEvents: true,
      onMount(container) {
        const floating = document.createElement('div');
        // font-size: medium is the reader's default size, whatever the page set: the card's em sizes start here.
        floating.style.cssText = 'position:fixed;top:0;left:0;z-index:2147483647;pointer-events:auto;display:none;font-size:medium;';
        floating.addEventListener('pointerenter', () => options.onPointerInCard(true));
        floating.addEventListener('pointerleave', () => options.onPointerInCard(false));
        // The view renders into its own element: Preact would drop the arrow beside it on first render.
        const view = document.createElement('div');
        const caret = document.createElement('div');
        caret.className = 'ce-arrow';
        caret.dataset.testid = 'card-arrow';
        floating.replaceChildren(view, caret);
        container.replaceChildren(floating);
        return floating;
      },
      onRemove(floating) {
        const view = floating?.firstElementChild;
        if (view instanceof HTMLElement) options.render(view, null);
      },
    }).then((created) => (ui = created)));

  const mounted = (): HTMLElement | null => {
    if (!ui) return null;
    if (!ui.shadowHost.isConnected || !ui.mounted) ui.mount();
    return ui.mounted ?? null;
  };

  const cardOf = (id: string, lang: ReaderLang): Promise<CardData | null> => {
    const key = `${lang}:${id}`;
    let pending = cache.get(key);
    if (!pending) {
      pending = options.loadCard(id, lang);
      cache.set(key, pending);
      pending.catch(() => cache.delete(key));
    }
    return pending;
  };

  const focusCard = (floating: HTMLElement) => {
    const card = floating.querySelector<HTMLElement>('[role="dialog"]');
    if (!card) return;
    if (!card.hasAttribute('tabindex')) card.setAttribute('tabindex', '-1');
    card.focus({ preventScroll: true });
  };

  const viewOf = (floating: HTMLElement) => floating.firstElementChild as HTMLElement;
  const caretOf = (floating: HTMLElement) => floating.lastElementChild as HTMLElement;

  /**
   * The line of a wrapped mark the pointer rested on, as an index into its client rects and an
   * offset inside that rect: the point is recomputed from the live rect on every placement, so the
   * card stays on that line as the page scrolls.
   */
  const pointerLine = (mark: Mark, pointer: OpenOptions['pointer']) => {
    if (!pointer) return null;
    const rects = [...liveRange(mark).getClientRects()];
    const index = rects.findIndex((rect) => pointer.x >= rect.left - 2 && pointer.x <= rect.right + 2 && pointer.y >= rect.top - 2 && pointer.y <= rect.bottom + 2);
    const rect = rects[index];
    return rect ? { index, dx: pointer.x - rect.left, dy: pointer.y - rect.top } : null;
  };

  const follow = (mark: Mark, floating: HTMLElement, pointer: OpenOptions['pointer']) => {
    stopFollowing?.();
    const reference: VirtualElement = {
      getBoundingClientRect: () => liveRange(mark).getBoundingClientRect(),
      getClientRects: () => liveRange(mark).getClientRects(),
      contextElement: mark.nodes[0]?.parentElement ?? undefined,
    };
    const line = pointerLine(mark, pointer);
    const caret = caretOf(floating);
    const place = async () => {
      if (isNarrowViewport(window.innerWidth)) {
        caret.style.display = 'none';
        return placeAsSheet(reference.getBoundingClientRect(), floating);
      }
      floating.classList.remove(SHEET_CLASS);
      floating.style.right = floating.style.bottom = '';
      floating.style.removeProperty('--ce-sheet-max-height');
      caret.style.display = '';
      const lineRect = line ? reference.getClientRects?.()[line.index] : undefined;
      const point = lineRect && line ? { x: lineRect.left + line.dx, y: lineRect.top + line.dy } : {};
      // The rotated square sticks out of the card by half its diagonal.
      const caretReach = (caret.offsetWidth * Math.SQRT2) / 2;
      const { x, y, placement, middlewareData } = await computePosition(reference, floating, {
        strategy: 'fixed',
        placement: 'bottom-start',
        middleware: [
          inline(point),
          offset(GAP + caretReach),
          flip({ padding: VIEWPORT_PADDING }),
          size({
            padding: VIEWPORT_PADDING,
            apply({ availableHeight }) {
              const cap = Math.floor(window.innerHeight * CARD_MAX_FRACTION);
              const height = Math.max(Math.min(Math.floor(availableHeight), cap), Math.min(CARD_MIN_HEIGHT, cap));
              floating.style.setProperty('--ce-card-max-height', `${height}px`);
            },
          }),
          shift({ padding: VIEWPORT_PADDING, crossAxis: true }),
          arrow({ element: caret, padding: ARROW_PADDING }),
        ],
      });
      floating.style.left = `${Math.round(x)}px`;
      floating.style.top = `${Math.round(y)}px`;
      const side = placement.startsWith('top') ? 'top' : 'bottom';
      caret.dataset.side = side;
      caret.style.left = middlewareData.arrow?.x === undefined ? '' : `${Math.round(middlewareData.arrow.x)}px`;
      // Shifted down over its term (no room on either side), the card has nothing to point at.
      caret.style.visibility = middlewareData.shift && Math.abs(middlewareData.shift.y) > 1 ? 'hidden' : '';
    };
    placeCard = () => void place();
    stopFollowing = autoUpdate(reference, floating, placeCard);
  };

  /**
   * A sheet as tall as its content up to 60% of the viewport, at the bottom unless it would cover the
   * term there and not at the top; when it would cover it either way, it takes the larger side and
   * shrinks to fit beside the term.
   */
  const placeAsSheet = (term: { top: number; bottom: number }, floating: HTMLElement) => {
    const viewportHeight = window.innerHeight;
    floating.classList.add(SHEET_CLASS);
    floating.style.left = floating.style.right = '0';
    floating.style.setProperty('--ce-sheet-max-height', `${Math.floor(viewportHeight * SHEET_MAX_FRACTION)}px`);
    const { side, maxHeight } = placeSheet(viewportHeight, term, floating.getBoundingClientRect().height);
    floating.style.setProperty('--ce-sheet-max-height', `${maxHeight}px`);
    floating.style.top = side === 'top' ? '0' : 'auto';
    floating.style.bottom = side === 'bottom' ? '0' : 'auto';
    floating.dataset.side = side;
  };

  /**
   * Renders a view and places the card at once. A card flipped above its mark grows downward when its
   * content replaces the loading view; left for autoUpdate's resize observer, it would be laid out for
   * a frame over the mark and the resting pointer, and that pointer's leave would close it.
   */
  const renderPlaced = (floating: HTMLElement, view: CardView) => {
    options.render(viewOf(floating), view);
    placeCard?.();
  };

  const show = (mark: Mark, { focus, link, pointer }: OpenOptions, token: number) => {
    const floating = mounted();
    if (!floating || token !== generation) return;
    const id = mark.explainerId;
    const theme = pageToneAt(mark.nodes[0]?.parentElement ?? null);
    const { menu } = options;
    const act = (action: () => void) => () => {
      options.onCloseRequest();
      action();
    };
    const lang = options.cardLanguage?.(mark) ?? 'en';
    const view = (card: CardView['card']): CardView => ({
      explainerId: id,
      lang,
      card,
      fullUrl: options.fullUrl(id),
      onClose: options.onCloseRequest,
      theme,
      onRetry: () => {
        if (token !== generation) return;
        // A failed or empty answer is not kept: asking again may find the catalog ready.
        cache.delete(`${lang}:${id}`);
        renderPlaced(floating, view('loading'));
        load();
      },
      ...(options.openFull ? { onOpenFull: () => options.openFull!(id) } : {}),
      ...(link ? { link } : {}),
      ...(menu ? { menu: { hideTopic: act(() => menu.hideTopic(id)), pauseSite: act(() => menu.pauseSite()), openSettings: act(() => menu.openSettings()) } } : {}),
    });
    const load = () => {
      cardOf(id, lang).then(
        (card) => {
          if (token !== generation) return;
          if (!card) cache.delete(`${lang}:${id}`);
          renderPlaced(floating, view(card ?? 'error'));
          if (focus && !ui?.shadow.activeElement) focusCard(floating);
        },
        () => {
          if (token === generation) renderPlaced(floating, view('error'));
        },
      );
    };
    floating.style.display = 'block';
    caretOf(floating).dataset.theme = theme;
    options.render(viewOf(floating), view('loading'));
    follow(mark, floating, pointer);
    if (focus) focusCard(floating);
    load();
  };

  return {
    open(mark, openOptions) {
      const { focus } = openOptions;
      const token = ++generation;
      openMark = mark;
      if (focus) {
        const active = document.activeElement;
        if (active instanceof HTMLElement && !this.owns(active)) returnFocus = active;
      }
      if (ui) show(mark, openOptions, token);
      else
        void ensureUi().then(
          () => show(mark, openOptions, token),
          () => {},
        );
    },
    close({ restoreFocus = false } = {}) {
      generation++;
      openMark = null;
      stopFollowing?.();
      stopFollowing = null;
      placeCard = null;
      const floating = ui?.mounted;
      const hadFocus = Boolean(ui?.shadow.activeElement);
      if (floating) {
        options.render(viewOf(floating), null);
        floating.style.display = 'none';
      }
      if ((restoreFocus || hadFocus) && returnFocus?.isConnected) returnFocus.focus({ preventScroll: true });
      returnFocus = null;
    },
    get openMark() {
      return openMark;
    },
    owns(target) {
      return ui !== null && target === ui.shadowHost;
    },
    remove() {
      this.close();
      ui?.remove();
      ui = null;
      uiLoading = null;
    },
  };
}
