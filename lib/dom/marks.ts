import type { TextMatch } from '../match/types';
import type { Lang } from '../pack-format/types';
import { SECTION_TAGS } from './block-tags';
import { nodesBetween, positionAt, type TextBlock } from './text-blocks';

/** One accepted mention on the page. */
export interface Mark {
  explainerId: string;
  termIndex: number;
  text: string;
  /** StaticRange where available: it costs nothing on later DOM changes, which we track ourselves. */
  range: AbstractRange;
  /** Every text node the range touches, first to last (the hit-test index keys). */
  nodes: Text[];
  /** The block the mention was found in; rescans of a block drop its marks. */
  block: Element;
  /** Marks with the same section key and explainer form one group for first-mention marking. */
  section: string;
  /** The language of the text it was found in: the card shows the explainer in it when the reader lets the page decide. */
  lang: Lang;
}

export function createTextRange(start: Text, startOffset: number, end: Text, endOffset: number): AbstractRange {
  if (typeof StaticRange === 'function') {
    return new StaticRange({ startContainer: start, startOffset, endContainer: end, endOffset });
  }
  const range = start.ownerDocument.createRange();
  range.setStart(start, startOffset);
  range.setEnd(end, endOffset);
  return range;
}

/** A live Range for the geometry APIs that StaticRange lacks. */
export function liveRange(mark: Mark): Range {
  const { range } = mark;
  if (range instanceof Range) return range;
  const live = mark.nodes[0]!.ownerDocument.createRange();
  live.setStart(range.startContainer, range.startOffset);
  live.setEnd(range.endContainer, range.endOffset);
  return live;
}

const ids = new WeakMap<Node, number>();
let nextId = 1;
function idOf(node: Node | null): number {
  if (node === null) return 0;
  let id = ids.get(node);
  if (id === undefined) {
    id = nextId++;
    ids.set(node, id);
  }
  return id;
}

const sectionElements = new WeakMap<Element, Element | null>();
/** Nearest section-like container, remembered for every element passed on the way up. */
function sectionElementOf(element: Element): Element | null {
  const path: Element[] = [];
  let current: Element | null = element;
  let found: Element | null = null;
  while (current !== null) {
    const known = sectionElements.get(current);
    if (known !== undefined) {
      found = known;
      break;
    }
    if (SECTION_TAGS.has(current.localName)) {
      found = current;
      break;
    }
    path.push(current);
    current = current.parentElement ?? ((current.parentNode as ShadowRoot | null)?.host ?? null);
  }
  for (const element of path) sectionElements.set(element, found);
  if (current !== null && found === current) sectionElements.set(current, current);
  return found;
}

/** Section = nearest section/article/main container, split further by the headings inside it. */
export function sectionKeyOf(block: TextBlock): string {
  return `${idOf(sectionElementOf(block.element))}/${idOf(block.heading)}`;
}

/** Turns matcher offsets (into `block.text`) into marks anchored on the block's text nodes. */
export function marksFromMatches(block: TextBlock, matches: readonly TextMatch[]): Mark[] {
  if (matches.length === 0) return [];
  const section = sectionKeyOf(block);
  const marks: Mark[] = [];
  for (const match of matches) {
    if (match.end <= match.start) continue;
    const start = positionAt(block, match.start, 'start');
    const end = positionAt(block, match.end, 'end');
    if (!start || !end) continue;
    marks.push({
      explainerId: match.explainerId,
      termIndex: match.termIndex,
      text: match.text,
      range: createTextRange(start.node, start.offset, end.node, end.offset),
      nodes: start.node === end.node ? [start.node] : nodesBetween(block, start.node, end.node),
      block: block.element,
      section,
      lang: match.lang,
    });
  }
  return marks;
}

const FOLLOWING = 4;
/** Document order of two marks (negative when `a` comes first). */
export function compareMarks(a: Mark, b: Mark): number {
  const nodeA = a.nodes[0]!;
  const nodeB = b.nodes[0]!;
  if (nodeA === nodeB) return a.range.startOffset - b.range.startOffset;
  return nodeA.compareDocumentPosition(nodeB) & FOLLOWING ? -1 : 1;
}

/** The text the mark covers now, read from its nodes (works for static and live ranges alike). */
function currentText(mark: Mark): string {
  const { range, nodes } = mark;
  const last = nodes.length - 1;
  return nodes
    .map((node, index) => node.data.slice(index === 0 ? range.startOffset : 0, index === last ? range.endOffset : undefined))
    .join('');
}

/** Whether the mark's text is still where it was found: not removed, not edited. */
export function isMarkIntact(mark: Mark): boolean {
  return mark.nodes.every((node) => node.isConnected) && currentText(mark) === mark.text;
}
