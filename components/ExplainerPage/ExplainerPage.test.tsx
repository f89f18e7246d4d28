import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { useTestRoot } from '../testing/root';
import { ExplainerPage } from './ExplainerPage';
import { fullExplainerView } from './fixture';
import { LangProvider } from '../lang';
import { SeriesChart } from './SeriesChart';

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
      'notes',
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
      'Sources cited',
    ]);
    for (const section of sections) expect(section.getAttribute('aria-labelledby')).toBe(section.querySelector('h2')!.id);
    expect(root.querySelector('[data-testid="updated"]')?.textContent).toMatch(/^Updated .*2026/);
  });

  it('speaks the language it is shown in throughout, down to contents, source notes and link labels', () => {
    render(
      <LangProvider lang="es">
        <ExplainerPage view={fullExplainerView()} />
      </LangProvider>,
      root,
    );
    expect(root.querySelector('[data-testid="toc"] h2')?.textContent).toBe('Contenido');
    const labels = [...root.querySelectorAll('a')].map((link) => `${link.getAttribute('aria-label') ?? ''} ${link.textContent}`).join(' | ');
    for (const english of ['opens in a new tab', 'Cited in', 'Source ', 'key fact', 'timeline,']) {
      expect(root.textContent).not.toContain(english);
      expect(labels).not.toContain(english);
    }
    const eventBacks = [...root.querySelectorAll('[data-testid="note-back"]')].map((link) => link.textContent!).filter((text) => text.startsWith('cronología'));
    expect(eventBacks.length).toBeGreaterThan(0);
    for (const back of eventBacks) expect(back).toMatch(/^cronología, (\d{1,2} )?[a-z]+\.? \d{4}$/);
  });

  it('puts the review date right under the title', () => {
    render(<ExplainerPage view={fullExplainerView()} />, root);
    const title = root.querySelector('[data-testid="explainer-title"]')!;
    const reviewed = title.nextElementSibling!;
    expect(reviewed.getAttribute('data-testid')).toBe('reviewed');
    expect(reviewed.textContent).toBe('Reviewed Feb 18, 2026');
    expect(reviewed.querySelector('time')?.getAttribute('datetime')).toBe('2026-02-18');
  });

  it('lists every section shown in a table of contents linking to its anchor', () => {
    render(<ExplainerPage view={fullExplainerView()} />, root);
    const links = [...root.querySelectorAll<HTMLAnchorElement>('nav[data-testid="toc"] a')];
    const sections = [...root.querySelectorAll('section[data-section]')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(sections.map((s) => `#${s.id}`));
    expect(links.map((a) => a.textContent)).toEqual(sections.map((s) => s.querySelector('h2')?.textContent));
    expect(sections[0]!.id).toBe('287g-program:happening');
  });

  it('shows each fact with its as-of date and numbered notes, and the context prose above them', () => {
    render(<ExplainerPage view={fullExplainerView()} />, root);
    const facts = root.querySelector('section[data-section="facts"]')!;
    expect(facts.querySelector('p')?.textContent).toBe('Counts differ by source.');
    const items = facts.querySelectorAll('[data-testid="fact"]');
    expect(items).toHaveLength(3);
    expect(items[0]!.textContent).toContain('as of');
    const refs = [...items[1]!.querySelectorAll('a[data-testid="note-ref"]')];
    expect(refs.map((a) => a.textContent)).toEqual(['[2]', '[3]']);
    expect(refs.map((a) => a.getAttribute('aria-label'))).toEqual(['Source 2: ICE', 'Source 3: GAO']);
    for (const ref of refs) expect(root.querySelector(`[id="${ref.getAttribute('href')!.slice(1)}"]`)).not.toBeNull();
  });

  it('lists the cited sources by publisher at the end, numbered, each linking back to what cites it', () => {
    const view = fullExplainerView();
    view.explainer.facts.push({ text: 'ICE lists every agreement.', sources: ['https://www.ice.gov/identify-and-arrest/287g'] });
    render(<ExplainerPage view={view} />, root);
    const notes = root.querySelector('section[data-section="notes"]')!;
    // A bare host is not repeated before a link that already starts with it.
    expect([...notes.querySelectorAll('[data-testid="note-publisher"]')].map((p) => p.textContent)).toEqual(['ICE (2 reports)', 'GAO', 'Wikisource']);
    const items = [...notes.querySelectorAll<HTMLLIElement>('[data-testid="note"]')];
    expect(items.map((li) => li.id)).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => `287g-program:note-${n}`));
    // Listed sources show their title; the others a short URL.
    expect(items[1]!.querySelector('a')?.textContent).toBe('Delegation of Immigration Authority (opens in a new tab)');
    expect(items[2]!.querySelector('a')?.textContent).toBe('ice.gov/identify-and-arrest/287g (opens in a new tab)');
    const back = [...items[1]!.querySelectorAll('a[data-testid="note-back"]')];
    expect(back.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([['key fact 2', '#287g-program:fact-2']]);
    expect(root.querySelector('[id="287g-program:fact-2"]')?.textContent).toContain('ICE offers three models.');
    const event = [...items[5]!.querySelectorAll('a[data-testid="note-back"]')];
    expect(event.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([['timeline, Sep 30, 1996', '#287g-program:event-1']]);
  });

  it('groups primary sources by publisher, naming a lone source\'s publisher after its title', () => {
    const view = fullExplainerView();
    view.explainer.primarySources.push(
      { title: 'Termination notice', url: 'https://www.govinfo.gov/a', publisher: 'Federal Register' },
      { title: 'Second notice', url: 'https://www.govinfo.gov/b', publisher: 'Federal Register' },
      { title: 'Untagged ICE page', url: 'https://www.ice.gov/other' },
    );
    render(<ExplainerPage view={view} />, root);
    const items = [...root.querySelectorAll('section[data-section="primary"] [data-testid="source-item"]')];
    expect(items.map((li) => li.querySelector('[data-testid="source-publisher"]')?.textContent)).toEqual(['ICE (2 reports)', 'Federal Register (2 reports)']);
    expect([...items[1]!.querySelectorAll('a')].map((a) => a.firstChild?.textContent)).toEqual(['Termination notice', 'Second notice']);
  });

  it('says which links open a new tab, in text only assistive technology reads', () => {
    render(<ExplainerPage view={fullExplainerView()} />, root);
    const external = [...root.querySelectorAll<HTMLAnchorElement>('a[target="_blank"]')];
    expect(external.length).toBeGreaterThan(5);
    for (const link of external) expect(link.querySelector('.visually-hidden')?.textContent).toBe(' (opens in a new tab)');
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
    expect(root.querySelector('section[data-section="timeline"] a')?.getAttribute('aria-label')).toBe('Source 5: Wikisource');
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
    expect(names).toEqual(['happening', 'stake', 'matters', 'facts', 'primary', 'notes']);
  });
});

describe('SeriesChart', () => {
  it('draws an accessible SVG, and "Show the numbers" opens a table with every point, value and publisher', () => {
    const view = fullExplainerView();
    const series = view.explainer.series![0]!;
    render(<SeriesChart series={series} known={view.explainer.primarySources} />, root);
    const figure = root.querySelector('figure[data-testid="series-chart"]')!;
    const svg = figure.querySelector('svg')!;
    expect(svg.getAttribute('role')).toBe('img');
    const [titleId] = svg.getAttribute('aria-labelledby')!.split(' ');
    expect(svg.querySelector('title')?.id).toBe(titleId);
    expect(svg.querySelector('title')?.textContent).toBe('287(g) agreements over time');
    expect(svg.querySelectorAll('circle')).toHaveLength(4);
    expect(svg.getAttribute('viewBox')).toBe(`0 0 ${svg.getAttribute('width')} ${svg.getAttribute('height')}`);
    expect(svg.querySelector('.chart-unit-label')?.textContent).toBe('agreements');

    const button = figure.querySelector<HTMLButtonElement>('button[data-testid="chart-toggle"]')!;
    const wrap = figure.querySelector<HTMLElement>(`[id="${button.getAttribute('aria-controls')}"]`)!;
    expect(button.textContent).toBe('Show the numbers');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(wrap.hidden).toBe(true);
    button.click();
    return Promise.resolve().then(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(button.textContent).toBe('Hide the numbers');
      expect(button.getAttribute('aria-expanded')).toBe('true');
      expect(wrap.hidden).toBe(false);
      const rows = [...figure.querySelectorAll('table tbody tr')].map((tr) => [...tr.children].map((cell) => cell.querySelector('a')?.firstChild?.textContent ?? cell.textContent));
      expect(rows).toHaveLength(series.points.length);
      expect(rows[0]).toEqual(['Jan 2017', '35', 'GAO']);
      expect(rows[1]![0]).toMatch(/2020/);
      expect(rows[2]).toEqual(['Jan 2025', '135', 'DHS']);
      expect(rows[3]).toEqual(['Feb 2026', '1,412', 'miamidaily.life']);
      expect(figure.querySelector('table thead')?.textContent).toContain('Value (agreements)');
    });
  });

  it("writes axis numbers and dates in the language shown, not the browser's", () => {
    const series = fullExplainerView().explainer.series![0]!;
    const labels = () => [...root.querySelectorAll('.chart-grid text, .chart-axis text')].map((text) => text.textContent ?? '');
    render(<LangProvider lang="en">{<SeriesChart series={series} />}</LangProvider>, root);
    const english = labels();
    render(<LangProvider lang="es">{<SeriesChart series={series} />}</LangProvider>, root);
    const spanish = labels();
    // 287(g) counts reach 1,412: English groups thousands with a comma; Spanish writes four digits ungrouped.
    expect(english.some((label) => /^\d,\d{3}$/.test(label))).toBe(true);
    expect(spanish.some((label) => /^\d{4}$/.test(label))).toBe(true);
    expect(spanish.some((label) => label.includes(','))).toBe(false);
  });

  it('names sources by publisher in the caption, with repeats grouped and counted', () => {
    const series = fullExplainerView().explainer.series![0]!;
    series.points[1]!.source = 'https://www.gao.gov/products/gao-20-1';
    render(<SeriesChart series={series} />, root);
    const caption = root.querySelector('figcaption')!;
    expect(caption.textContent).toContain('ICE counts agreements; trackers count agencies.');
    expect([...caption.querySelectorAll('[data-testid="chart-source"]')].map((s) => s.textContent)).toEqual([
      'GAO (2 reports)',
      ', DHS (opens in a new tab)',
      ', miamidaily.life (opens in a new tab)',
    ]);
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
});
