import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLOSE_GRACE_MS, createHoverIntent } from './hover-intent';

describe('hover intent', () => {
  let opened: string[];
  let closes: number;
  let delay: number;
  const make = () =>
    createHoverIntent<string>({
      openDelayMs: () => delay,
      onOpen: (target) => opened.push(target),
      onClose: () => closes++,
    });

  beforeEach(() => {
    vi.useFakeTimers();
    opened = [];
    closes = 0;
    delay = 350;
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('opens only after the pointer dwells for the delay', () => {
    const intent = make();
    intent.pointerAt('ice');
    vi.advanceTimersByTime(349);
    expect(opened).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(opened).toEqual(['ice']);
    expect(intent.openTarget).toBe('ice');
  });

  it('does not open when the pointer passes over a mark quickly', () => {
    const intent = make();
    intent.pointerAt('ice');
    vi.advanceTimersByTime(200);
    intent.pointerAt(null);
    vi.advanceTimersByTime(1000);
    expect(opened).toEqual([]);
  });

  it('keeps the dwell running while the pointer moves within the same mark', () => {
    const intent = make();
    intent.pointerAt('ice');
    vi.advanceTimersByTime(200);
    intent.pointerAt('ice');
    vi.advanceTimersByTime(150);
    expect(opened).toEqual(['ice']);
  });

  it('reads the delay at hover time, so a settings change applies at once', () => {
    const intent = make();
    delay = 800;
    intent.pointerAt('ice');
    vi.advanceTimersByTime(400);
    expect(opened).toEqual([]);
    vi.advanceTimersByTime(400);
    expect(opened).toEqual(['ice']);
  });

  it('closes after the grace period once the pointer leaves', () => {
    const intent = make();
    intent.openNow('ice');
    intent.pointerAt(null);
    vi.advanceTimersByTime(CLOSE_GRACE_MS - 1);
    expect(closes).toBe(0);
    vi.advanceTimersByTime(1);
    expect(closes).toBe(1);
    expect(intent.openTarget).toBeNull();
  });

  it('stays open when the pointer reaches the card within the grace period', () => {
    const intent = make();
    intent.openNow('ice');
    intent.pointerAt(null);
    vi.advanceTimersByTime(CLOSE_GRACE_MS - 50);
    intent.pointerAt('card');
    vi.advanceTimersByTime(5000);
    expect(closes).toBe(0);
    intent.pointerAt(null);
    vi.advanceTimersByTime(CLOSE_GRACE_MS);
    expect(closes).toBe(1);
  });

  it('swaps to another mark after its dwell without closing in between', () => {
    const intent = make();
    intent.openNow('ice');
    intent.pointerAt(null);
    intent.pointerAt('287g');
    vi.advanceTimersByTime(CLOSE_GRACE_MS + 10);
    expect(closes).toBe(0);
    vi.advanceTimersByTime(350);
    expect(opened).toEqual(['ice', '287g']);
    expect(closes).toBe(0);
  });

  it('closes at once on closeNow (Esc) and cancels a pending open', () => {
    const intent = make();
    intent.openNow('ice');
    intent.pointerAt('287g');
    intent.closeNow();
    expect(closes).toBe(1);
    vi.advanceTimersByTime(2000);
    expect(opened).toEqual(['ice']);
    intent.closeNow();
    expect(closes).toBe(1);
  });

  it('fires nothing after dispose', () => {
    const intent = make();
    intent.pointerAt('ice');
    intent.dispose();
    vi.advanceTimersByTime(2000);
    expect(opened).toEqual([]);
  });

  it('does not restart the grace period while the pointer stays away', () => {
    const intent = make();
    intent.openNow('ice');
    intent.pointerAt(null);
    vi.advanceTimersByTime(CLOSE_GRACE_MS - 50);
    intent.pointerAt(null);
    vi.advanceTimersByTime(50);
    expect(closes).toBe(1);
    expect(intent.openTarget).toBeNull();
  });

  it('with nothing open, leaving schedules no close', () => {
    const timers = { setTimeout: vi.fn(() => 1), clearTimeout: vi.fn() };
    const intent = createHoverIntent<string>({ openDelayMs: () => delay, onOpen: () => {}, onClose: () => closes++, timers });
    intent.pointerAt(null);
    intent.closeNow();
    expect(timers.setTimeout).not.toHaveBeenCalled();
    expect(timers.clearTimeout, 'no timer to clear').not.toHaveBeenCalled();
    expect(closes).toBe(0);
  });

  it('sets one close timer however often the pointer is reported away', () => {
    const setTimeoutSpy = vi.fn((handler: () => void, ms: number) => setTimeout(handler, ms));
    const intent = createHoverIntent<string>({
      openDelayMs: () => delay,
      onOpen: () => {},
      onClose: () => closes++,
      timers: { setTimeout: setTimeoutSpy, clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>) },
    });
    intent.openNow('ice');
    intent.pointerAt(null);
    intent.pointerAt(null);
    intent.pointerAt(null);
    expect(setTimeoutSpy).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(CLOSE_GRACE_MS);
    expect(closes).toBe(1);
  });

  it('back on the open mark cancels a pending close and a pending open elsewhere', () => {
    const intent = make();
    intent.openNow('ice');
    intent.pointerAt('dhs');
    vi.advanceTimersByTime(delay - 10);
    intent.pointerAt(null);
    intent.pointerAt('ice');
    vi.advanceTimersByTime(CLOSE_GRACE_MS + delay);
    expect(intent.openTarget).toBe('ice');
    expect(opened).toEqual(['ice']);
    expect(closes).toBe(0);
  });

  it('on the card, keeps the card and drops a dwell begun on a mark the pointer crossed to reach it', () => {
    const intent = make();
    intent.openNow('ice');
    intent.pointerAt('dhs');
    vi.advanceTimersByTime(delay - 10);
    intent.pointerAt('card');
    vi.advanceTimersByTime(CLOSE_GRACE_MS + delay * 3);
    expect(opened).toEqual(['ice']);
    expect(intent.openTarget).toBe('ice');
    expect(closes).toBe(0);
  });
});
