import { liveRange, type Mark } from './marks';

export interface CaretHit {
  node: Node;
  offset: number;
}

type CaretPositionFromPoint = (
  x: number,
  y: number,
  options?: { shadowRoots?: ShadowRoot[] },
) => { offsetNode: Node; offset: number } | null;

/**
 * The text position under a point. Standard `caretPositionFromPoint` (which can see into the open
 * shadow roots we pass) first, WebKit's `caretRangeFromPoint` otherwise.
 */
export function caretAt(doc: Document, x: number, y: number, shadowRoots: ShadowRoot[]): CaretHit | null {
  const standard = (doc as { caretPositionFromPoint?: CaretPositionFromPoint }).caretPositionFromPoint;
  if (typeof standard === 'function') {
    const position = standard.call(doc, x, y, shadowRoots.length > 0 ? { shadowRoots } : undefined);
    return position ? { node: position.offsetNode, offset: position.offset } : null;
  }
  if (typeof doc.caretRangeFromPoint === 'function') {
    const range = doc.caretRangeFromPoint(x, y);
    return range ? { node: range.startContainer, offset: range.startOffset } : null;
  }
  return null;
}

/** Text node → the shown marks touching it: one map lookup per pointer move. */
export function indexMarks(marks: Iterable<Mark>): Map<Text, Mark[]> {
  const index = new Map<Text, Mark[]>();
  for (const mark of marks) {
    for (const node of mark.nodes) {
      const list = index.get(node);
      if (list) list.push(mark);
      else index.set(node, [mark]);
    }
  }
  return index;
}

/** Pixels of slack around a line box, so the pointer on an underline still counts. */
const SLACK = 1;

export function rectsContain(rects: ArrayLike<DOMRectReadOnly>, x: number, y: number): boolean {
  for (let i = 0; i < rects.length; i++) {
    const rect = rects[i]!;
    if (x >= rect.left - SLACK && x <= rect.right + SLACK && y >= rect.top - SLACK && y <= rect.bottom + SLACK) {
      return true;
    }
  }
  return false;
}

/**
 * The mark under (x, y), if any. Caret APIs answer with the nearest text position even in a margin,
 * so the candidate is confirmed against the mark's own line boxes.
 */
export function markAt(index: Map<Text, Mark[]>, hit: CaretHit | null, x: number, y: number): Mark | null {
  if (!hit || hit.node.nodeType !== 3) return null;
  const candidates = index.get(hit.node as Text);
  if (!candidates) return null;
  for (const mark of candidates) {
    if (rectsContain(liveRange(mark).getClientRects(), x, y)) return mark;
  }
  return null;
}

export interface PointerFrame {
  x: number;
  y: number;
  target: EventTarget | null;
  /** Pointer left the window. */
  outside: boolean;
}

/** Calls `onFrame` at most once per animation frame with the latest mouse or pen position. */
export function trackPointer(doc: Document, signal: AbortSignal, onFrame: (frame: PointerFrame) => void): void {
  let latest: PointerFrame | null = null;
  let scheduled = false;
  const view = doc.defaultView ?? window;
  const flush = () => {
    scheduled = false;
    if (latest && !signal.aborted) onFrame(latest);
  };
  const schedule = (frame: PointerFrame) => {
    latest = frame;
    if (scheduled) return;
    scheduled = true;
    view.requestAnimationFrame(flush);
  };
  const options: AddEventListenerOptions = { passive: true, capture: true, signal };
  doc.addEventListener(
    'pointermove',
    (event) => {
      if (event.pointerType === 'touch') return;
      schedule({ x: event.clientX, y: event.clientY, target: event.target, outside: false });
    },
    options,
  );
  doc.addEventListener(
    'pointerout',
    (event) => {
      if (event.relatedTarget === null && event.pointerType !== 'touch') {
        schedule({ x: event.clientX, y: event.clientY, target: null, outside: true });
      }
    },
    options,
  );
}
