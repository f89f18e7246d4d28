import { useId, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Series, SeriesPoint, Source } from '../../lib/pack-format/types';
import { formatDate, formatNumber } from '../format';
import { groupByPublisher, publisherName } from '../publishers';
import { ExternalLink } from '../RichText';
import { useLang } from '../lang';
import { layoutChart, type Measure } from './chart-layout';

/** What the chart is drawn at before its frame has been measured (and in tests without layout). */
const DEFAULT_FRAME = { width: 560, fontSize: 13, fontFamily: 'system-ui, sans-serif' };

function pointLabel(point: SeriesPoint, locale: string | undefined): string {
  return point.label ?? formatDate(point.date, locale);
}

/**
 * Text widths from the font the chart actually uses (a canvas measures it), or an estimate a little
 * wider than most fonts where there is no canvas (unit tests).
 */
function makeMeasure(fontSize: number, fontFamily: string): Measure {
  let context: CanvasRenderingContext2D | null = null;
  try {
    context = document.createElement('canvas').getContext('2d');
  } catch {
    context = null;
  }
  const cache = new Map<string, number>();
  return (text, bold = false) => {
    const key = `${bold ? 'b' : 'r'}${text}`;
    const known = cache.get(key);
    if (known !== undefined) return known;
    let width = text.length * fontSize * (bold ? 0.66 : 0.62);
    if (context) {
      context.font = `${bold ? 600 : 400} ${fontSize}px ${fontFamily}`;
      width = context.measureText(text).width + 1;
    }
    cache.set(key, width);
    return width;
  };
}

/** The frame's content width and font, kept current as the page is resized. */
function useFrame() {
  const ref = useRef<HTMLDivElement>(null);
  const [frame, setFrame] = useState(DEFAULT_FRAME);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const read = () => {
      const width = Math.floor(element.clientWidth);
      if (width <= 0) return;
      const style = getComputedStyle(element);
      const fontSize = parseFloat(style.fontSize) || DEFAULT_FRAME.fontSize;
      const fontFamily = style.fontFamily || DEFAULT_FRAME.fontFamily;
      setFrame((old) => (old.width === width && old.fontSize === fontSize && old.fontFamily === fontFamily ? old : { width, fontSize, fontFamily }));
    };
    read();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(read);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, frame };
}

/**
 * One numeric series as an SVG line chart drawn at its frame's width (so its text stays at the page's
 * chart size on a phone), the unit on the value axis, labels that never overlap, and a "Show the
 * numbers" button that opens the data table with every point and its source.
 */
export function SeriesChart({ series, known = [] }: { series: Series; known?: readonly Source[] }) {
  const id = useId();
  const { t, locale } = useLang();
  const { ref, frame } = useFrame();
  const [tableOpen, setTableOpen] = useState(false);
  const points = series.points;
  const measure = useMemo(() => makeMeasure(frame.fontSize, frame.fontFamily), [frame.fontSize, frame.fontFamily]);
  const layout = useMemo(
    () => layoutChart({ points, unit: series.unit, width: frame.width, fontSize: frame.fontSize, measure, locale }),
    [points, series.unit, frame.width, frame.fontSize, measure, locale],
  );
  if (points.length === 0) return null;

  const { width, height, plot } = layout;
  const path = layout.points.map(({ x, y }, i) => `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
  const firstPoint = points[0]!;
  const lastPoint = points[points.length - 1]!;
  const groups = groupByPublisher(
    points.map((p) => p.source),
    known,
  );
  const summary = t('chartSummaryToggle', [series.title, String(points.length), pointLabel(firstPoint, locale), pointLabel(lastPoint, locale)]);
  const tableId = `${id}-table`;

  return (
    <figure class="chart" data-testid="series-chart">
      <div class="chart-frame" ref={ref}>
        <svg class="chart-svg" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
          <title id={`${id}-title`}>{series.title}</title>
          <desc id={`${id}-desc`}>{summary}</desc>
          <g class="chart-grid">
            {layout.grid.map(({ y, label }) => (
              <g key={label.text}>
                <line x1={plot.left} x2={plot.right} y1={y} y2={y} />
                <text x={label.x} y={label.y} data-chart-label="axis">
                  {label.text}
                </text>
              </g>
            ))}
          </g>
          <text class="chart-unit-label" x={layout.unit.x} y={layout.unit.y} data-chart-label="axis">
            {layout.unit.text}
          </text>
          <g class="chart-axis">
            {layout.xTicks.map(({ x, label }) => (
              <g key={label.text}>
                <line x1={x} x2={x} y1={plot.bottom} y2={plot.bottom + 5} />
                <text x={label.x} y={label.y} data-chart-label="axis">
                  {label.text}
                </text>
              </g>
            ))}
          </g>
          {points.length > 1 ? <path class="chart-line" d={path} /> : null}
          <g class="chart-points">
            {layout.points.map(({ x, y }, i) => (
              <circle key={i} cx={x} cy={y} r={4} />
            ))}
          </g>
          <g class="chart-values">
            {layout.values.map((label) => (
              <text key={label.index} x={label.x} y={label.y} data-chart-label="value">
                {label.text}
              </text>
            ))}
          </g>
        </svg>
      </div>
      <figcaption class="chart-caption">
        <strong>{series.title}</strong> <span class="chart-unit">({series.unit})</span>
        {series.note ? <span class="chart-note"> {series.note}</span> : null}
        <span class="chart-sources" data-testid="chart-sources">
          {' '}
          {t('sources')}:{' '}
          {groups.map((group, index) => (
            <span key={group.name} data-testid="chart-source">
              {index > 0 ? ', ' : null}
              {group.urls.length === 1 ? (
                <ExternalLink href={group.urls[0]!}>{group.name}</ExternalLink>
              ) : (
                t('publisherCount', [group.name, group.urls.length])
              )}
            </span>
          ))}
        </span>
      </figcaption>
      <button
        type="button"
        class="chart-toggle"
        aria-expanded={tableOpen}
        aria-controls={tableId}
        data-testid="chart-toggle"
        onClick={() => setTableOpen((open) => !open)}
      >
        {t(tableOpen ? 'hideNumbers' : 'showNumbers')}
      </button>
      <div class="chart-table-wrap" id={tableId} hidden={!tableOpen}>
        <table class="chart-table" data-testid="series-table">
          <caption class="visually-hidden">{series.title}</caption>
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
                <td class="chart-number">{formatNumber(point.value, locale)}</td>
                <td>
                  <ExternalLink href={point.source}>{publisherName(point.source, known)}</ExternalLink>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
