/**
 * Date rules for explainers. Authors write ISO dates (YYYY-MM-DD) or, where only that much is
 * known, YYYY-MM / YYYY. YAML turns unquoted dates into Date objects and bare years into numbers,
 * so both are folded back into strings before checking.
 */

export const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
export const PARTIAL_DATE = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/;

/** Date → YYYY-MM-DD (YAML dates are UTC midnight); years as numbers → "YYYY"; strings unchanged. */
export function dateInputToString(input: string | Date | number): string {
  if (input instanceof Date) return Number.isNaN(input.getTime()) ? 'Invalid Date' : input.toISOString().slice(0, 10);
  return String(input);
}

/** True when every part of a YYYY[-MM[-DD]] string names a real calendar date (no 2026-02-30). */
export function isRealDate(date: string): boolean {
  if (!PARTIAL_DATE.test(date)) return false;
  const [year, month = 1, day = 1] = date.split('-').map(Number) as [number, number?, number?];
  if (month < 1 || month > 12 || day < 1) return false;
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

/** A partial date is in the future only when its earliest possible day is after `today`. */
export function isAfterDay(date: string, today: string): boolean {
  return date > today.slice(0, date.length);
}

function isoDayOf(date: Date, useUtc: boolean): string {
  const year = useUtc ? date.getUTCFullYear() : date.getFullYear();
  const month = (useUtc ? date.getUTCMonth() : date.getMonth()) + 1;
  const day = useUtc ? date.getUTCDate() : date.getDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The later of the UTC and local calendar day: an author east of UTC may already write
 * tomorrow's UTC date, and that must not count as "the future".
 */
export function todayIso(now: Date = new Date()): string {
  const utc = isoDayOf(now, true);
  const local = isoDayOf(now, false);
  return utc > local ? utc : local;
}
