import { useId } from 'preact/hooks';
import type { Series, SeriesPoint } from '../../lib/pack-format/types';
import { useLang } from '../lang';
import { sourceHost } from '../../lib/safe-url';
import { formatDate, formatNumber } from '../format';
import { SourceLinks } from '../SourceLinks';

const WIDTH = 560;
const HEIGHT = 220;
const PAD = { left: 52, right: 20, top: 22, bottom: 30 };
/** A value label needs this much room (viewBox units) from every other label; the table carries the rest. */
const LABEL_GAP = { x: 40, y: 16 };

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

function pointLabel(point: SeriesPoint, locale: string | undefined): string {
  return point.label ?? formatDate(point.date, locale);
}

/**
 * Which points get a value label: the latest always, then earlier ones only where the label would
 * not overlap one already placed (recent points often crowd together on a time axis).
 */
export function labelledPoints(coords: readonly (readonly [number, number])[]): Set<number> {
  const placed: number[] = [];
  for (let i = coords.length - 1; i >= 0; i--) {
    const [x, y] = coords[i]!;
    const clear = placed.every((j) => Math.abs(coords[j]![0] - x) >= LABEL_GAP.x || Math.abs(coords[j]![1] - y) >= LABEL_GAP.y);
    if (clear) placed.push(i);
  }
  return new Set(placed);
}

/** One numeric series as a small SVG line chart, with a data table as its text alternative. */
export function SeriesChart({ series }: { series: Series }) {
  const id = useId();
  const { t, locale } = useLang();
  const points = series.points;
  if (points.length === 0) return null;

  const times = points.map((p) => dateTime(p.date));
  const byTime = times.every((time): time is number => time !== null) && new Set(times).size === times.length;
  const first = byTime ? Math.min(...times) : 0;
  const last = byTime ? Math.max(...times) : points.length - 1;
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const { top, step } = niceScale(Math.max(...points.map((p) => p.value)));
  const x = (index: number) => {
    const value = byTime ? (times[index] as number) : index;
    return PAD.left + (last === first ? plotWidth / 2 : ((value - first) / (last - first)) * plotWidth);
  };
  const y = (value: number) => PAD.top + plotHeight - (Math.max(0, value) / top) * plotHeight;
  const coords = points.map((p, i) => [x(i), y(p.value)] as const);
  const path = coords.map(([px, py], i) => `${i === 0 ? 'M' : 'L'}${px.toFixed(1)},${py.toFixed(1)}`).join(' ');
  const labelled = labelledPoints(coords);
  const gridValues = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
  const firstPoint = points[0]!;
  const lastPoint = points[points.length - 1]!;
  const sources = [...new Set(points.map((p) => p.source))];
  const summary = t('chartSummary', [series.title, String(points.length), pointLabel(firstPoint, locale), pointLabel(lastPoint, locale)]);

  return (
    <figure class="chart" data-testid="series-chart">
      <svg
        class="chart-svg"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        preserveAspectRatio="xMidYMid meet"
      >
        <title id={`${id}-title`}>{series.title}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        <g class="chart-grid">
          {gridValues.map((value) => (
            <g key={value}>
              <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(value)} y2={y(value)} />
              <text x={PAD.left - 8} y={y(value)} dy="0.35em" text-anchor="end">
                {formatNumber(value, locale)}
              </text>
            </g>
          ))}
        </g>
        {points.length > 1 ? <path class="chart-line" d={path} /> : null}
        <g class="chart-points">
          {coords.map(([px, py], i) => (
            <circle key={i} cx={px} cy={py} r={4} />
          ))}
        </g>
        <g class="chart-values">
          {coords.map(([px, py], i) =>
            labelled.has(i) ? (
              <text key={i} x={px} y={py - 9} text-anchor={i === 0 && points.length > 1 ? 'start' : i === points.length - 1 && points.length > 1 ? 'end' : 'middle'}>
                {formatNumber(points[i]!.value, locale)}
              </text>
            ) : null,
          )}
        </g>
        <g class="chart-axis">
          <text x={x(0)} y={HEIGHT - 8} text-anchor={points.length > 1 ? 'start' : 'middle'}>
            {pointLabel(firstPoint, locale)}
          </text>
          {points.length > 1 ? (
            <text x={x(points.length - 1)} y={HEIGHT - 8} text-anchor="end">
              {pointLabel(lastPoint, locale)}
            </text>
          ) : null}
        </g>
      </svg>
      <table class="visually-hidden" data-testid="series-table">
        <caption>{series.title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('chartDate')}</th>
            <th scope="col">{t('chartValue', series.unit)}</th>
            <th scope="col">{t('chartSource')}</th>
          </tr>
        </thead>
        <tbody>
          {points.map((point, i) => (
            <tr key={i}>
              <th scope="row">{pointLabel(point, locale)}</th>
              <td>{formatNumber(point.value, locale)}</td>
              <td>{sourceHost(point.source)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <figcaption class="chart-caption">
        <strong>{series.title}</strong> <span class="chart-unit">({series.unit})</span>
        {series.note ? <span class="chart-note"> {series.note}</span> : null}
        <span class="chart-sources">
          {' '}
          {t('sources')}: <SourceLinks urls={sources} />
        </span>
      </figcaption>
    </figure>
  );
}
