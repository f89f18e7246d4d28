import type { MatchContext, Matcher } from '../match/types';
import { createBlockLanguage, type BlockLanguage } from './block-lang';
import { BLOCK_TAGS, HEADING_TAGS } from './block-tags';
import { SCAN_MEASURE } from './constants';
import { isMarkIntact, marksFromMatches, type Mark } from './marks';
import { isInsideSkipped, skippedByAttribute } from './skip-rules';
import { SLICE_BUDGET_MS, yieldToPage } from './slices';
import { BlockWalker, WALK_PAUSED } from './text-blocks';

export interface ScannerOptions {
  matcher: Matcher;
  signal: AbortSignal;
  /** Page title and headings, where ambiguous terms look for context words. */
  fallbackText: () => string;
  /** After every slice that added or dropped marks. */
  onMarksChanged: () => void;
  /** After the queue of work runs dry. */
  onIdle?: () => void;
  sliceBudgetMs?: number;
}

interface ScanJob {
  walker: BlockWalker;
  /** Marks that blocks had before this job reached them, reused when a mention is unchanged. */
  previous: Map<Element, Mark[]>;
}

/** Texts shorter than the shortest possible term are not worth a matcher call. */
const MIN_TEXT_LENGTH = 2;
/** Nodes walked between two looks at the clock, inside a block as well as between blocks. */
const WALK_STEPS = 512;

/**
 * Finds every mention in a document, a slice at a time: each slice walks and matches blocks for at
 * most `sliceBudgetMs`, records a `SCAN_MEASURE` user-timing measure for exactly that work, then
 * yields. The first full scan starts at the block in view and wraps around to the top.
 */
export class PageScanner {
  /** Marks by the block they were found in, so a changed block drops only its own. */
  private readonly marksByBlock = new Map<Element, Mark[]>();
  /** Which job last filled each block's entry. */
  private readonly filledBy = new WeakMap<Mark[], ScanJob>();
  /** The second half of a viewport-first scan, mapped to the first. */
  private readonly jobOf = new WeakMap<ScanJob, ScanJob>();
  readonly shadowRoots = new Set<ShadowRoot>();
  private queue: ScanJob[] = [];
  private running = false;
  /** Page title and headings, read on first need: only candidates of context-ruled terms ask for them. */
  private fallback: string | null = null;
  private readonly matchContext: MatchContext;
  /** The block being matched, whose language the matcher may ask for. */
  private current: { element: Element; text: string } | null = null;
  private readonly language: BlockLanguage;
  private readonly options: ScannerOptions;
  private readonly budget: number;
  /** Bumped whenever the set of marks changes. */
  private version = 0;
  private added = new Set<Mark>();
  private removed = new Set<Mark>();

  constructor(
    private readonly doc: Document,
    options: ScannerOptions,
  ) {
    this.options = options;
    this.budget = options.sliceBudgetMs ?? SLICE_BUDGET_MS;
    // The context object reads the scanner lazily through getters, where `this` is the context.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const scanner = this;
    this.language = createBlockLanguage(() => this.matchContext.fallbackText ?? '');
    this.matchContext = {
      get fallbackText() {
        return (scanner.fallback ??= scanner.options.fallbackText());
      },
      get lang() {
        const block = scanner.current;
        return block ? scanner.language.of(block.element, block.text) : undefined;
      },
    };
  }

  /** Every mark found, in no particular order. */
  *marks(): IterableIterator<Mark> {
    for (const marks of this.marksByBlock.values()) yield* marks;
  }

  /** Marks found and lost since the last call (net: a mark lost and found again is in neither). */
  takeChanges(): { added: Mark[]; removed: Mark[] } {
    const change = { added: [...this.added], removed: [...this.removed] };
    this.added.clear();
    this.removed.clear();
    return change;
  }

  private dropBlock(block: Element): Mark[] | undefined {
    const marks = this.marksByBlock.get(block);
    if (!marks) return undefined;
    this.marksByBlock.delete(block);
    for (const mark of marks) {
      if (!this.added.delete(mark)) this.removed.add(mark);
    }
    this.version++;
    return marks;
  }

  private addMarks(block: Element, marks: Mark[], job: ScanJob): void {
    const existing = this.marksByBlock.get(block);
    if (existing) existing.push(...marks);
    else {
      this.marksByBlock.set(block, marks);
      this.filledBy.set(marks, job);
    }
    for (const mark of marks) {
      if (!this.removed.delete(mark)) this.added.add(mark);
    }
    this.version++;
  }

  /** Open shadow roots whose host has left the page: an app that swaps components on each route would otherwise pile them up. */
  private forgetDetachedShadowRoots(): void {
    for (const shadow of this.shadowRoots) if (!shadow.host.isConnected) this.shadowRoots.delete(shadow);
  }

  /** Forget everything and scan the whole document again, starting where the reader is looking. */
  scanDocument(): void {
    const setupStart = performance.now();
    this.forgetDetachedShadowRoots();
    for (const block of [...this.marksByBlock.keys()]) this.dropBlock(block);
    this.version++;
    this.fallback = null;
    this.language.reset();
    const root = this.doc.body ?? this.doc.documentElement;
    if (!root) return;
    const onShadowRoot = (shadow: ShadowRoot) => this.shadowRoots.add(shadow);
    const startAt = blockInView(this.doc);
    if (startAt && root.contains(startAt) && startAt !== root) {
      // One selector query for both halves: on a long page it is the costliest part of the set-up.
      const skipped = skippedByAttribute(root);
      const job: ScanJob = {
        walker: new BlockWalker(root, { startAt, heading: headingBefore(startAt), onShadowRoot, skipped }),
        previous: new Map(),
      };
      // Both halves of a viewport-first scan count as one job: a block cut by the starting point
      // keeps the marks of its first half when the second half reaches it.
      const rest: ScanJob = { walker: new BlockWalker(root, { stopAt: startAt, onShadowRoot, skipped }), previous: job.previous };
      this.jobOf.set(rest, job);
      this.queue = [job, rest];
    } else {
      this.queue = [{ walker: new BlockWalker(root, { onShadowRoot }), previous: new Map() }];
    }
    this.options.onMarksChanged();
    void this.run(setupStart);
  }

  /** Rescan only the blocks around changed nodes; marks whose text went away are dropped. */
  rescan(changed: Iterable<Node>): void {
    const setupStart = performance.now();
    this.forgetDetachedShadowRoots();
    const blocks = outermost(
      [...changed]
        .filter((node) => node.isConnected && !isInsideSkipped(node))
        .map((node) => enclosingBlock(node))
        .filter((block): block is Element => block !== null),
    );
    // Marks whose text went away go at once; the rest stay until the rescan replaces them (with
    // the same objects where nothing changed), so highlights do not flicker and an open card stays.
    let dropped = false;
    for (const [block, marks] of [...this.marksByBlock]) {
      if (!marks.every(isMarkIntact)) {
        this.dropBlock(block);
        dropped = true;
      }
    }
    if (dropped) this.options.onMarksChanged();
    const onShadowRoot = (shadow: ShadowRoot) => this.shadowRoots.add(shadow);
    let headings: ArrayLike<Element> | null = null;
    const documentHeadings = () => (headings ??= headingsOf(this.doc));
    for (const block of blocks) {
      const heading = headingBefore(block, documentHeadings);
      this.queue.push({ walker: new BlockWalker(block, { heading, onShadowRoot }), previous: new Map() });
    }
    void this.run(setupStart);
  }

  /**
   * Works through the queue a slice at a time. `setupStart` is when the caller began preparing this
   * work in the same task: the first slice's measure starts there, so the setup is counted too.
   */
  private async run(setupStart?: number): Promise<void> {
    if (this.running) {
      if (setupStart !== undefined) performance.measure(SCAN_MEASURE, { start: setupStart, end: performance.now() });
      return;
    }
    this.running = true;
    const { signal, matcher } = this.options;
    let firstStart = setupStart;
    try {
      while (this.queue.length > 0 && !signal.aborted) {
        const start = firstStart ?? performance.now();
        firstStart = undefined;
        const versionBefore = this.version;
        let now = start;
        while (now - start < this.budget) {
          const queued = this.queue[0];
          if (!queued) break;
          const block = queued.walker.next(WALK_STEPS);
          if (block === WALK_PAUSED) {
            now = performance.now();
            continue;
          }
          if (block === null) {
            this.queue.shift();
            continue;
          }
          const job = this.jobOf.get(queued) ?? queued;
          // The latest walk through a block replaces what earlier walks found there, so
          // overlapping full scans and rescans never count a mention twice.
          const current = this.marksByBlock.get(block.element);
          if (current && this.filledBy.get(current) !== job) {
            this.dropBlock(block.element);
            job.previous.set(block.element, current);
          }
          if (block.text.length >= MIN_TEXT_LENGTH) {
            this.current = block;
            const matches = matcher.match(block.text, this.matchContext);
            this.current = null;
            const previous = job.previous.get(block.element);
            const found = marksFromMatches(block, matches);
            const marks = previous ? found.map((mark) => previous.find((old) => sameMention(old, mark)) ?? mark) : found;
            if (marks.length > 0) this.addMarks(block.element, marks, job);
          }
          now = performance.now();
        }
        if (this.version !== versionBefore) this.options.onMarksChanged();
        performance.measure(SCAN_MEASURE, { start, end: performance.now() });
        if (this.queue.length > 0) await yieldToPage();
      }
    } finally {
      this.running = false;
    }
    if (!signal.aborted) this.options.onIdle?.();
  }
}

function sameMention(a: Mark, b: Mark): boolean {
  return (
    a.explainerId === b.explainerId &&
    a.range.startContainer === b.range.startContainer &&
    a.range.startOffset === b.range.startOffset &&
    a.range.endContainer === b.range.endContainer &&
    a.range.endOffset === b.range.endOffset &&
    a.section === b.section
  );
}

/** Nearest block-level element around `node` (one-off climb, used for changed nodes only). */
export function enclosingBlock(node: Node): Element | null {
  let current: Node | null = node;
  while (current !== null) {
    if (current.nodeType === 1 && BLOCK_TAGS.has((current as Element).localName)) return current as Element;
    current = current.parentNode ?? (current as ShadowRoot).host ?? null;
  }
  return null;
}

/** Drops elements contained in another element of the list. */
function outermost(elements: Element[]): Element[] {
  const unique = [...new Set(elements)];
  return unique.filter((element) => !unique.some((other) => other !== element && other.contains(element)));
}

const HEADING_SELECTOR = 'h1, h2, h3, h4, h5, h6';
const PRECEDING = 2;
/** Elements stepped back over before the search turns to the document's heading list. */
const BACKWARD_STEPS = 512;

/** Every heading of the document in order: one native query, shared by all lookups of one scan or rescan. */
function headingsOf(doc: Document): ArrayLike<Element> {
  return doc.querySelectorAll(HEADING_SELECTOR);
}

/**
 * The last heading before `element` in document order (or the one it sits in), for section bounds.
 * Headings are usually a few hundred elements back at most: a short backward walk finds them
 * without querying a long document. Past that, a binary search over `headings()` (headingsOf), so
 * a page without headings is never walked back in full.
 */
export function headingBefore(element: Element, headings: () => ArrayLike<Element> = () => headingsOf(element.ownerDocument)): Element | null {
  let anchor: Element = element;
  // An element inside a shadow tree is placed by its host in the document's order.
  for (let root = anchor.getRootNode(); root instanceof ShadowRoot; root = anchor.getRootNode()) anchor = root.host;
  // Reverse document order over elements: the previous sibling's deepest last descendant, else the parent.
  let current: Element | null = anchor;
  for (let step = 0; current !== null && step < BACKWARD_STEPS; step++) {
    if (HEADING_TAGS.has(current.localName)) return current;
    let previous: Element | null = current.previousElementSibling;
    if (previous === null) current = current.parentElement;
    else {
      while (previous.lastElementChild !== null && step++ < BACKWARD_STEPS) previous = previous.lastElementChild;
      current = previous;
    }
  }
  if (current === null) return null;
  const list = headings();
  let low = 0;
  let high = list.length;
  // Count of headings that start before the anchor (or contain it).
  while (low < high) {
    const mid = (low + high) >> 1;
    const heading = list[mid]!;
    if (heading === anchor || heading.contains(anchor) || anchor.compareDocumentPosition(heading) & PRECEDING) low = mid + 1;
    else high = mid;
  }
  return low > 0 ? list[low - 1]! : null;
}

/**
 * The block a third of the way down the viewport, where a reader who has scrolled is looking; null
 * near the top of the page, where document order is already viewport order.
 */
function blockInView(doc: Document): Element | null {
  const view = doc.defaultView;
  if (!view || view.scrollY < view.innerHeight || typeof doc.elementFromPoint !== 'function') return null;
  const hit = doc.elementFromPoint(view.innerWidth / 2, view.innerHeight / 3);
  if (!hit || isInsideSkipped(hit)) return null;
  const block = enclosingBlock(hit);
  return block === doc.body || block === doc.documentElement ? null : block;
}
