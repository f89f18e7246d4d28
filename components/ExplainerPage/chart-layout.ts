/**
 * Where everything in a series chart goes, in CSS pixels at the width the chart is drawn: the SVG's
 * viewBox equals its rendered size, so chart text is exactly the page's chart font size at any width.
 * Pure (text is measured by a function passed in), so it is tested without a browser.
 */
import { formatNumber } from '../format';

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Width in px of `text` at the chart's font size (bold for value labels). */
export type Measure = (text: string, bold?: boolean) => number;

/** A text label drawn with text-anchor start: `x` is its left edge, `y` its baseline. */
interface Label {
  text: string;
  x: number;
  y: number;
  box: Box;
}

export interface ChartInput {
  points: readonly { date: string; value: number }[];
  /** What the values count ("people"), written above the value axis. */
  unit: string;
  width: number;
  /** The chart's font size in px (the page sets it in rem, so the reader's setting applies). */
  fontSize: number;
  measure: Measure;
  locale?: string;
}

export interface ChartLayout {
  width: number;
  height: number;
  plot: Box;
  grid: { y: number; label: Label }[];
  xTicks: { x: number; label: Label }[];
  /** The unit, above the value axis. */
  unit: Label;
  points: { x: number; y: number }[];
  /** Value labels that fit, by point index; the rest are in the table. */
  values: (Label & { index: number })[];
}

/** Space kept clear around every label, so neighbours never touch. */
const LABEL_GAP = 3;
const DAY_MS = 86_400_000;

/** Milliseconds for YYYY, YYYY-MM or YYYY-MM-DD, so irregular dates are spaced honestly in time. */
function dateTime(date: string): number | null {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date);
  if (!match) return null;
  return Date.UTC(Number(match[1]), Number(match[2] ?? 1) - 1, Number(match[3] ?? 1));
}

/** A round axis maximum (1, 2, 2.5, 5 × 10^n steps) with four gridlines. */
export function niceScale(max: number): { top: number; step: number } {
  if (!(max > 0)) return { top: 1, step: 0.25 };
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  return { top: Math.ceil(max / step) * step, step };
}

/** Axis numbers: compact ("1.5M", "500K") once full numbers get long, the reader's grouping below that. */
export function axisNumber(value: number, top: number, locale?: string): string {
  if (top < 100_000) return formatNumber(value, locale);
  try {
    return new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
  } catch {
    return formatNumber(value, locale);
  }
}

export const overlaps = (a: Box, b: Box, gap = 0): boolean =>
  a.left < b.right + gap && b.left < a.right + gap && a.top < b.bottom + gap && b.top < a.bottom + gap;

const insideBox = (inner: Box, outer: Box): boolean =>
  inner.left >= outer.left && inner.top >= outer.top && inner.right <= outer.right && inner.bottom <= outer.bottom;

/** A label whose baseline is at `y`, left edge at `x`: the box a browser gives the glyphs, generously. */
function label(text: string, x: number, y: number, width: number, fontSize: number): Label {
  return { text, x, y, box: { left: x, top: y - 0.95 * fontSize, right: x + width, bottom: y + 0.3 * fontSize } };
}

const clamp = (value: number, low: number, high: number) => Math.max(low, Math.min(high, value));

function monthFormat(locale: string | undefined, withMonth: boolean): Intl.DateTimeFormat {
  const options: Intl.DateTimeFormatOptions = withMonth ? { month: 'short', year: 'numeric', timeZone: 'UTC' } : { year: 'numeric', timeZone: 'UTC' };
  try {
    return new Intl.DateTimeFormat(locale, options);
  } catch {
    return new Intl.DateTimeFormat('en', options);
  }
}

/** Tick dates every `months` months (on month boundaries divisible by it) from `first` to `last`. */
function tickTimes(first: number, last: number, months: number): number[] {
  const start = new Date(first);
  const year = start.getUTCFullYear();
  let month = start.getUTCMonth();
  if (start.getUTCDate() !== 1 || first !== Date.UTC(year, month, 1)) month += 1;
  const times: number[] = [];
  for (let guard = 0; guard < 2000; guard++) {
    const time = Date.UTC(year, month, 1);
    if (time > last) break;
    const absolute = year * 12 + month;
    if (time >= first && absolute % months === 0) times.push(time);
    month += 1;
  }
  return times;
}

/** Month steps, then year steps, finest first: the axis uses the finest whose labels fit. */
const STEPS_IN_MONTHS = [1, 3, 6, 12, 24, 60, 120, 240, 600];
const MAX_TICKS = 10;

export function layoutChart({ points, unit: unitText, width, fontSize, measure, locale }: ChartInput): ChartLayout {
  const lineHeight = 1.25 * fontSize;
  const height = Math.round(clamp(width * 0.5, 13 * lineHeight, 20 * lineHeight));
  const { top, step } = niceScale(Math.max(0, ...points.map((p) => p.value)));
  const gridValues = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
  const gridTexts = gridValues.map((value) => axisNumber(value, top, locale));
  const gridWidth = Math.max(...gridTexts.map((text) => measure(text)));

  const axisBaseline = height - Math.ceil(0.3 * fontSize) - 2;
  const unit = label(unitText, 0, Math.ceil(0.95 * fontSize) + 1, measure(unitText), fontSize);
  const plot: Box = {
    left: Math.ceil(gridWidth) + 8,
    // A row above the top gridline is left for value labels of points at the top.
    top: Math.ceil(unit.y + 0.3 * fontSize + lineHeight + 0.6 * fontSize + 4),
    right: width - 8,
    // Clear of the time axis labels, with room for the value axis's "0" (centred on the bottom line).
    bottom: Math.floor(axisBaseline - 0.95 * fontSize - 0.65 * fontSize - 6),
  };
  const plotWidth = Math.max(1, plot.right - plot.left);
  const plotHeight = Math.max(1, plot.bottom - plot.top);
  const y = (value: number) => plot.top + plotHeight - (Math.max(0, value) / top) * plotHeight;

  const times = points.map((p) => dateTime(p.date));
  const byTime = times.every((time): time is number => time !== null) && new Set(times).size === times.length;
  const first = byTime ? Math.min(...times) : 0;
  const last = byTime ? Math.max(...times) : points.length - 1;
  const xOf = (value: number) => plot.left + (last === first ? plotWidth / 2 : ((value - first) / (last - first)) * plotWidth);
  const coords = points.map((p, i) => ({ x: xOf(byTime ? (times[i] as number) : i), y: y(p.value) }));

  const grid = gridValues.map((value, i) => {
    const text = gridTexts[i]!;
    const textWidth = measure(text);
    return { y: y(value), label: label(text, plot.left - 8 - textWidth, y(value) + 0.35 * fontSize, textWidth, fontSize) };
  });

  const bounds: Box = { left: 0, top: 0, right: width, bottom: height };
  const centred = (text: string, x: number) => {
    const textWidth = measure(text);
    return { x, label: label(text, clamp(x - textWidth / 2, 0, width - textWidth), axisBaseline, textWidth, fontSize) };
  };
  const fits = (ticks: { label: Label }[]) =>
    ticks.every((tick, i) => insideBox(tick.label.box, bounds) && (i === 0 || !overlaps(ticks[i - 1]!.label.box, tick.label.box, fontSize)));

  let xTicks: { x: number; label: Label }[] = [];
  if (byTime && last > first) {
    for (const months of STEPS_IN_MONTHS) {
      const at = tickTimes(first, last + DAY_MS, months);
      if (at.length > MAX_TICKS || at.length === 0) continue;
      const format = monthFormat(locale, months < 12);
      const ticks = at.map((time) => centred(format.format(new Date(time)), xOf(time)));
      if (!fits(ticks)) continue;
      if (ticks.length >= 2 || xTicks.length === 0) xTicks = ticks;
      if (ticks.length >= 2) break;
    }
  }
  if (xTicks.length === 0 && points.length > 0) {
    // Too short a span for calendar ticks, or dates that are not dates: name the first and last points.
    const format = monthFormat(locale, true);
    const name = (index: number) => {
      const time = times[index];
      return time === null || time === undefined ? points[index]!.date : format.format(new Date(time));
    };
    const ends = points.length > 1 ? [0, points.length - 1] : [0];
    xTicks = ends.map((index) => centred(name(index), coords[index]!.x));
    if (xTicks.length === 2 && !fits(xTicks)) xTicks = [xTicks[0]!];
  }

  // Value labels: the latest first, then the highest, then newest to oldest; any that would touch a
  // label already placed, or leave the chart, are dropped (the table has every value).
  const placed: Box[] = [unit.box, ...grid.map((g) => g.label.box), ...xTicks.map((tick) => tick.label.box)];
  const order: number[] = [];
  const lastIndex = points.length - 1;
  if (lastIndex >= 0) order.push(lastIndex);
  const highest = points.reduce((best, p, i) => (p.value > (points[best]?.value ?? -Infinity) ? i : best), 0);
  if (!order.includes(highest)) order.push(highest);
  for (let i = lastIndex; i >= 0; i--) if (!order.includes(i)) order.push(i);

  const values: (Label & { index: number })[] = [];
  for (const index of order) {
    const point = coords[index]!;
    const text = formatNumber(points[index]!.value, locale);
    const textWidth = measure(text, true);
    const x = clamp(point.x - textWidth / 2, plot.left - 4, width - textWidth - 1);
    const above = label(text, x, point.y - 8, textWidth, fontSize);
    const below = label(text, x, point.y + 8 + 0.95 * fontSize, textWidth, fontSize);
    const spot = [above, below].find((candidate) => insideBox(candidate.box, bounds) && placed.every((box) => !overlaps(box, candidate.box, LABEL_GAP)));
    if (!spot) continue;
    placed.push(spot.box);
    values.push({ ...spot, index });
  }

  return { width, height, plot, grid, xTicks, unit, points: coords, values };
}
