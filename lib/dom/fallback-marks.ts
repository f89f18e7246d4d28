import type { HighlightStyle } from '../settings-core';
import { FALLBACK_MARK_TAG } from './constants';
import type { MarkPainter } from './highlights';
import { compareMarks, createTextRange, type Mark } from './marks';

/**
 * Painter for browsers without `CSS.highlights` only (Firefox before 140): wraps each shown mention
 * in a `FALLBACK_MARK_TAG` element. `mutate` runs our own DOM changes with the mutation observer
 * paused so they are not mistaken for page changes. Marks are updated in place to point at the
 * wrapped text so hit-testing keeps working.
 */
export function createFallbackPainter(mutate: (change: () => void) => void, initialStyle: HighlightStyle): MarkPainter {
  const wrapped = new Set<Mark>();
  let active: Mark | null = null;
  let style = initialStyle;

  const wrappersOf = (mark: Mark): Element[] =>
    mark.nodes
      .map((node) => node.parentElement)
      .filter((parent): parent is HTMLElement => parent !== null && parent.localName === FALLBACK_MARK_TAG);

  const unwrap = (mark: Mark): void => {
    for (const wrapper of wrappersOf(mark)) wrapper.replaceWith(...wrapper.childNodes);
    wrapped.delete(mark);
  };

  const wrap = (mark: Mark): void => {
    const { range } = mark;
    const last = mark.nodes.length - 1;
    const nodes = mark.nodes.map((node, index) => {
      const from = index === 0 ? range.startOffset : 0;
      const to = index === last ? range.endOffset : node.data.length;
      if (to <= from) return node;
      const middle = from > 0 ? node.splitText(from) : node;
      if (to - from < middle.data.length) middle.splitText(to - from);
      const wrapper = node.ownerDocument.createElement(FALLBACK_MARK_TAG);
      wrapper.setAttribute('data-style', style);
      middle.replaceWith(wrapper);
      wrapper.append(middle);
      return middle;
    });
    mark.nodes = nodes;
    const lastNode = nodes[last]!;
    mark.range = createTextRange(nodes[0]!, 0, lastNode, lastNode.data.length);
    wrapped.add(mark);
  };

  return {
    update(shown, hidden) {
      mutate(() => {
        for (const mark of hidden) if (wrapped.has(mark)) unwrap(mark);
        // Later mentions first, so splitting a text node never moves an earlier mention's offsets.
        const fresh = shown.filter((mark) => !wrapped.has(mark)).sort(compareMarks).reverse();
        for (const mark of fresh) if (mark.nodes.every((node) => node.isConnected)) wrap(mark);
      });
    },
    setStyle(next) {
      style = next;
      mutate(() => {
        for (const mark of wrapped) for (const wrapper of wrappersOf(mark)) wrapper.setAttribute('data-style', style);
      });
    },
    setActive(mark) {
      if (active) for (const wrapper of wrappersOf(active)) wrapper.removeAttribute('data-active');
      active = mark;
      if (mark) for (const wrapper of wrappersOf(mark)) wrapper.setAttribute('data-active', '');
    },
    release(root) {
      mutate(() => {
        for (const mark of [...wrapped]) if (root.contains(mark.nodes[0]!)) unwrap(mark);
      });
    },
    clear() {
      mutate(() => {
        for (const mark of [...wrapped]) unwrap(mark);
      });
      active = null;
    },
  };
}
