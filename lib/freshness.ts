import type { Correction, KeyFact } from './pack-format/types';

/**
 * How old a figure or correction is, counted on the reader's clock. Pack dates are calendar days
 * (YYYY-MM-DD) taken as UTC midnight, so a figure turns "older" on the same day in every time zone.
 */

/** A pack without `staleAfterDays` marks figures older than this many days. */
export const DEFAULT_STALE_AFTER_DAYS = 180;
/** The card says "Corrected <date>" for this many days after a correction. */
const CORRECTION_NOTICE_DAYS = 30;

const DAY_MS = 86_400_000;

/** Whole days from `isoDay` to `now` (negative when the day is still ahead). */
export function daysSince(isoDay: string, now: number): number {
  const [year = 0, month = 1, day = 1] = isoDay.split('-').map(Number);
  return Math.floor((now - Date.UTC(year, month - 1, day)) / DAY_MS);
}

export function isStale(asOf: string, staleAfterDays: number, now: number): boolean {
  return daysSince(asOf, now) > staleAfterDays;
}

/** The newest `asOf` among the facts, or undefined when none is dated. */
export function newestAsOf(facts: readonly KeyFact[]): string | undefined {
  return facts.reduce<string | undefined>((newest, fact) => (fact.asOf !== undefined && (newest === undefined || fact.asOf > newest) ? fact.asOf : newest), undefined);
}

export function latestCorrection(corrections: readonly Correction[] | undefined): Correction | undefined {
  return (corrections ?? []).reduce<Correction | undefined>((latest, correction) => (latest === undefined || correction.date > latest.date ? correction : latest), undefined);
}

/** A correction is announced on the card from its day until CORRECTION_NOTICE_DAYS later. */
export function isRecentCorrection(correction: Correction, now: number): boolean {
  const age = daysSince(correction.date, now);
  return age >= 0 && age <= CORRECTION_NOTICE_DAYS;
}
