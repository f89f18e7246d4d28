import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { useTestRoot } from '../testing/root';
import { ExplainerPageApp, type ExplainerPageData } from './ExplainerPageApp';
import { fullExplainerView } from './fixture';

let root: HTMLElement;
useTestRoot((element) => (root = element));

const flush = () => act(async () => {});

function data(overrides: Partial<ExplainerPageData> = {}): ExplainerPageData {
  return {
    getExplainer: async (id) => (id === '287g-program' ? fullExplainerView() : null),
    listExplainers: async () => [
      { id: 'sanctuary-jurisdictions', title: 'Sanctuary jurisdictions', summary: 's', lang: 'en', category: 'State & local policy' },
      { id: 'ice', title: 'ICE', summary: 'The agency.', lang: 'en', category: 'Agencies' },
      { id: '287g-program', title: '287(g) program', summary: 's', lang: 'en', category: 'Federal programs' },
      { id: 'cbp', title: 'CBP', summary: 's', lang: 'en', category: 'Agencies' },
      { id: 'odd', title: 'Odd one', summary: 's', lang: 'en', category: 'Zzz custom' },
    ],
    search: async () => [],
    ...overrides,
  };
}

describe('ExplainerPageApp', () => {
  it('shows the explainer for the id and titles the document with it', async () => {
    const onTitle = vi.fn();
    act(() => render(<ExplainerPageApp id="287g-program" data={data()} onOpen={() => {}} onTitle={onTitle} />, root));
    await flush();
    expect(root.querySelector('[data-testid="explainer-title"]')?.textContent).toBe('287(g) program');
    expect(onTitle).toHaveBeenLastCalledWith('287(g) program — Context Explainers');
  });

  it('shows a not-found state for an unknown id', async () => {
    const onTitle = vi.fn();
    act(() => render(<ExplainerPageApp id="no-such-thing" data={data()} onOpen={() => {}} onTitle={onTitle} />, root));
    await flush();
    expect(root.querySelector('[data-testid="not-found"]')?.textContent).toContain('There is no explainer called “no-such-thing”.');
    expect(root.querySelector('[data-testid="explainer-title"]')).toBeNull();
    expect(onTitle).toHaveBeenLastCalledWith('Explainer not found — Context Explainers');
  });

  it('without an id, lists every explainer grouped by category in the authored order', async () => {
    act(() => render(<ExplainerPageApp id={null} data={data()} onOpen={() => {}} />, root));
    await flush();
    const groups = [...root.querySelectorAll('[data-category]')];
    expect(groups.map((g) => g.getAttribute('data-category'))).toEqual(['Agencies', 'Federal programs', 'State & local policy', 'Zzz custom']);
    expect([...groups[0]!.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['CBP', '/explainer.html#cbp'],
      ['ICE', '/explainer.html#ice'],
    ]);
    expect(root.querySelector('input[data-testid="search-input"]')).not.toBeNull();
  });

  it('shows category headings in the reader\'s language, and a pack\'s own category as the pack spells it', async () => {
    vi.spyOn(browser.i18n, 'getMessage').mockImplementation(((name: string) =>
      ({ categoryAgencies: 'Behörden', categoryFederalPrograms: 'Bundesprogramme' })[name] ?? ''));
    act(() => render(<ExplainerPageApp id={null} data={data()} onOpen={() => {}} />, root));
    await flush();
    const headings = [...root.querySelectorAll('[data-category] h2')].map((h) => h.textContent);
    expect(headings).toEqual(['Behörden', 'Bundesprogramme', 'State & local policy', 'Zzz custom']);
  });

  it('never draws the previous result as the next one while the next is loading', async () => {
    let resolveView!: (value: ReturnType<typeof fullExplainerView>) => void;
    const source = data({ getExplainer: () => new Promise((resolve) => (resolveView = resolve)) });
    act(() => render(<ExplainerPageApp id={null} data={source} onOpen={() => {}} />, root));
    await flush();
    act(() => render(<ExplainerPageApp id="287g-program" data={source} onOpen={() => {}} />, root));
    expect(root.querySelector('[data-category]')).toBeNull();
    expect(root.querySelector('[role="status"]')?.textContent).toBe('Loading…');
    resolveView(fullExplainerView());
    await flush();
    expect(root.querySelector('[data-testid="explainer-title"]')).not.toBeNull();
  });

  it('moves focus to the new heading after navigating, but not on first load', async () => {
    const source = data();
    act(() => render(<ExplainerPageApp id={null} data={source} onOpen={() => {}} />, root));
    await flush();
    expect(document.activeElement).toBe(document.body);
    act(() => render(<ExplainerPageApp id="287g-program" data={source} onOpen={() => {}} />, root));
    await flush();
    expect(document.activeElement).toBe(root.querySelector('[data-testid="explainer-title"]'));
  });

  it('shows an error when the background does not answer', async () => {
    act(() => render(<ExplainerPageApp id="ice" data={data({ getExplainer: () => Promise.reject(new Error('x')) })} onOpen={() => {}} />, root));
    await flush();
    expect(root.querySelector('[data-testid="page-error"]')).not.toBeNull();
  });
});
