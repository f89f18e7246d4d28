/** Longest stretch of scanning before the page gets the main thread back. */
export const SLICE_BUDGET_MS = 8;

interface SchedulerWithYield {
  yield(): Promise<void>;
}

/** Gives the main thread back to the page: `scheduler.yield()` keeps our place in line where it exists. */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Partial<SchedulerWithYield> }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** A tab without frames (hidden) still gets the work done after this long. */
const NO_FRAME_FALLBACK_MS = 100;

/**
 * Runs `work` once the browser has drawn its next frame, when the page's style and layout are up
 * to date: reading computed styles then costs a lookup, while inside a scan slice on a page still
 * settling it forces a style recalculation of the whole document (tens of milliseconds on big pages).
 */
export function afterNextFrame(work: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    clearTimeout(fallback);
    work();
  };
  const fallback = setTimeout(once, NO_FRAME_FALLBACK_MS);
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(once, 0));
}
