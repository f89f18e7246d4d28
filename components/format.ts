/** Pack dates are ISO (YYYY-MM-DD, or YYYY-MM / YYYY when only that is known): show them as the reader writes dates. */
export function formatDate(iso: string, locale?: string): string {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(iso);
  if (!match) return iso;
  const [, year, month, day] = match;
  // UTC on both sides: a date-only value must not shift a day in the reader's time zone.
  const date = new Date(Date.UTC(Number(year), Number(month ?? 1) - 1, Number(day ?? 1)));
  if (Number.isNaN(date.getTime())) return iso;
  const options: Intl.DateTimeFormatOptions = { timeZone: 'UTC', year: 'numeric' };
  if (month) options.month = 'short';
  if (day) options.day = 'numeric';
  try {
    return new Intl.DateTimeFormat(locale, options).format(date);
  } catch {
    return iso;
  }
}

/** A figure's date as month and year ("Mar 2026"): the day would claim more precision than a count has. */
export function formatMonth(iso: string, locale?: string): string {
  return formatDate(iso.slice(0, 7), locale);
}

/** Numbers in the reader's grouping, e.g. 1,412. */
export function formatNumber(value: number, locale?: string): string {
  try {
    return new Intl.NumberFormat(locale).format(value);
  } catch {
    return String(value);
  }
}
