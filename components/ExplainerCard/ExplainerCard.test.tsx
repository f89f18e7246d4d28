import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CardData } from '../../lib/messages';
import { useEnglishMessages } from '../testing/i18n';
import { ExplainerCard } from './ExplainerCard';

const FULL_URL = 'chrome-extension://abc/explainer.html#287g-program';
/** A reader's clock a few days after the card's newest figure. */
const SOON = Date.UTC(2026, 1, 20, 12);
const day = (iso: string) => Date.parse(`${iso}T12:00:00Z`);

function cardData(overrides: Partial<CardData> = {}): CardData {
  return {
    id: '287g-program',
    lang: 'en',
    title: '287(g) program',
    summary: 'A federal program under which ICE deputizes trained state and local officers.',
    category: 'Federal programs',
    updated: '2026-02-18',
    facts: [
      { text: 'ICE data showed 1,412 active agreements.', sources: ['https://www.ice.gov/287g'], asOf: '2026-02-13' },
      { text: 'GAO found the program grew from 35 to about 150.', sources: ['https://gao.gov/products/gao-21-186', 'https://www.ice.gov/287g'] },
      { text: 'Joining is voluntary under federal law.', sources: ['https://gigafact.org/x'] },
    ],
    sources: [{ title: 'Delegation of Immigration Authority', url: 'https://www.ice.gov/287g', publisher: 'ICE' }],
    figuresAsOf: '2026-02-13',
    staleAfterDays: 180,
    ...overrides,
  };
}

let root: HTMLElement;
function mount(node: preact.ComponentChild): HTMLElement {
  root = document.createElement('div');
  document.body.append(root);
  render(node, root);
  return root;
}

beforeEach(() => useEnglishMessages());
afterEach(() => {
  render(null, root);
  root.remove();
  vi.restoreAllMocks();
});

describe('ExplainerCard', () => {
  it('renders title, summary, facts with publisher-named sources, updated date and the full link', () => {
    const el = mount(<ExplainerCard card={cardData()} fullUrl={FULL_URL} onClose={() => {}} now={SOON} />);
    const dialog = el.querySelector('[data-testid="explainer-card"]')!;
    expect(dialog.getAttribute('role')).toBe('dialog');
    const title = el.querySelector('[data-testid="card-title"]')!;
    expect(title.textContent).toBe('287(g) program');
    expect(dialog.getAttribute('aria-labelledby')).toBe(title.id);
    expect(el.textContent).toContain('A federal program under which ICE deputizes');

    const facts = el.querySelectorAll('li[data-testid="card-fact"]');
    expect(facts).toHaveLength(3);
    expect(facts[0]!.textContent).toContain('1,412 active agreements');
    expect(facts[0]!.textContent).toContain('as of Feb 2026');
    expect(facts[0]!.textContent).not.toContain('older figure');
    expect(facts[1]!.textContent).not.toContain('as of');

    const sources = [...el.querySelectorAll<HTMLAnchorElement>('a[data-testid="card-source"]')];
    // Named by publisher: the explainer's own for its listed source, a known site's, else the host.
    expect(sources.map((a) => a.textContent)).toEqual(['ICE', 'GAO', 'ICE', 'gigafact.org']);
    expect(sources[0]!.getAttribute('href')).toBe('https://www.ice.gov/287g');
    expect(sources[0]!.getAttribute('title')).toBe('Delegation of Immigration Authority — ICE');
    for (const a of sources) {
      expect(a.getAttribute('target')).toBe('_blank');
      expect(a.getAttribute('rel')).toBe('noopener noreferrer');
    }

    // The header carries the review date and, beside it, the newest figure's date.
    const head = el.querySelector('.ce-head')!;
    expect(head.querySelector('[data-testid="card-updated"]')?.textContent).toBe('Updated Feb 18, 2026');
    expect(head.querySelector('[data-testid="card-figures-as-of"]')?.textContent).toBe('Figures as of Feb 2026');
    expect(el.querySelector('[data-testid="card-corrected"]')).toBeNull();
    const full = el.querySelector<HTMLAnchorElement>('a[data-testid="card-full-link"]')!;
    expect(full.getAttribute('href')).toBe(FULL_URL);
    expect(full.getAttribute('target')).toBe('_blank');
    expect(full.textContent).toContain('Read the full explainer');
  });

  it('marks a figure past staleAfterDays on the reader\'s clock as older, in words', () => {
    const card = cardData({ staleAfterDays: 30 });
    const fresh = mount(<ExplainerCard card={card} fullUrl={FULL_URL} onClose={() => {}} now={day('2026-03-15')} />);
    expect(fresh.querySelector('[data-testid="card-fact-as-of-stale"]')).toBeNull();
    render(null, root);
    root.remove();

    const old = mount(<ExplainerCard card={card} fullUrl={FULL_URL} onClose={() => {}} now={day('2026-03-16')} />);
    const marker = old.querySelector('[data-testid="card-fact-as-of-stale"]')!;
    expect(marker.textContent).toBe('older figure');
    expect(marker.getAttribute('title')).toBe('This figure is more than 30 days old; newer numbers may exist.');
    expect(old.querySelector('li[data-testid="card-fact"]')!.textContent).toContain('as of Feb 2026 · older figure');
    // Facts without a date carry no marker at all.
    expect(old.querySelectorAll('[data-testid="card-fact-as-of"]')).toHaveLength(1);
  });

  it('says "Corrected <date>" for 30 days after the latest correction', () => {
    const card = cardData({ latestCorrection: { date: '2026-02-18', text: 'The count was 1,412, not 1,421.' } });
    const within = mount(<ExplainerCard card={card} fullUrl={FULL_URL} onClose={() => {}} now={day('2026-03-20')} />);
    const notice = within.querySelector('[data-testid="card-corrected"]')!;
    expect(notice.textContent).toBe('Corrected Feb 18, 2026');
    expect(notice.getAttribute('title')).toBe('The count was 1,412, not 1,421.');
    render(null, root);
    root.remove();

    const after = mount(<ExplainerCard card={card} fullUrl={FULL_URL} onClose={() => {}} now={day('2026-03-21')} />);
    expect(after.querySelector('[data-testid="card-corrected"]')).toBeNull();
  });

  it('never links a javascript: or data: source', () => {
    const el = mount(
      <ExplainerCard
        card={cardData({
          facts: [
            { text: 'Fact with a bad source.', sources: ['javascript:alert(document.cookie)', 'https://www.dhs.gov/x'] },
            { text: 'Fact with only bad sources.', sources: ['data:text/html,<b>x</b>'] },
          ],
        })}
        fullUrl={FULL_URL}
        onClose={() => {}}
      />,
    );
    const hrefs = [...el.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs.sort()).toEqual([FULL_URL, 'https://www.dhs.gov/x'].sort());
    expect(el.innerHTML).not.toContain('javascript:');
    expect(el.innerHTML).not.toContain('data:text');
    expect(el.querySelectorAll('li[data-testid="card-fact"]')).toHaveLength(2);
  });

  it('previews at most three facts and says how many more the full page has, in the link right after Close', () => {
    const facts = Array.from({ length: 8 }, (_, i) => ({ text: `Fact ${i}`, sources: ['https://www.ice.gov/'] }));
    const el = mount(<ExplainerCard card={cardData({ facts: facts.slice(0, 5), factCount: 8 })} fullUrl={FULL_URL} onClose={() => {}} />);
    expect(el.querySelectorAll('li[data-testid="card-fact"]')).toHaveLength(3);
    const full = el.querySelector<HTMLAnchorElement>('a[data-testid="card-full-link"]')!;
    expect(full.textContent).toBe('+5 more facts · Read the full explainer → (opens in a new tab)');
    // Tab order is DOM order here: the close button, then this link, before any source link.
    const focusable = [...el.querySelectorAll<HTMLElement>('a[href], button')];
    const close = el.querySelector('button[aria-label="Close"]')!;
    expect(focusable.indexOf(full)).toBe(focusable.indexOf(close as HTMLElement) + 1);
    expect(focusable.indexOf(full)).toBeLessThan(focusable.indexOf(el.querySelector('a[data-testid="card-source"]')!));
    render(null, root);

    render(<ExplainerCard card={cardData({ factCount: 4 })} fullUrl={FULL_URL} onClose={() => {}} />, root);
    expect(root.querySelector('a[data-testid="card-full-link"]')!.textContent).toContain('+1 more fact · Read the full explainer');
    render(null, root);
    render(<ExplainerCard card={cardData({ factCount: 3 })} fullUrl={FULL_URL} onClose={() => {}} />, root);
    expect(root.querySelector('a[data-testid="card-full-link"]')!.textContent).toBe('Read the full explainer → (opens in a new tab)');
  });

  it('takes the page\'s theme when given one', () => {
    const el = mount(<ExplainerCard card={cardData()} fullUrl={FULL_URL} onClose={() => {}} theme="dark" />);
    expect(el.querySelector('[data-testid="explainer-card"]')!.getAttribute('data-theme')).toBe('dark');
  });

  it('offers "Try again" and "Open full explainer" after an error', () => {
    const onRetry = vi.fn();
    const onOpenFull = vi.fn();
    const el = mount(<ExplainerCard card="error" fullUrl={FULL_URL} onClose={() => {}} onRetry={onRetry} onOpenFull={onOpenFull} />);
    el.querySelector<HTMLButtonElement>('[data-testid="card-retry"]')!.click();
    expect(onRetry).toHaveBeenCalledTimes(1);
    const open = el.querySelector<HTMLAnchorElement>('a[data-testid="card-error-full-link"]')!;
    expect(open.getAttribute('href')).toBe(FULL_URL);
    expect(open.textContent).toBe('Open full explainer (opens in a new tab)');
    open.click();
    expect(onOpenFull).toHaveBeenCalledTimes(1);
  });

  it('has a keyboard-operable menu: arrows move, Esc closes the menu before the card', async () => {
    const onClose = vi.fn();
    const actions = { hideTopic: vi.fn(), pauseSite: vi.fn(), openSettings: vi.fn() };
    const el = mount(<ExplainerCard card={cardData()} fullUrl={FULL_URL} onClose={onClose} menu={actions} />);
    const button = el.querySelector<HTMLButtonElement>('[data-testid="card-menu-button"]')!;
    expect(button.getAttribute('aria-haspopup')).toBe('menu');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    button.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    await vi.waitFor(() => expect(el.querySelector('[role="menu"]')).not.toBeNull());
    const items = [...el.querySelectorAll<HTMLElement>('[role="menuitem"]')];
    expect(items.map((item) => item.textContent)).toEqual(["Don't mark this topic", 'Pause on this site', 'Settings']);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    await vi.waitFor(() => expect(document.activeElement).toBe(items[0]));
    items[0]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true }));
    expect(document.activeElement).toBe(items[2]);
    items[2]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await vi.waitFor(() => expect(el.querySelector('[role="menu"]')).toBeNull());
    expect(onClose).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(button);
    button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(onClose).toHaveBeenCalledTimes(1);

    button.click();
    await vi.waitFor(() => expect(el.querySelector('[data-testid="card-menu-hide-topic"]')).not.toBeNull());
    el.querySelector<HTMLButtonElement>('[data-testid="card-menu-hide-topic"]')!.click();
    expect(actions.hideTopic).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(el.querySelector('[role="menu"]')).toBeNull());
  });

  it('closes from the close button and from Escape', () => {
    const onClose = vi.fn();
    const el = mount(<ExplainerCard card={cardData()} fullUrl={FULL_URL} onClose={onClose} />);
    const close = el.querySelector<HTMLButtonElement>('button[aria-label="Close"]')!;
    close.click();
    expect(onClose).toHaveBeenCalledTimes(1);
    close.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  it('hands the full-link click to onOpenFull when given', () => {
    const onOpenFull = vi.fn();
    const el = mount(<ExplainerCard card={cardData()} fullUrl={FULL_URL} onClose={() => {}} onOpenFull={onOpenFull} />);
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    el.querySelector('a[data-testid="card-full-link"]')!.dispatchEvent(click);
    expect(onOpenFull).toHaveBeenCalledTimes(1);
    expect(click.defaultPrevented).toBe(true);
  });

  it('has labelled loading and error states with a close button', () => {
    const el = mount(<ExplainerCard card="loading" fullUrl={FULL_URL} onClose={() => {}} />);
    let dialog = el.querySelector('[data-testid="explainer-card"]')!;
    expect(dialog.getAttribute('aria-busy')).toBe('true');
    expect(el.querySelector(`#${CSS.escape(dialog.getAttribute('aria-labelledby')!)}`)?.textContent).toBe('Loading explainer…');
    expect(el.querySelector('[data-testid="card-title"]')).toBeNull();

    render(<ExplainerCard card="error" fullUrl={FULL_URL} onClose={() => {}} />, root);
    dialog = el.querySelector('[data-testid="explainer-card"]')!;
    expect(el.querySelector('[role="alert"]')?.textContent).toBe('This explainer could not be loaded.');
    expect(el.querySelector('button[aria-label="Close"]')).not.toBeNull();
  });

  it('offers "Open link" for a tapped term inside a page link, only when the link is http(s)', () => {
    const el = mount(<ExplainerCard card={cardData()} fullUrl={FULL_URL} onClose={() => {}} link="https://news.example/story" />);
    const open = el.querySelector<HTMLAnchorElement>('a[data-testid="card-open-link"]')!;
    expect(open.getAttribute('href')).toBe('https://news.example/story');
    expect(open.getAttribute('rel')).toBe('noopener noreferrer');
    expect(open.textContent).toBe('Open link');
    render(null, root);
    for (const link of ['javascript:alert(1)', 'data:text/html,x', '/relative', undefined]) {
      render(<ExplainerCard card={cardData()} fullUrl={FULL_URL} onClose={() => {}} link={link} />, root);
      expect(root.querySelector('[data-testid="card-open-link"]')).toBeNull();
      render(null, root);
    }
  });

  it('offers "Open link" while the card is still loading', () => {
    const el = mount(<ExplainerCard card="loading" fullUrl={FULL_URL} onClose={() => {}} link="https://news.example/story" />);
    expect(el.querySelector('a[data-testid="card-open-link"]')?.getAttribute('href')).toBe('https://news.example/story');
  });
});
