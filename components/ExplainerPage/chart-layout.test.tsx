import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFolder } from '../../tools/pack/compiler';
import type { Pack } from '../../lib/pack-format/types';
import { axisNumber, layoutChart, niceScale, overlaps, type Box, type ChartLayout, type Measure } from './chart-layout';

/** Wider than any real font's glyphs at 13 px, so a layout that fits here fits on the page. */
const FONT_SIZE = 13;
const measure: Measure = (text, bold) => text.length * FONT_SIZE * (bold ? 0.7 : 0.65);

const pack = compileFolder(path.resolve(__dirname, '../../content/explainers'), { id: 'default', name: 'Default', publisher: 'Tests' }) as Pack;
const seriesOf = (id: string) => pack.explainers.find((explainer) => explainer.id === id)!.series![0]!;

function labels(layout: ChartLayout): { text: string; box: Box }[] {
  return [layout.unit, ...layout.grid.map((g) => g.label), ...layout.xTicks.map((tick) => tick.label), ...layout.values];
}

/** A phone's chart width (390 px viewport, page and figure padding taken off) and two wider ones. */
const WIDTHS = [324, 480, 700];

describe('chart layout', () => {
  it('picks round axis maxima', () => {
    expect(niceScale(1412)).toEqual({ top: 1500, step: 500 });
    expect(niceScale(150)).toEqual({ top: 150, step: 50 });
    expect(niceScale(151)).toEqual({ top: 200, step: 50 });
    expect(niceScale(7)).toEqual({ top: 8, step: 2 });
    expect(niceScale(0)).toEqual({ top: 1, step: 0.25 });
  });

  it('writes big axis numbers compactly and small ones in full', () => {
    expect(axisNumber(1_500_000, 1_500_000, 'en')).toBe('1.5M');
    expect(axisNumber(500_000, 1_500_000, 'en')).toBe('500K');
    expect(axisNumber(1_500, 1_500, 'en')).toBe('1,500');
  });

  it('gives the TPS chart compact axis numbers and a left margin as wide as its widest one', () => {
    const layout = layoutChart({ points: seriesOf('tps').points, unit: 'people', width: 324, fontSize: FONT_SIZE, measure, locale: 'en' });
    expect(layout.grid.map((g) => g.label.text)).toEqual(['0', '500K', '1M', '1.5M']);
    const widest = Math.max(...layout.grid.map((g) => g.label.box.right - g.label.box.left));
    expect(layout.plot.left).toBeGreaterThanOrEqual(widest);
    expect(Math.min(...layout.grid.map((g) => g.label.box.left))).toBeGreaterThanOrEqual(0);
  });

  for (const id of ['tps', '287g-program', 'immigration-detention']) {
    for (const width of WIDTHS) {
      it(`keeps every ${id} label inside a ${width} px chart, none touching another`, () => {
        const series = seriesOf(id);
        const layout = layoutChart({ points: series.points, unit: series.unit, width, fontSize: FONT_SIZE, measure, locale: 'en' });
        const all = labels(layout);
        for (const { text, box } of all) {
          expect(box.left, text).toBeGreaterThanOrEqual(0);
          expect(box.top, text).toBeGreaterThanOrEqual(0);
          expect(box.right, text).toBeLessThanOrEqual(width);
          expect(box.bottom, text).toBeLessThanOrEqual(layout.height);
        }
        for (let i = 0; i < all.length; i++) {
          for (let j = i + 1; j < all.length; j++) expect(overlaps(all[i]!.box, all[j]!.box), `${all[i]!.text} / ${all[j]!.text}`).toBe(false);
        }
        expect(layout.xTicks.length).toBeGreaterThanOrEqual(2);
        // The latest value is always labelled.
        expect(layout.values.map((v) => v.index)).toContain(series.points.length - 1);
      });
    }
  }

  it('thins crowded value labels instead of overlapping them, and shows more as the chart widens', () => {
    const series = seriesOf('immigration-detention');
    const narrow = layoutChart({ points: series.points, unit: series.unit, width: 324, fontSize: FONT_SIZE, measure });
    const wide = layoutChart({ points: series.points, unit: series.unit, width: 1000, fontSize: FONT_SIZE, measure });
    expect(narrow.values.length).toBeLessThan(series.points.length);
    expect(wide.values.length).toBeGreaterThan(narrow.values.length);
  });

  it('spaces points by time, not by index', () => {
    const layout = layoutChart({ points: seriesOf('287g-program').points, unit: 'agreements', width: 600, fontSize: FONT_SIZE, measure });
    const xs = layout.points.map((p) => p.x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    expect(xs[1]! - xs[0]!).toBeGreaterThan(xs[3]! - xs[2]!);
  });
});
