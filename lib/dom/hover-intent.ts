/** How long the pointer may be away from both mark and card before the card closes. */
export const CLOSE_GRACE_MS = 300;

export interface Timers {
  setTimeout(handler: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

export interface HoverIntentOptions<T> {
  /** Dwell before opening, read on every hover so a settings change applies at once. */
  openDelayMs: () => number;
  closeGraceMs?: number;
  onOpen: (target: T) => void;
  onClose: () => void;
  timers?: Timers;
}

export interface HoverIntent<T> {
  /** What is under the pointer now: a target, the card (`'card'`), or nothing. */
  pointerAt(over: T | 'card' | null): void;
  /** Open right away (keyboard, popup reveal). */
  openNow(target: T): void;
  /** Close right away (Esc, close button). */
  closeNow(): void;
  readonly openTarget: T | null;
  dispose(): void;
}

const defaultTimers: Timers = {
  setTimeout: (handler, ms) => setTimeout(handler, ms),
  clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
};

/**
 * Hover intent in the manner of Wikipedia's page previews: a card opens only after the pointer
 * dwells on a mark, and stays open for a short grace period so the pointer can travel into it.
 * Pure timer logic; the caller reports what the pointer is over.
 */
export function createHoverIntent<T>(options: HoverIntentOptions<T>): HoverIntent<T> {
  const timers = options.timers ?? defaultTimers;
  const grace = options.closeGraceMs ?? CLOSE_GRACE_MS;
  let open: T | null = null;
  let pending: T | null = null;
  let openTimer: unknown = null;
  let closeTimer: unknown = null;

  const cancelOpen = () => {
    if (openTimer !== null) timers.clearTimeout(openTimer);
    openTimer = null;
    pending = null;
  };
  const cancelClose = () => {
    if (closeTimer !== null) timers.clearTimeout(closeTimer);
    closeTimer = null;
  };
  const doOpen = (target: T) => {
    cancelOpen();
    cancelClose();
    open = target;
    options.onOpen(target);
  };
  const doClose = () => {
    cancelOpen();
    cancelClose();
    if (open === null) return;
    open = null;
    options.onClose();
  };
  const scheduleClose = () => {
    if (open === null || closeTimer !== null) return;
    closeTimer = timers.setTimeout(() => {
      closeTimer = null;
      doClose();
    }, grace);
  };

  return {
    pointerAt(over) {
      if (over === 'card') {
        cancelOpen();
        cancelClose();
        return;
      }
      if (over === null) {
        cancelOpen();
        scheduleClose();
        return;
      }
      if (over === open) {
        cancelOpen();
        cancelClose();
        return;
      }
      // Resting on another mark keeps the open card until the new dwell swaps it, without a flash.
      cancelClose();
      if (over === pending) return;
      cancelOpen();
      pending = over;
      openTimer = timers.setTimeout(() => {
        openTimer = null;
        pending = null;
        doOpen(over);
      }, options.openDelayMs());
    },
    openNow: doOpen,
    closeNow: doClose,
    get openTarget() {
      return open;
    },
    dispose() {
      cancelOpen();
      cancelClose();
      open = null;
    },
  };
}
