import type { MarkPainter } from '../../lib/dom/highlights';
import { caretAt, markAt } from '../../lib/dom/hit-test';
import { ShownMarks, type ShownChange } from '../../lib/dom/mark-mode';
import { compareMarks, type Mark } from '../../lib/dom/marks';
import type { MarkMode } from '../../lib/settings-core';

/**
 * The marks a reader sees: which of the scanner's marks are shown (mark mode), how they are drawn
 * (the painter), and the text-node index that hit-testing reads. Every change goes through here so
 * the three never disagree.
 */
export interface MarksView {
  /** Scanner results: marks added and removed since the last call. */
  update(added: readonly Mark[], removed: readonly Mark[]): void;
  setMode(mode: MarkMode): void;
  /** Explainers the reader chose not to see marked: their marks are held back until shown again. */
  setHidden(explainerIds: readonly string[]): void;
  /** Whether an explainer's marks are held back. */
  isHidden(explainerId: string): boolean;
  has(mark: Mark): boolean;
  /** Shown marks, first in the document first. */
  inDocumentOrder(): Mark[];
  /** The shown mark under a viewport point, if any. */
  at(x: number, y: number, shadowRoots: Iterable<ShadowRoot>): Mark | null;
  /** The first shown mark inside an element (a focused link). */
  inside(element: Element): Mark | undefined;
}

export function createMarksView(
  doc: Document,
  painter: MarkPainter,
  mode: MarkMode,
  onHidden: (hidden: readonly Mark[]) => void,
  hiddenExplainers: readonly string[] = [],
): MarksView {
  const shown = new ShownMarks<Mark>(mode, compareMarks);
  let hiddenIds = new Set(hiddenExplainers);
  /** Every mark the scanner reported and has not taken back, by explainer: hidden ones are held here only. */
  const known = new Map<string, Set<Mark>>();
  /** Text node → shown marks touching it, for hit-testing. */
  const index = new Map<Text, Mark[]>();
  let ordered: Mark[] | null = null;

  /** Draws and indexes what changed; runs inside the scan slice that found it, costing only that. */
  const apply = ({ shown: nowShown, hidden }: ShownChange<Mark>) => {
    if (nowShown.length === 0 && hidden.length === 0) return;
    for (const mark of hidden) {
      for (const node of mark.nodes) {
        const list = index.get(node)?.filter((other) => other !== mark);
        if (list && list.length > 0) index.set(node, list);
        else index.delete(node);
      }
    }
    painter.update(nowShown, hidden);
    for (const mark of nowShown) {
      for (const node of mark.nodes) {
        const list = index.get(node);
        if (list) list.push(mark);
        else index.set(node, [mark]);
      }
    }
    ordered = null;
    if (hidden.length > 0) onHidden(hidden);
  };

  return {
    update(added, removed) {
      for (const mark of removed) known.get(mark.explainerId)?.delete(mark);
      for (const mark of added) {
        const list = known.get(mark.explainerId);
        if (list) list.add(mark);
        else known.set(mark.explainerId, new Set([mark]));
      }
      const visible = (mark: Mark) => !hiddenIds.has(mark.explainerId);
      apply(shown.update(added.filter(visible), removed.filter(visible)));
    },
    setMode: (next) => apply(shown.setMode(next)),
    setHidden(explainerIds) {
      const next = new Set(explainerIds);
      const marksOf = (ids: Iterable<string>) => [...ids].flatMap((id) => [...(known.get(id) ?? [])]);
      const nowHidden = marksOf([...next].filter((id) => !hiddenIds.has(id)));
      const nowShown = marksOf([...hiddenIds].filter((id) => !next.has(id)));
      hiddenIds = next;
      apply(shown.update(nowShown, nowHidden));
    },
    isHidden: (explainerId) => hiddenIds.has(explainerId),
    has: (mark) => shown.has(mark),
    inDocumentOrder: () => (ordered ??= [...shown.values()].sort(compareMarks)),
    at: (x, y, shadowRoots) => (index.size === 0 ? null : markAt(index, caretAt(doc, x, y, [...shadowRoots]), x, y)),
    inside(element) {
      for (const mark of shown.values()) if (element.contains(mark.nodes[0]!)) return mark;
      return undefined;
    },
  };
}
