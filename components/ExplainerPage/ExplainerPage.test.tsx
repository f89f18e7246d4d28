import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { useTestRoot } from '../testing/root';
import { ExplainerPage } from './ExplainerPage';
import { fullExplainerView } from './fixture';
import { labelledPoints, niceScale, SeriesChart } from './SeriesChart';

let root: HTMLElement;
useTestRoot((element) => (root = element));

describe('ExplainerPage', () => {
  it('renders all eight sections in the authored order, each with its heading', () => {
    render(<ExplainerPage view={fullExplainerView()} />, root);
    expect(root.querySelector('[data-testid="explainer-title"]')?.textContent).toBe('287(g) program');
    const sections = [...root.querySelectorAll('section[data-section]')];
    expect(sections.map((s) => s.getAttribute('data-section'))).toEqual([
      'happening',
      'stake',
      'matters',
      'facts',
      'timeline',
      'primary',
      'further',
      'related',
    ]);
    expect(sections.map((s) => s.querySelector('h2')?.textContent)).toEqual([
      "What's happening",
      "What's at stake",
      'Why it matters',
      'Key facts & context',
      'Timeline',
      'Primary sources',
      'Further reading',
      'Related explainers',
    ]);
    for (const section of sections) expect(section.getAttribute('aria-labelledby')).toBe(section.querySelector('h2')!.id);
    expect(root.querySelector('[data-testid="updated"]')?.textContent).toMatch(/^Updated .*2026/);
  });

  it('shows each fact with its as-of date and host-named sources, and the context prose above them', () => {
    render(<ExplainerPage view={fullExplainerView()} />, root);
    const facts = root.querySelector('section[data-section="facts"]')!;
    expect(facts.querySelector('p')?.textContent).toBe('Counts differ by source.');
    const items = facts.querySelectorAll('[data-testid="fact"]');
    expect(items).toHaveLength(3);
    expect(items[0]!.textContent).toContain('as of');
    expect([...items[1]!.querySelectorAll('a')].map((a) => a.textContent)).toEqual(['ice.gov', 'gao.gov']);
  });

  it('dates figures by month, marks those past staleAfterDays as older in words, and lists corrections newest first', () => {
    const view = fullExplainerView();
    view.staleAfterDays = 60;
    view.explainer.corrections = [
      { date: '2026-01-10', text: 'An earlier fix.' },
      { date: '2026-02-18', text: 'The count was 1,412, not 1,421.' },
    ];
    render(<ExplainerPage view={view} now={Date.UTC(2026, 3, 15, 12)} />, root);
    expect(root.querySelector('[data-testid="figures-as-of"]')?.textContent).toBe('Figures as of Feb 2026');
    const date = root.querySelector('[data-testid="fact-as-of"]')!;
    expect(date.textContent).toBe('as of Feb 2026 · older figure ');
    expect(date.querySelector('time')?.getAttribute('datetime')).toBe('2026-02-13');
    const corrections = [...root.querySelectorAll('section[data-section="corrections"] [data-testid="correction"]')];
    expect(corrections.map((item) => item.textContent)).toEqual(['Feb 18, 2026: The count was 1,412, not 1,421.', 'Jan 10, 2026: An earlier fix.']);
    expect(root.querySelector('section[data-section="corrections"] h2')?.textContent).toBe('Corrections');

    render(<ExplainerPage view={view} now={Date.UTC(2026, 3, 15, 12) - 2 * 86_400_000} />, root);
    expect(root.querySelector('[data-testid="fact-as-of"]')?.textContent).toBe('as of Feb 2026 ');
  });

  it('lists the timeline with machine-readable dates and sources, and links related explainers by hash', () => {
    render(<ExplainerPage view={fullExplainerView()} />, root);
    const times = [...root.querySelectorAll('section[data-section="timeline"] time')];
    expect(times.map((el) => el.getAttribute('datetime'))).toEqual(['1996-09-30', '2002', '2026-02']);
    expect(root.querySelector('section[data-section="timeline"] a')?.textContent).toBe('en.wikisource.org');
    const related = [...root.querySelectorAll<HTMLAnchorElement>('section[data-section="related"] a')];
    expect(related.map((a) => a.getAttribute('href'))).toEqual(['/explainer.html#ice', '/explainer.html#immigration-detainer']);
    const primary = root.querySelector<HTMLAnchorElement>('section[data-section="primary"] a')!;
    expect(primary.getAttribute('href')).toBe('https://www.ice.gov/287g');
    expect(primary.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('leaves out optional sections that have nothing to show', () => {
    const view = fullExplainerView();
    view.explainer.timeline = [];
    view.explainer.furtherReading = [];
    view.related = [];
    render(<ExplainerPage view={view} />, root);
    const names = [...root.querySelectorAll('section[data-section]')].map((s) => s.getAttribute('data-section'));
    expect(names).toEqual(['happening', 'stake', 'matters', 'facts', 'primary']);
  });
});

describe('SeriesChart', () => {
  it('draws an accessible SVG whose data table lists every point with date, value and source', () => {
    const series = fullExplainerView().explainer.series![0]!;
    render(<SeriesChart series={series} />, root);
    const figure = root.querySelector('figure[data-testid="series-chart"]')!;
    const svg = figure.querySelector('svg')!;
    expect(svg.getAttribute('role')).toBe('img');
    const [titleId] = svg.getAttribute('aria-labelledby')!.split(' ');
    expect(svg.querySelector('title')?.id).toBe(titleId);
    expect(svg.querySelector('title')?.textContent).toBe('287(g) agreements over time');
    expect(svg.querySelectorAll('circle')).toHaveLength(4);

    const rows = [...figure.querySelectorAll('table tbody tr')].map((tr) => [...tr.children].map((cell) => cell.textContent));
    expect(rows).toHaveLength(series.points.length);
    expect(rows[0]).toEqual(['Jan 2017', '35', 'gao.gov']);
    expect(rows[1]![0]).toMatch(/2020/);
    expect(rows[1]!.slice(1)).toEqual(['150', 'gao.gov']);
    expect(rows[3]).toEqual(['Feb 2026', '1,412', 'miamidaily.life']);
    expect(figure.querySelector('table thead')?.textContent).toContain('Value (agreements)');

    const caption = figure.querySelector('figcaption')!;
    expect(caption.textContent).toContain('ICE counts agreements; trackers count agencies.');
    expect([...caption.querySelectorAll('a')].map((a) => a.textContent)).toEqual(['gao.gov', 'dhs.gov', 'miamidaily.life']);
  });

  it('places points in time order on the x axis and scales the tallest under the top gridline', () => {
    const series = fullExplainerView().explainer.series![0]!;
    render(<SeriesChart series={series} />, root);
    const circles = [...root.querySelectorAll('circle')].map((c) => ({ x: Number(c.getAttribute('cx')), y: Number(c.getAttribute('cy')) }));
    const xs = circles.map((c) => c.x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    // 2017-01 → 2020-09 is about 3.7 years, 2020-09 → 2025-01 about 4.3: spacing follows time, not index.
    expect(xs[2]! - xs[1]!).toBeGreaterThan(xs[1]! - xs[0]!);
    expect(Math.min(...circles.map((c) => c.y))).toBe(circles[3]!.y);
  });

  it('labels the latest point always and skips labels that would overlap', () => {
    const labels = labelledPoints([
      [0, 100],
      [100, 100],
      [480, 60],
      [490, 58],
      [500, 20],
    ]);
    // 3 sits 38 units above 4, so it fits; 2 is right beside 3 and is left to the table.
    expect([...labels].sort((a, b) => a - b)).toEqual([0, 1, 3, 4]);
  });

  it('picks round axis maxima', () => {
    expect(niceScale(1412)).toEqual({ top: 1500, step: 500 });
    expect(niceScale(150)).toEqual({ top: 150, step: 50 });
    expect(niceScale(151)).toEqual({ top: 200, step: 50 });
    expect(niceScale(7)).toEqual({ top: 8, step: 2 });
    expect(niceScale(0)).toEqual({ top: 1, step: 0.25 });
  });
});
