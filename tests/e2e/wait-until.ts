/** Polls until `read` returns a value accepted by `done`, or throws with the last value seen. */
export async function waitUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  { timeout = 10_000, interval = 100, what = 'condition' }: { timeout?: number; interval?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: T = await read();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeout} ms waiting for ${what}; last value: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, interval));
    last = await read();
  }
  return last;
}
