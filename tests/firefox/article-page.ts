/**
 * The article page as the Firefox e2e tests read it: marks as the content script draws them, the
 * card in our shadow host, and where a term sits on screen. Reads only; never changes the page.
 */
import type { Page } from 'puppeteer-core';
import { HIGHLIGHT_NAME, SHADOW_HOST_TAG } from '../../lib/dom/constants';

export interface CardSnapshot {
  visible: boolean;
  title: string;
  facts: string[];
  sources: { href: string; rel: string; target: string }[];
  fullLink: string | null;
  lang: string | null;
}

/** Marks in the page, read the way the content script draws them in this browser. */
export function readMarks(page: Page): Promise<{ api: 'highlights' | 'none'; texts: string[] }> {
  return page.evaluate((name) => {
    if (typeof CSS === 'undefined' || !('highlights' in CSS)) return { api: 'none' as const, texts: [] };
    const highlight = CSS.highlights.get(name);
    const texts = [...(highlight ?? [])].map((range) => {
      const live = document.createRange();
      live.setStart(range.startContainer, range.startOffset);
      live.setEnd(range.endContainer, range.endOffset);
      return live.toString();
    });
    return { api: 'highlights' as const, texts };
  }, HIGHLIGHT_NAME);
}

export function readCard(page: Page): Promise<CardSnapshot | null> {
  return page.evaluate((hostTag) => {
    const root = document.querySelector(hostTag)?.shadowRoot;
    const card = root?.querySelector<HTMLElement>('[data-testid="explainer-card"]');
    if (!root || !card) return null;
    const rect = card.getBoundingClientRect();
    const style = getComputedStyle(card);
    return {
      visible: rect.width > 0 && rect.height > 0 && style.visibility !== 'hidden' && style.display !== 'none',
      title: card.querySelector('[data-testid="card-title"]')?.textContent?.trim() ?? '',
      facts: [...card.querySelectorAll('li[data-testid="card-fact"]')].map((fact) => fact.textContent ?? ''),
      sources: [...card.querySelectorAll<HTMLAnchorElement>('a[data-testid="card-source"]')].map((link) => ({
        href: link.href,
        rel: link.getAttribute('rel') ?? '',
        target: link.getAttribute('target') ?? '',
      })),
      fullLink: card.querySelector('a[data-testid="card-full-link"]')?.getAttribute('href') ?? null,
      lang: card.getAttribute('lang'),
    };
  }, SHADOW_HOST_TAG);
}

/** Viewport centre of `term` inside the text node holding `phrase`, found with a Range (no DOM change). */
export async function termPoint(page: Page, phrase: string, term: string): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(
    (phrase, term) => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = (node.textContent ?? '').indexOf(phrase);
        if (at < 0) continue;
        const start = at + phrase.indexOf(term);
        const range = document.createRange();
        range.setStart(node, start);
        range.setEnd(node, start + term.length);
        node.parentElement?.scrollIntoView({ block: 'center' });
        const rect = range.getBoundingClientRect();
        return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
      }
      return null;
    },
    phrase,
    term,
  );
  if (!point) throw new Error(`"${phrase}" is not on the page`);
  return point;
}
