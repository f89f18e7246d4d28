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

/** What `next(maxSteps)` returns when it stopped after `maxSteps` nodes inside a block: call again to go on. */
export const WALK_PAUSED: unique symbol = Symbol('walk paused');

/**
 * Elements that may host a shadow root (the DOM's attachShadow list; custom elements are told by
 * the "-" in their name). Reading `shadowRoot` on every other element would cost a native call each.
 */
export const SHADOW_HOST_TAGS: readonly string[] = [
  'article',
  'aside',
  'blockquote',
  'body',
  'div',
  'footer',
  ...HEADING_TAGS,
  'header',
  'main',
  'nav',
  'p',
  'section',
  'span',
];

const SKIP = 1;
const BLOCK = 2;
const HEADING = 4;
const BREAK = 8;
const HOST = 16;

/** Every rule that depends on an element's name, as bits: one map lookup per element instead of five set lookups. */
const TAG_FLAGS: ReadonlyMap<string, number> = (() => {
  const flags = new Map<string, number>();
  const add = (names: Iterable<string>, flag: number) => {
    for (const name of names) flags.set(name, (flags.get(name) ?? 0) | flag);
  };
  add(SKIPPED_TAGS, SKIP);
  add(BLOCK_TAGS, BLOCK);
  add(HEADING_TAGS, HEADING);
  add(BREAK_TAGS, BREAK);
  add(SHADOW_HOST_TAGS, HOST);
  return flags;
})();

interface OpenRun {
  element: Element;
  nodes: Text[];
  starts: number[];
  /** The run's text so far: one node's data until a second node (or a break) makes it a list. */
  first: string;
  parts: string[] | null;
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
  skipped?: readonly Element[];
}

/**
 * Walks a subtree (and the open shadow roots inside it) in document order and hands back one
 * `TextBlock` per call, so callers can stop between blocks to yield to the page.
 *
 * The walk steps by `firstChild` / `nextSibling` and keeps, for every element it is inside, the
 * block that element's text belongs to: a text node never looks up its parent or climbs to find its
 * block, and a skipped subtree is rejected at its root element by not stepping into it. (A
 * TreeWalker needs a `parentNode` read and a climb per text node for the same answers, and in a
 * content script's isolated world every node a script touches costs a wrapper lookup.)
 */
export class BlockWalker {
  /** Open containers (elements, shadow roots), outermost first; the last one's children are being walked. */
  private readonly containers: Node[] = [];
  /** Block that text directly inside each open container belongs to. */
  private readonly blocks: Element[] = [];
  /**
   * Elements skipped for an attribute in the tree being walked, in document order, and the index of
   * the next one the walk can meet: a pointer comparison per element instead of a set lookup.
   */
  private skipList: readonly Element[];
  private skipAt = 0;
  /** Skip lists of the trees around the shadow root being walked. */
  private readonly outerSkips: { list: readonly Element[]; at: number }[] = [];
  private readonly stopAt: Node | null;
  private readonly onShadowRoot: ((root: ShadowRoot) => void) | undefined;
  private heading: Element | null;
  private run: OpenRun | null = null;
  /** Next node to visit, or null when the walk is over. */
  private node: Node | null;

  constructor(root: Node, options: BlockWalkerOptions = {}) {
    this.stopAt = options.stopAt ?? null;
    this.heading = options.heading ?? null;
    this.onShadowRoot = options.onShadowRoot;
    // The root itself is never visited, so an attribute on it does not skip it (callers check that).
    this.skipList = options.skipped ?? skippedByAttribute(root);
    this.containers.push(root);
    this.blocks.push(blockAround(root));
    const startAt = options.startAt ?? null;
    const shadow = root.nodeType === 1 ? (root as Element).shadowRoot : null;
    if (startAt !== null && startAt !== root && root.contains(startAt)) {
      this.openAncestors(root, startAt);
      this.node = startAt;
    } else if (shadow) {
      // A rescan rooted at a shadow host (one an app just inserted) walks its shadow tree, then its children.
      this.node = this.enterShadow(shadow, this.blocks[0]!);
    } else {
      this.node = root.firstChild;
    }
  }

  /** Opens the containers between the root and `startAt`, and moves the skip list past what lies before it. */
  private openAncestors(root: Node, startAt: Element): void {
    const chain: Node[] = [];
    for (let node = startAt.parentNode; node !== null && node !== root; node = node.parentNode) chain.push(node);
    for (let i = chain.length - 1; i >= 0; i--) {
      const container = chain[i]!;
      const outer = this.blocks[this.blocks.length - 1]!;
      const flags = container.nodeType === 1 ? (TAG_FLAGS.get((container as Element).localName) ?? 0) : 0;
      this.containers.push(container);
      this.blocks.push(flags & BLOCK ? (container as Element) : outer);
    }
    const list = this.skipList;
    let low = 0;
    let high = list.length;
    // First listed element that neither precedes `startAt` nor contains it.
    while (low < high) {
      const mid = (low + high) >> 1;
      if (startAt.compareDocumentPosition(list[mid]!) & PRECEDING) low = mid + 1;
      else high = mid;
    }
    this.skipAt = low;
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
    for (;;) {
      const node = this.node;
      if (node === null || node === this.stopAt) {
        this.node = null;
        return this.closeRun();
      }
      if (steps++ >= maxSteps) return WALK_PAUSED;
      const type = node.nodeType;
      if (type === 3) {
        const text = node as Text;
        const block = this.blocks[this.blocks.length - 1]!;
        const run = this.run;
        this.node = this.after(node);
        if (run !== null && run.element === block) {
          this.append(run, text);
          continue;
        }
        // Whitespace between blocks starts nothing; inside an open run it still separates words.
        const data = text.data;
        if (isBlank(data)) continue;
        const finished = this.closeRun();
        this.openRun(block, text, data);
        if (finished) return finished;
        continue;
      }
      if (type !== 1) {
        this.node = this.after(node);
        continue;
      }
      const finished = this.visitElement(node as Element);
      if (finished) return finished;
    }
  }

  /** Steps into, or over, an element. Returns a finished run when this element ends the open one. */
  private visitElement(element: Element): TextBlock | null {
    const name = element.localName;
    const flags = TAG_FLAGS.get(name) ?? (name.includes('-') ? HOST : 0);
    const list = this.skipList;
    if (flags & SKIP || element === list[this.skipAt]) {
      // Listed elements inside this subtree will never be met: move past them.
      while (this.skipAt < list.length && element.contains(list[this.skipAt]!)) this.skipAt++;
      this.node = this.after(element);
      return null;
    }
    let finished: TextBlock | null = null;
    if (flags & HEADING) {
      finished = this.closeRun();
      this.heading = element;
    } else if (flags & BREAK && this.run !== null) {
      this.addBreak(this.run);
    }
    const inside = flags & BLOCK ? element : this.blocks[this.blocks.length - 1]!;
    const shadow = flags & HOST ? element.shadowRoot : null;
    if (shadow) {
      finished ??= this.closeRun();
      this.node = this.enterShadow(shadow, inside);
      return finished;
    }
    this.node = this.enter(element, inside);
    return finished;
  }

  /** The first node of a shadow tree, walked with its own skip list; its host's children follow it (leaveShadow). */
  private enterShadow(shadow: ShadowRoot, inside: Element): Node | null {
    this.onShadowRoot?.(shadow);
    this.outerSkips.push({ list: this.skipList, at: this.skipAt });
    this.skipList = skippedByAttribute(shadow);
    this.skipAt = 0;
    return this.enter(shadow, inside);
  }

  /** The first node inside `container` (its children become the ones walked), or what follows it. */
  private enter(container: Node, inside: Element): Node | null {
    const first = container.firstChild;
    if (first !== null) {
      this.containers.push(container);
      this.blocks.push(inside);
      return first;
    }
    if (container.nodeType === 11) return this.leaveShadow(container as ShadowRoot, inside);
    return this.after(container);
  }

  /** After a shadow tree comes its host's own children, then what follows the host. */
  private leaveShadow(shadow: ShadowRoot, inside: Element): Node | null {
    const outer = this.outerSkips.pop()!;
    this.skipList = outer.list;
    this.skipAt = outer.at;
    return this.enter(shadow.host, inside);
  }

  /** The node after `node` and its whole subtree, closing the containers that ran out. */
  private after(node: Node): Node | null {
    let current = node;
    for (;;) {
      const sibling = current.nextSibling;
      if (sibling !== null) return sibling;
      // `current` was the last child of the innermost open container.
      if (this.containers.length === 1) return null;
      const container = this.containers.pop()!;
      const inside = this.blocks.pop()!;
      if (container.nodeType === 11) return this.leaveShadow(container as ShadowRoot, inside);
      current = container;
    }
  }

  private openRun(element: Element, text: Text, data: string): void {
    this.run = { element, nodes: [text], starts: [0], first: data, parts: null, length: data.length, heading: this.heading };
  }

  private append(run: OpenRun, text: Text): void {
    const data = text.data;
    run.nodes.push(text);
    run.starts.push(run.length);
    (run.parts ??= [run.first]).push(data);
    run.length += data.length;
  }

  private addBreak(run: OpenRun): void {
    (run.parts ??= [run.first]).push('\n');
    run.length += 1;
  }

  private closeRun(): TextBlock | null {
    const run = this.run;
    if (run === null) return null;
    this.run = null;
    return {
      element: run.element,
      nodes: run.nodes,
      starts: run.starts,
      text: run.parts === null ? run.first : run.parts.join(''),
      heading: run.heading,
    };
  }
}

const PRECEDING = 2;

/** Nearest block element at or above `node` (through shadow hosts), else the document element. */
function blockAround(node: Node): Element {
  let current: Node | null = node;
  while (current !== null) {
    if (current.nodeType === 1) {
      if (BLOCK_TAGS.has((current as Element).localName)) return current as Element;
      current = current.parentNode;
    } else if (current.nodeType === 11) {
      current = (current as ShadowRoot).host ?? null;
    } else {
      break;
    }
  }
  const doc = node.ownerDocument ?? (node as Document);
  return doc.documentElement ?? (node as Element);
}

const NON_BLANK = /\S/;
function isBlank(data: string): boolean {
  // Most text starts with a printable ASCII character: no regex needed.
  const first = data.charCodeAt(0);
  if (first > 32 && first < 127) return false;
  return !NON_BLANK.test(data);
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
