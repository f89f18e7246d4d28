import type { MarkMode } from '../settings-core';

export interface Groupable {
  explainerId: string;
  section: string;
}

export interface ShownChange<M> {
  shown: M[];
  hidden: M[];
}

/** Records, for each mark touched during one update, whether it was shown before it. */
type Touched<M> = Map<M, boolean>;

/**
 * Which marks are drawn: all of them, or the first mention of each explainer in each section, so a
 * long article is not underlined dozens of times for one topic. Kept up to date one mark at a time
 * (marks arrive out of document order from viewport-first scanning), so the cost of a scan slice
 * depends on what the slice found, never on how many marks the page already has.
 */
export class ShownMarks<M extends Groupable> {
  private readonly shownSet = new Set<M>();
  private readonly groups = new Map<string, Set<M>>();
  private readonly firsts = new Map<string, M>();

  constructor(
    private mode: MarkMode,
    /** Document order: negative when the first argument comes first. */
    private readonly compare: (a: M, b: M) => number,
  ) {}

  get size(): number {
    return this.shownSet.size;
  }

  has(mark: M): boolean {
    return this.shownSet.has(mark);
  }

  values(): IterableIterator<M> {
    return this.shownSet.values();
  }

  /** Applies found and lost marks; returns what became shown and what became hidden. */
  update(added: Iterable<M>, removed: Iterable<M>): ShownChange<M> {
    const touched: Touched<M> = new Map();
    for (const mark of removed) this.remove(mark, touched);
    for (const mark of added) this.add(mark, touched);
    // A mark can be hidden and shown again within one update; report only the net result.
    const change: ShownChange<M> = { shown: [], hidden: [] };
    for (const [mark, wasShown] of touched) {
      const isShown = this.shownSet.has(mark);
      if (isShown && !wasShown) change.shown.push(mark);
      else if (!isShown && wasShown) change.hidden.push(mark);
    }
    return change;
  }

  /** Switches mode, re-deciding every mark; returns the change. */
  setMode(mode: MarkMode): ShownChange<M> {
    // Stryker disable next-line ConditionalExpression: equivalent — re-deciding in the same mode shows the same marks; this only skips the work.
    if (mode === this.mode) return { shown: [], hidden: [] };
    const all = [...this.groups.values()].flatMap((group) => [...group]);
    const before = new Set(this.shownSet);
    this.groups.clear();
    this.firsts.clear();
    this.shownSet.clear();
    this.mode = mode;
    const ignored: Touched<M> = new Map();
    for (const mark of all) this.add(mark, ignored);
    return {
      shown: [...this.shownSet].filter((mark) => !before.has(mark)),
      hidden: [...before].filter((mark) => !this.shownSet.has(mark)),
    };
  }

  private keyOf(mark: M): string {
    return `${mark.section}\u0000${mark.explainerId}`;
  }

  private add(mark: M, change: Touched<M>): void {
    const key = this.keyOf(mark);
    let group = this.groups.get(key);
    if (!group) this.groups.set(key, (group = new Set()));
    // Stryker disable next-line ConditionalExpression: equivalent — a mark added twice decides the same way twice; this only skips the work.
    if (group.has(mark)) return;
    group.add(mark);
    if (this.mode === 'every') {
      this.show(mark, change);
      return;
    }
    const first = this.firsts.get(key);
    if (first !== undefined) {
      // A tie keeps the mark already shown: marks found at the same place never flicker.
      if (this.compare(mark, first) >= 0) return;
      this.hide(first, change);
    }
    this.firsts.set(key, mark);
    this.show(mark, change);
  }

  private remove(mark: M, change: Touched<M>): void {
    const key = this.keyOf(mark);
    const group = this.groups.get(key);
    if (!group?.delete(mark)) return;
    this.hide(mark, change);
    if (group.size === 0) {
      this.groups.delete(key);
      this.firsts.delete(key);
      return;
    }
    // In "every" mode nothing is a first, so this returns too.
    // Stryker disable next-line ConditionalExpression: equivalent — re-electing the first of a group whose first stayed shows the mark already shown; this only skips the work.
    if (this.firsts.get(key) !== mark) return;
    let next: M | undefined;
    // On a tie the earliest found wins, as in add().
    for (const candidate of group) if (next === undefined || this.compare(candidate, next) < 0) next = candidate;
    this.firsts.set(key, next!);
    this.show(next!, change);
  }

  private show(mark: M, touched: Touched<M>): void {
    if (!touched.has(mark)) touched.set(mark, this.shownSet.has(mark));
    this.shownSet.add(mark);
  }

  private hide(mark: M, touched: Touched<M>): void {
    if (!touched.has(mark)) touched.set(mark, this.shownSet.has(mark));
    this.shownSet.delete(mark);
  }
}
