import { detectLanguage, langOfTag } from '../match/language';
import type { Lang } from '../pack-format/types';

/**
 * The language of a text block, asked only for blocks that hold a candidate mention: the nearest
 * `lang` attribute (the page's `<html lang>` included, across shadow roots to their host) when it
 * names Spanish or English; else the stop-word detector over the block; a block too short to tell
 * takes the page's language (its title and headings), and English when even that cannot tell.
 */
export interface BlockLanguage {
  of(element: Element, text: string): Lang;
  /** Forget the page's language (a full rescan: the page may have changed language). */
  reset(): void;
}

export function createBlockLanguage(pageText: () => string): BlockLanguage {
  let page: Lang | null = null;
  const pageLang = (): Lang => (page ??= detectLanguage(pageText()) ?? 'en');
  return {
    of(element, text) {
      let tagged: Element | null = element.closest('[lang]');
      for (let root = element.getRootNode(); tagged === null && root instanceof ShadowRoot; root = root.host.getRootNode()) {
        tagged = root.host.closest('[lang]');
      }
      return langOfTag(tagged?.getAttribute('lang')) ?? detectLanguage(text) ?? pageLang();
    },
    reset() {
      page = null;
    },
  };
}
