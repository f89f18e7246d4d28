import { BLOCK_TAGS, BREAK_TAGS, HEADING_TAGS } from './block-tags';
import { SKIPPED_TAGS, skippedByAttribute } from './skip-rules';

/** A run of text nodes matched as one string: the text of one block up to the next nested block. */
export interface TextBlock {
  /** Nearest block-level ancestor shared by every node in the run. */
  element: Element;
  nodes: Text[];
  /** Offset of each node's first character in `text` (ascending). */
  starts: number[];
  text: string;
  /** Last heading met before the run in document order, or null. Bounds "sections" for marking. */
  heading: Element | null;
}

export interface TextPosition {
  node: Text;
  offset: number;
}

const SHOW = 0x1 /* SHOW_ELEMENT */ | 0x4; /* SHOW_TEXT */

/** What `next(maxSteps)` returns when it stopped after `maxSteps` nodes inside a block: call again to go on. */
export const WALK_PAUSED: unique symbol = Symbol('walk paused');

/**
 * Elements that may host a shadow root (the DOM's attachShadow list; custom elements are told by
 * the "-" in their name). Reading `shadowRoot` on every other element would cost a native call each.
 */
const SHADOW_HOST_TAGS: ReadonlySet<string> = new Set([
  'article',
  'aside',
  'blockquote',
  'body',
  'div',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'main',
  'nav',
  'p',
  'section',
  'span',
]);

interface OpenRun {
  element: Element;
  nodes: Text[];
  starts: number[];
  parts: string[];
  length: number;
  heading: Element | null;
}

export interface BlockWalkerOptions {
  /** Stop (exclusive) when the walk reaches this node. */
  stopAt?: Node | null;
  /** Begin right at this element instead of at the root (the element itself is visited first). */
  startAt?: Element | null;
  /** Heading in effect where the walk starts. */
  heading?: Element | null;
  /** Called for every open shadow root met, so hit-testing can pass them to caret APIs. */
  onShadowRoot?: (root: ShadowRoot) => void;
  /** skippedByAttribute(root), when the caller already has it (two walkers over one root). */
  skipped?: Set<Element>;
}

/**
 * Walks a subtree (and the open shadow roots inside it) in document order and hands back one
 * `TextBlock` per call, so callers can stop between blocks to yield to the page.
 *
 * Skipped subtrees are rejected at their root element: the walker jumps to the element's next
 * sibling, so nothing inside is visited and no text node ever looks at its ancestors. This is
 * FILTER_REJECT done by hand: a NodeFilter callback would run for every text node as well, and
 * that crossing from native code cost about 7x the bare walk on a 200,000-text-node page.
 */
export class BlockWalker {
  private readonly walkers: TreeWalker[] = [];
  /** Elements skipped for an attribute, per tree walked (the root's, then each shadow root's). */
  private readonly skippedSets: Set<Element>[] = [];
  /** Siblings share a parent: remembering the last answer makes most lookups free. */
  private lastParent: Node | null = null;
  private lastBlock: Element | null = null;
  private readonly stopAt: Node | null;
  private readonly onShadowRoot: ((root: ShadowRoot) => void) | undefined;
  private heading: Element | null;
  private run: OpenRun | null = null;
  private pendingStart: Element | null;
  private done = false;
  /** The walker sits on a skipped element: continue after its subtree. */
  private skipping = false;
  /** `localName` of the element `advance` last returned, read once per element. */
  private elementName = '';

  constructor(root: Node, options: BlockWalkerOptions = {}) {
    const doc = root.ownerDocument ?? (root as Document);
    const walker = doc.createTreeWalker(root, SHOW);
    this.stopAt = options.stopAt ?? null;
    this.heading = options.heading ?? null;
    this.onShadowRoot = options.onShadowRoot;
    this.pendingStart = null;
    if (options.startAt) {
      walker.currentNode = options.startAt;
      this.pendingStart = options.startAt;
    }
    this.walkers.push(walker);
    this.skippedSets.push(options.skipped ?? skippedByAttribute(root));
  }

  /**
   * The next run of text, or null when the walk is over. With `maxSteps`, gives up after that many
   * nodes and returns WALK_PAUSED, keeping its place: one block can hold thousands of nodes (a list
   * of 3,000 links in one paragraph), and the caller must be able to yield inside it.
   */
  next(): TextBlock | null;
  next(maxSteps: number): TextBlock | null | typeof WALK_PAUSED;
  next(maxSteps = Infinity): TextBlock | null | typeof WALK_PAUSED {
    let steps = 0;
    while (!this.done) {
      if (steps++ >= maxSteps) return WALK_PAUSED;
      const node = this.advance();
      if (node === null) {
        this.done = true;
        return this.closeRun();
      }
      if (node.nodeType === 3) {
        const text = node as Text;
        const block = this.blockFor(text.parentNode);
        // Whitespace between blocks starts nothing; inside an open run it still separates words.
        if ((this.run === null || this.run.element !== block) && isBlank(text.data)) continue;
        if (this.run !== null && this.run.element !== block) {
          const finished = this.closeRun();
          this.openRun(block, text);
          if (finished) return finished;
        } else if (this.run === null) {
          this.openRun(block, text);
        } else {
          this.append(text);
        }
        continue;
      }
      const finished = this.visitElement(node as Element);
      if (finished) return finished;
    }
    return null;
  }

  private advance(): Node | null {
    if (this.pendingStart) {
      const start = this.pendingStart;
      this.pendingStart = null;
      this.elementName = start.localName;
      return start;
    }
    for (;;) {
      const walker = this.walkers[this.walkers.length - 1];
      if (!walker) return null;
      const node = this.skipping ? nextOutside(walker) : walker.nextNode();
      this.skipping = false;
      if (node === null) {
        this.walkers.pop();
        this.skippedSets.pop();
        continue;
      }
      if (node === this.stopAt) return null;
      if (node.nodeType === 1) {
        const name = (node as Element).localName;
        if (SKIPPED_TAGS.has(name) || this.skippedSets[this.skippedSets.length - 1]!.has(node as Element)) {
          this.skipping = true;
          continue;
        }
        this.elementName = name;
      }
      return node;
    }
  }

  /** Returns a finished run when this element ends the open one. */
  private visitElement(element: Element): TextBlock | null {
    const name = this.elementName;
    let finished: TextBlock | null = null;
    if (HEADING_TAGS.has(name)) {
      finished = this.closeRun();
      this.heading = element;
    } else if (BREAK_TAGS.has(name) && this.run !== null) {
      this.run.parts.push('\n');
      this.run.length += 1;
    }
    const shadow = SHADOW_HOST_TAGS.has(name) || name.includes('-') ? element.shadowRoot : null;
    if (shadow) {
      finished ??= this.closeRun();
      this.onShadowRoot?.(shadow);
      const doc = element.ownerDocument;
      this.walkers.push(doc.createTreeWalker(shadow, SHOW));
      this.skippedSets.push(skippedByAttribute(shadow));
    }
    return finished;
  }

  /**
   * Nearest block element at or above a text node's parent. Usually the parent itself or one or two
   * inline levels up: a few pointer hops and set lookups, nothing like a selector match.
   */
  private blockFor(parent: Node | null): Element {
    if (parent === this.lastParent && this.lastBlock) return this.lastBlock;
    let node = parent;
    while (node !== null) {
      if (node.nodeType === 1) {
        if (BLOCK_TAGS.has((node as Element).localName)) break;
        node = node.parentNode;
      } else if (node.nodeType === 11) {
        node = (node as ShadowRoot).host ?? null;
      } else {
        node = null;
      }
    }
    const block = (node as Element | null) ?? this.fallbackBlock();
    this.lastParent = parent;
    this.lastBlock = block;
    return block;
  }

  private fallbackBlock(): Element {
    const walker = this.walkers[0];
    const root = walker ? walker.root : null;
    const doc = root?.ownerDocument ?? (root as Document | null);
    return doc?.documentElement ?? (root as Element);
  }

  private openRun(element: Element, text: Text): void {
    this.run = { element, nodes: [], starts: [], parts: [], length: 0, heading: this.heading };
    this.append(text);
  }

  private append(text: Text): void {
    const run = this.run!;
    const data = text.data;
    run.nodes.push(text);
    run.starts.push(run.length);
    run.parts.push(data);
    run.length += data.length;
  }

  private closeRun(): TextBlock | null {
    const run = this.run;
    if (run === null) return null;
    this.run = null;
    return {
      element: run.element,
      nodes: run.nodes,
      starts: run.starts,
      text: run.parts.join(''),
      heading: run.heading,
    };
  }
}

const NON_BLANK = /\S/;
function isBlank(data: string): boolean {
  // Most text starts with a printable ASCII character: no regex needed.
  const first = data.charCodeAt(0);
  if (first > 32 && first < 127) return false;
  return !NON_BLANK.test(data);
}

/** The node after the walker's current node and its whole subtree, or null at the end of the root. */
function nextOutside(walker: TreeWalker): Node | null {
  for (;;) {
    const sibling = walker.nextSibling();
    if (sibling) return sibling;
    if (!walker.parentNode()) return null;
  }
}

/**
 * Maps an offset in `block.text` to a position in one of its nodes. A start position at a node
 * boundary lands at the beginning of the later node, an end position at the end of the earlier one,
 * so ranges never begin or end on an empty stretch of a neighbouring node.
 */
export function positionAt(block: TextBlock, offset: number, edge: 'start' | 'end'): TextPosition | null {
  const { nodes, starts } = block;
  if (nodes.length === 0) return null;
  let low = 0;
  let high = nodes.length - 1;
  // Last node whose start is < offset (end) or <= offset (start).
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    const start = starts[mid]!;
    if (edge === 'start' ? start <= offset : start < offset) low = mid;
    else high = mid - 1;
  }
  let index = low;
  let node = nodes[index]!;
  let local = offset - starts[index]!;
  if (edge === 'start' && local >= node.data.length && index + 1 < nodes.length) {
    // Offset falls on a separator added for <br>, or at the very end of this node.
    index += 1;
    node = nodes[index]!;
    local = 0;
  }
  if (local < 0) local = 0;
  if (local > node.data.length) local = node.data.length;
  return { node, offset: local };
}

/** Nodes from the one holding `start` to the one holding `end`, inclusive. */
export function nodesBetween(block: TextBlock, start: Text, end: Text): Text[] {
  const from = block.nodes.indexOf(start);
  const to = block.nodes.indexOf(end, from);
  return from === -1 || to === -1 ? [start] : block.nodes.slice(from, to + 1);
}
