import { BLOCK_TAGS } from './block-tags';
import { SHADOW_HOST_TAG } from './constants';

const MUTATION_DEBOUNCE_MS = 200;
/** A page that never stops changing (a ticker, a clock) still gets its new text scanned this often. */
const MUTATION_MAX_WAIT_MS = 1000;

export interface MutationWatchOptions {
  signal: AbortSignal;
  /** Nodes whose text may have changed, collected over a quiet period. */
  onChanged: (nodes: Set<Node>) => void;
  debounceMs?: number;
  maxWaitMs?: number;
}

export interface MutationWatch {
  /** Also watch an open shadow root (a document observer does not see inside them). */
  observe(root: ShadowRoot): void;
}

const isOurs = (node: Node): boolean => node.nodeType === 1 && (node as Element).localName === SHADOW_HOST_TAG;

const isBlockElement = (node: Node): boolean => node.nodeType === 1 && BLOCK_TAGS.has((node as Element).localName);

/**
 * Which nodes a batch of mutation records asks us to look at again (the scanner widens each to its
 * block). Text or inline children added or removed change the text of the target's block; an added
 * block element needs only its own subtree scanned, and a removed one only loses its marks. Our own shadow host is ignored.
 */
export function changedNodes(records: readonly MutationRecord[]): Set<Node> {
  const changed = new Set<Node>();
  for (const record of records) {
    const { target } = record;
    if (record.type === 'characterData') {
      if (target.parentNode) changed.add(target.parentNode);
      continue;
    }
    if (record.type !== 'childList' || isOurs(target)) continue;
    let changesTargetText = false;
    for (const node of record.addedNodes) {
      if (isOurs(node)) continue;
      if (isBlockElement(node)) changed.add(node);
      else changesTargetText = true;
    }
    for (const node of record.removedNodes) {
      if (isOurs(node)) continue;
      // A removed block is reported itself: nothing to rescan, but its marks must go.
      if (isBlockElement(node)) changed.add(node);
      else changesTargetText = true;
    }
    if (changesTargetText) changed.add(target);
  }
  return changed;
}

const OBSERVE: MutationObserverInit = { childList: true, subtree: true, characterData: true };

/** Watches the document for text changes and reports them, debounced, until `signal` aborts. */
export function watchMutations(doc: Document, options: MutationWatchOptions): MutationWatch {
  const pending = new Set<Node>();
  const delay = options.debounceMs ?? MUTATION_DEBOUNCE_MS;
  const maxWait = options.maxWaitMs ?? MUTATION_MAX_WAIT_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** When the oldest unreported change arrived. */
  let pendingSince = 0;
  const flush = () => {
    timer = undefined;
    if (pending.size === 0 || options.signal.aborted) return;
    const nodes = new Set(pending);
    pending.clear();
    options.onChanged(nodes);
  };
  const collect = (records: readonly MutationRecord[]) => {
    const hadPending = pending.size > 0;
    for (const node of changedNodes(records)) pending.add(node);
    if (pending.size === 0) return;
    const now = Date.now();
    if (!hadPending) pendingSince = now;
    clearTimeout(timer);
    // Trailing debounce, but never later than maxWait after the first change in the batch.
    timer = setTimeout(flush, Math.max(0, Math.min(delay, pendingSince + maxWait - now)));
  };
  const observer = new MutationObserver(collect);
  const roots = new Set<Node>([doc]);
  observer.observe(doc, OBSERVE);
  options.signal.addEventListener('abort', () => {
    observer.disconnect();
    clearTimeout(timer);
    pending.clear();
  });
  return {
    observe(root) {
      if (roots.has(root) || options.signal.aborted) return;
      roots.add(root);
      observer.observe(root, OBSERVE);
    },
  };
}
