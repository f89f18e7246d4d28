import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { Block } from '../lib/pack-format/types';
import { RichBlocks } from './RichText';

let root: HTMLElement;
function mount(blocks: Block[]): HTMLElement {
  root = document.createElement('div');
  document.body.append(root);
  render(<RichBlocks blocks={blocks} />, root);
  return root;
}
afterEach(() => {
  render(null, root);
  root.remove();
});

describe('RichBlocks', () => {
  it('renders every block and inline kind as elements', () => {
    const el = mount([
      { t: 'h3', c: [{ t: 'text', v: 'Heading' }] },
      {
        t: 'p',
        c: [
          { t: 'text', v: 'Plain ' },
          { t: 'strong', c: [{ t: 'text', v: 'bold' }] },
          { t: 'em', c: [{ t: 'text', v: 'em' }] },
          { t: 'code', v: '8 U.S.C. 1357(g)' },
          { t: 'link', href: 'https://www.ice.gov/287g', c: [{ t: 'text', v: 'ICE' }] },
        ],
      },
      { t: 'ul', items: [[{ t: 'text', v: 'one' }], [{ t: 'text', v: 'two' }]] },
      { t: 'ol', items: [[{ t: 'text', v: 'first' }]] },
      { t: 'quote', c: [{ t: 'p', c: [{ t: 'text', v: 'quoted' }] }] },
    ]);
    expect(el.querySelector('h3')?.textContent).toBe('Heading');
    expect(el.querySelector('p strong')?.textContent).toBe('bold');
    expect(el.querySelector('p em')?.textContent).toBe('em');
    expect(el.querySelector('p code')?.textContent).toBe('8 U.S.C. 1357(g)');
    const link = el.querySelector('a')!;
    expect(link.getAttribute('href')).toBe('https://www.ice.gov/287g');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(el.querySelectorAll('ul > li')).toHaveLength(2);
    expect(el.querySelectorAll('ol > li')).toHaveLength(1);
    expect(el.querySelector('blockquote > p')?.textContent).toBe('quoted');
  });

  it('shows markup in text as text, never as HTML', () => {
    const payload = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">';
    const el = mount([
      { t: 'p', c: [{ t: 'text', v: payload }] },
      { t: 'ul', items: [[{ t: 'code', v: payload }]] },
      { t: 'h3', c: [{ t: 'link', href: 'https://example.org/', c: [{ t: 'text', v: payload }] }] },
    ]);
    expect(el.querySelector('script')).toBeNull();
    expect(el.querySelector('img')).toBeNull();
    expect(el.querySelector('p')?.textContent).toBe(payload);
    expect(el.querySelector('code')?.textContent).toBe(payload);
    // The link's own text; after it comes the visually hidden "opens in a new tab".
    expect(el.querySelector('a')?.firstChild?.textContent).toBe(payload);
    expect(el.querySelector('a .visually-hidden')).not.toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('renders an unsafe link as plain text', () => {
    const el = mount([
      {
        t: 'p',
        c: [
          { t: 'link', href: 'javascript:alert(1)', c: [{ t: 'text', v: 'click me' }] },
          { t: 'link', href: 'data:text/html,hi', c: [{ t: 'text', v: 'data' }] },
          { t: 'link', href: '/relative', c: [{ t: 'text', v: 'relative' }] },
        ],
      },
    ]);
    expect(el.querySelector('a')).toBeNull();
    expect(el.textContent).toBe('click medatarelative');
  });
});
