/**
 * Code that runs inside the page. Each function is self-contained (serialised by playwright or
 * turned into an init script), so it may use only its arguments and browser globals.
 */
import type { BoxReading } from './compare';

/** What the mutation recorder has seen since the document finished parsing. */
export interface MutationSummary {
  /** Record count per compact key (kind, target, added/removed node names), outside our host. */
  counts: Record<string, number>;
  /** Records outside our host. */
  total: number;
  /** Records on, inside, adding or removing our host: allowed, reported for information. */
  ours: number;
}

declare global {
  interface Window {
    __cePagesMutations?: MutationSummary;
  }
}

/** Distinct keys kept before further records are lumped under one overflow key. */
const MAX_MUTATION_KEYS = 5000;

/**
 * Init script body: a MutationObserver in the page's main world that keeps a compact, comparable log
 * of every DOM change outside our shadow host, from the document's creation. Child-list and text
 * records are ignored while the document is still parsing (before any document_idle content script
 * can run): the parser makes most of them, in chunks that depend on how the bytes arrive. Attribute
 * records count from the start, so a page script racing DOMContentLoaded (an image onerror swapping
 * its src) is seen in both runs. Keys hold node names and ids, never text or classes, so two runs of
 * a deterministic page give identical logs.
 */
function recordMutations(hostTag: string, maxKeys: number): void {
  const host = hostTag.toUpperCase();
  const summary = { counts: Object.create(null) as Record<string, number>, total: 0, ours: 0 };
  Object.defineProperty(window, '__cePagesMutations', { value: summary });
  let keys = 0;
  const add = (key: string) => {
    summary.total++;
    if (!(key in summary.counts)) {
      if (keys >= maxKeys) key = 'overflow';
      else keys++;
    }
    summary.counts[key] = (summary.counts[key] ?? 0) + 1;
  };
  const isHost = (node: Node) => node.nodeType === 1 && (node as Element).tagName === host;
  const insideHost = (node: Node | null): boolean => {
    for (let current = node; current; current = current.parentNode ?? (current as ShadowRoot).host ?? null) {
      if (isHost(current)) return true;
    }
    return false;
  };
  const name = (node: Node): string => {
    if (node.nodeType !== 1) return node.nodeName.toLowerCase();
    const element = node as Element;
    // No classes: pages toggle them over time, which would split one node's records across keys.
    return element.id ? `${element.localName}#${element.id}` : element.localName;
  };
  const where = (node: Node): string => {
    const parent = node.parentNode;
    return parent && parent.nodeType === 1 ? `${name(parent)}>${name(node)}` : name(node);
  };
  let parsing = document.readyState === 'loading';
  const handle = (records: MutationRecord[]) => {
    for (const record of records) {
      // While the parser runs, its own insertions (and text it appends in chunks) vary with how the
      // bytes arrive; attribute records are always made by scripts, so only those are kept then.
      if (parsing && record.type !== 'attributes') continue;
      if (insideHost(record.target)) {
        summary.ours++;
        continue;
      }
      if (record.type === 'childList') {
        // A removed node is detached, so only its own tag can tell whether it was our host.
        const added = [...record.addedNodes].filter((node) => !isHost(node));
        const removed = [...record.removedNodes].filter((node) => !isHost(node));
        if (added.length === 0 && removed.length === 0) {
          summary.ours++;
          continue;
        }
        add(`child ${where(record.target)} +${added.map(name).join(',')} -${removed.map(name).join(',')}`);
      } else if (record.type === 'attributes') {
        add(`attr ${record.attributeName} ${where(record.target)}`);
      } else {
        add(`text ${record.target.parentNode ? where(record.target.parentNode) : '(detached)'}`);
      }
    }
  };
  const observer = new MutationObserver(handle);
  observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
  // The parser's last insertions are still queued when readyState leaves "loading": take them as
  // parsing records before anything else listens.
  document.addEventListener('readystatechange', () => {
    if (!parsing || document.readyState === 'loading') return;
    handle(observer.takeRecords());
    parsing = false;
  });
}

/** The mutation recorder as an init script (top frame only: the corpus compares top documents). */
export function mutationRecorderScript(hostTag: string): string {
  return `if (window === window.top) (${recordMutations.toString()})(${JSON.stringify(hostTag)}, ${MAX_MUTATION_KEYS});`;
}

export function readMutations(): MutationSummary {
  const summary = window.__cePagesMutations;
  if (!summary) return { counts: {}, total: -1, ours: 0 };
  return { counts: { ...summary.counts }, total: summary.total, ours: summary.ours };
}

/**
 * Border boxes of the first `cap` elements in document order (our host and its subtree left out),
 * keyed by a tag/index path so an element is compared with its twin in the other run. Rounded to
 * 0.5 px so sub-pixel noise is not a move.
 */
export function readBoxes({ hostTag, cap }: { hostTag: string; cap: number }): BoxReading {
  const boxes: Record<string, string> = {};
  const reading: BoxReading = { scroll: { x: window.scrollX, y: window.scrollY }, boxes };
  const paths = new Map<Node, string>();
  const siblingCounts = new Map<Node, Map<string, number>>();
  const root = document.documentElement;
  if (!root) return reading;
  paths.set(root.parentNode as Node, '');
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT, {
    acceptNode: (node) => ((node as Element).localName === hostTag ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const half = (value: number) => Math.round(value * 2) / 2;
  let seen = 0;
  for (let node = walker.currentNode as Element | null; node && seen < cap; node = walker.nextNode() as Element | null) {
    const parent = node.parentNode as Node;
    let counts = siblingCounts.get(parent);
    if (!counts) siblingCounts.set(parent, (counts = new Map()));
    const index = counts.get(node.localName) ?? 0;
    counts.set(node.localName, index + 1);
    const path = `${paths.get(parent) ?? '?'}/${node.localName}${index ? `[${index}]` : ''}`;
    paths.set(node, path);
    const rect = node.getBoundingClientRect();
    boxes[path] = `${half(rect.x)},${half(rect.y)},${half(rect.width)},${half(rect.height)}`;
    seen++;
  }
  return reading;
}

export interface HighlightReport {
  /** Ranges in our highlight. */
  ranges: number;
  /** Ranges that start in an input, textarea, editable region, code or pre, with their text. */
  forbidden: string[];
  /** `explainers:scan` measures: how many, their summed and longest duration. */
  scanCount: number;
  scanMs: number;
  scanMaxMs: number;
}

export function readHighlights({ highlightName, scanMeasure }: { highlightName: string; scanMeasure: string }): HighlightReport {
  const highlight = typeof CSS !== 'undefined' && 'highlights' in CSS ? CSS.highlights.get(highlightName) : undefined;
  const forbidden: string[] = [];
  let ranges = 0;
  for (const range of highlight ?? []) {
    ranges++;
    const start = range.startContainer;
    const parent = start.nodeType === 1 ? (start as Element) : start.parentElement;
    if (!parent) continue;
    if (parent.closest('input, textarea, code, pre') || (parent as HTMLElement).isContentEditable) {
      forbidden.push(`${parent.localName}: ${(start.textContent ?? '').slice(range.startOffset, range.endOffset || range.startOffset + 30)}`);
    }
  }
  const measures = performance.getEntriesByName(scanMeasure, 'measure');
  let scanMs = 0;
  let scanMaxMs = 0;
  for (const measure of measures) {
    scanMs += measure.duration;
    scanMaxMs = Math.max(scanMaxMs, measure.duration);
  }
  return { ranges, forbidden, scanCount: measures.length, scanMs, scanMaxMs };
}

export function countScanMeasures(scanMeasure: string): number {
  return performance.getEntriesByName(scanMeasure, 'measure').length;
}

/**
 * A digest of the page's final DOM outside our host: every element's path, attributes and own text,
 * digits folded (clocks, random ids). Two runs whose mutation histories differ only in timing end
 * with the same digest.
 */
export function readStructureDigest(hostTag: string): string {
  let hash = 0x811c9dc5;
  const feed = (text: string) => {
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
  };
  const fold = (text: string) => text.replace(/\d+/g, '#').slice(0, 200);
  const root = document.documentElement;
  if (!root) return 'empty';
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.nodeType === 1 && (node as Element).localName === hostTag ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  let nodes = 0;
  for (let node: Node | null = walker.currentNode; node; node = walker.nextNode()) {
    nodes++;
    if (node.nodeType === 3) {
      feed(`"${fold((node as Text).data)}`);
      continue;
    }
    const element = node as Element;
    feed(`<${element.localName}`);
    for (const attribute of [...element.attributes].sort((a, b) => a.name.localeCompare(b.name))) feed(` ${attribute.name}=${fold(attribute.value)}`);
    feed(`>${element.childElementCount}`);
  }
  return `${nodes}:${hash.toString(16)}`;
}
