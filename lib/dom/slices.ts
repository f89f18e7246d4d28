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
