import { render } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import { useTestRoot } from '../testing/root';
import { OnThisPage } from './OnThisPage';

let root: HTMLElement;
useTestRoot((element) => (root = element));

describe('OnThisPage', () => {
  it('shows the empty state when the page mentions nothing', () => {
    render(<OnThisPage items={[]} onReveal={() => {}} />, root);
    expect(root.querySelectorAll('[data-testid="on-page-item"]')).toHaveLength(0);
    expect(root.querySelector('[data-testid="on-page-empty"]')?.textContent).toBe('No explainer topics were found on this page.');
  });

  it('lists each explainer with its count, most mentioned first, and reveals the one chosen', () => {
    const onReveal = vi.fn();
    render(
      <OnThisPage
        items={[
          { id: 'ice', title: 'ICE', summary: 'The agency.', lang: 'en', count: 1 },
          { id: '287g-program', title: '287(g) program', summary: 'Deputized officers.', lang: 'en', count: 4 },
        ]}
        onReveal={onReveal}
      />,
      root,
    );
    const items = [...root.querySelectorAll<HTMLButtonElement>('[data-testid="on-page-item"]')];
    expect(items).toHaveLength(2);
    expect(items[0]!.textContent).toContain('287(g) program');
    expect(items[0]!.textContent).toContain('4 mentions');
    expect(items[1]!.textContent).toContain('ICE');
    expect(items[1]!.textContent).toContain('1 mention');
    expect(root.querySelector('[data-testid="on-page-empty"]')).toBeNull();
    // A native <button>: the browser turns Enter and Space into this click.
    expect(items[1]!.tagName).toBe('BUTTON');
    items[1]!.click();
    expect(onReveal).toHaveBeenCalledWith('ice');
  });

  it('shows loading and unavailable states', () => {
    render(<OnThisPage items="loading" onReveal={() => {}} />, root);
    expect(root.querySelector('[role="status"]')?.textContent).toBe('Looking at this page…');
    render(<OnThisPage items="error" onReveal={() => {}} />, root);
    expect(root.querySelector('[data-testid="on-page-error"]')).not.toBeNull();
  });

  it('says how many mentions are marked when fewer are', () => {
    render(
      <OnThisPage
        items={[
          { id: 'ice', title: 'ICE', summary: '', lang: 'en', count: 8, marked: 2 },
          { id: 'dhs', title: 'DHS', summary: '', lang: 'en', count: 3, marked: 3 },
          { id: 'cbp', title: 'CBP', summary: '', lang: 'en', count: 1 },
        ]}
        onReveal={() => {}}
      />,
      root,
    );
    const counts = [...root.querySelectorAll('[data-testid="on-page-count"]')].map((count) => count.textContent);
    expect(counts).toEqual(['2 marked · 8 mentions', '3 mentions', '1 mention']);
  });
});
