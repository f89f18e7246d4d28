import path from 'node:path';
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { Catalog } from '../../lib/catalog/catalog';
import { compileFolder } from '../../tools/pack/compiler';
import { formatDate } from '../format';
import { useTestRoot } from '../testing/root';
import { ExplainerPage } from './ExplainerPage';

// The shipped explainers, compiled the way `npm run pack:default` does, so every real page is rendered.
const pack = JSON.parse(
  JSON.stringify(compileFolder(path.resolve(__dirname, '../../content/explainers'), { id: 'default', name: 'Default', publisher: 'Tests' })),
);
const catalog = new Catalog(pack);
const ids: string[] = catalog.listExplainers().map((listing) => listing.id);

const ALL_SECTIONS = ['happening', 'stake', 'matters', 'facts', 'timeline', 'primary', 'further', 'related'];

let root: HTMLElement;
useTestRoot((element) => (root = element));

describe('every shipped explainer renders as a full page', () => {
  it('compiles the whole default pack', () => {
    expect(ids.length).toBeGreaterThanOrEqual(30);
  });

  it.each(ids)('%s', (id) => {
    const view = catalog.explainer(id)!;
    expect(view).not.toBeNull();
    const { explainer } = view;
    render(<ExplainerPage view={view} />, root);

    expect(root.querySelector('[data-testid="explainer-title"]')?.textContent).toBe(explainer.title);

    const sections = [...root.querySelectorAll('section[data-section]')].map((s) => s.getAttribute('data-section'));
    // Corrections appear only where an explainer has some, after every authored section.
    // The numbered source list closes the page.
    const expected = [...ALL_SECTIONS, ...(explainer.corrections?.length ? ['corrections'] : []), 'notes'];
    expect(sections).toEqual(expected);
    expect(root.querySelectorAll('[data-testid="correction"]')).toHaveLength(explainer.corrections?.length ?? 0);
    for (const name of ALL_SECTIONS) {
      const section = root.querySelector(`section[data-section="${name}"]`)!;
      expect(section.querySelector('h2')?.textContent, `${id} ${name} heading`).toBeTruthy();
      expect(section.textContent.length, `${id} ${name} content`).toBeGreaterThan(section.querySelector('h2')!.textContent.length);
    }

    const facts = [...root.querySelectorAll('section[data-section="facts"] [data-testid="fact"]')];
    expect(facts).toHaveLength(explainer.facts.length);
    expect(facts.length).toBeGreaterThanOrEqual(4);
    facts.forEach((item, index) => {
      expect(item.textContent, `${id} fact ${index}`).toContain(explainer.facts[index]!.text);
      // Each note number leads to a listed source with an https link, which links back to this fact.
      const refs = [...item.querySelectorAll<HTMLAnchorElement>('a[data-testid="note-ref"]')];
      expect(refs.length, `${id} fact ${index} notes`).toBeGreaterThanOrEqual(1);
      for (const ref of refs) {
        const note = root.querySelector(`[id="${ref.getAttribute('href')!.slice(1)}"]`);
        expect(note?.querySelector('a')?.getAttribute('href'), `${id} fact ${index} note`).toMatch(/^https:\/\//);
        const back = [...note!.querySelectorAll('a[data-testid="note-back"]')].map((a) => a.getAttribute('href'));
        expect(back, `${id} fact ${index} back-link`).toContain(`#${item.id}`);
      }
    });

    const timeline = root.querySelectorAll('section[data-section="timeline"] ol.timeline > li');
    expect(timeline).toHaveLength(explainer.timeline.length);
    expect(timeline.length).toBeGreaterThan(0);

    const related = root.querySelectorAll('section[data-section="related"] a');
    expect(related).toHaveLength(view.related.length);

    expect(root.querySelector('[data-testid="reviewed"]')?.textContent).toBe(`Reviewed ${formatDate(explainer.updated)}`);
    const updated = root.querySelector('[data-testid="updated"] time');
    expect(updated?.getAttribute('datetime')).toBe(explainer.updated);
    expect(root.querySelector('[data-testid="updated"]')?.textContent).toContain(formatDate(explainer.updated));

    const series = explainer.series ?? [];
    const charts = [...root.querySelectorAll('figure[data-testid="series-chart"]')];
    expect(charts).toHaveLength(series.length);
    series.forEach((s, index) => {
      const chart = charts[index]!;
      expect(chart.querySelector('figcaption')?.textContent).toContain(s.title);
      expect(chart.querySelectorAll('[data-testid="series-table"] tbody tr')).toHaveLength(s.points.length);
    });
  });
});
