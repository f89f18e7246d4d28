import type { Block, Inline } from '../pack-format/pack-schema';
import type { Explainer } from '../pack-format/types';

function inlineText(inlines: readonly Inline[], out: string[]): void {
  for (const inline of inlines) {
    if (inline.t === 'text' || inline.t === 'code') out.push(inline.v);
    else inlineText(inline.c, out);
  }
}

function blockText(blocks: readonly Block[], out: string[]): void {
  for (const block of blocks) {
    if (block.t === 'quote') blockText(block.c, out);
    else if (block.t === 'p' || block.t === 'h3') inlineText(block.c, out);
    else for (const item of block.items) inlineText(item, out);
  }
}

/** The explainer's section text as plain words, for search at a lower weight than its names. */
export function bodyText(explainer: Explainer): string {
  const out: string[] = [];
  const { happening, stake, matters, context } = explainer.sections;
  for (const blocks of [happening, stake, matters, context ?? []]) blockText(blocks, out);
  return out.join(' ');
}
