/**
 * How a with-extension visit is judged against the same page without the extension. Pure functions
 * over plain data, so the rules are unit-tested apart from the browser.
 *
 * The rule for pages that change themselves: a difference between the runs counts against us only
 * where the page is deterministic. With one plain run, every difference counts. When that finds any,
 * the runner visits the page once more without the extension; a second plain run that disagrees with
 * the first shows where the page varies on its own (timers, random ids, animation), and only there is
 * a difference excused. If a difference survives that, all three pages are read again 2.5 s later
 * (the logs are cumulative, so a page timer that merely fired at a different age on a busy machine
 * catches up) and only that late comparison decides. Per aspect:
 * - mutations, per key: both plain runs agree on a key's count → the with-extension count must equal
 *   it; they disagree → the page varies there, excused. Records on, in, adding or removing our host
 *   are left out of the with-extension log before any of this (they are ours and allowed).
 *   Anything that mentions our fallback mark element is never excused.
 *   With two plain runs, a with-extension DOM that ends identical to a plain run's (element paths,
 *   attributes and text, digits folded, our host left out) excuses the mutation differences: they
 *   are then only a matter of when the page's own changes landed (a script racing DOMContentLoaded).
 * - boxes: an element moved when its box differs from the plain run's, both in the viewport and in
 *   the document (viewport box plus the scroll offset). Pages scroll themselves at a load-dependent
 *   moment (an `autofocus` field scrolls to wherever the layout has reached by then), so a different
 *   scroll offset alone is not a move; a fixed element keeps its viewport box, a flowed one its
 *   document box. With two plain runs, only elements both plain runs place identically can count.
 * - requests: keyed by origin + path with digits folded (cache-busters); a with-extension key that no
 *   plain run made counts, except the tab's icon, which the browser fetches when it gets to it;
 *   requests from the extension's worker or with a chrome-extension:// origin or referer always count.
 * - errors: anything whose stack or location names chrome-extension:// always counts; other errors
 *   count when no plain run saw the same message (digits folded).
 */
import type { SeenError, SeenRequest } from './browser';
import type { MutationSummary } from './probes';

export interface VisitSnapshot {
  mutations: MutationSummary;
  /** readStructureDigest() of the final DOM outside our host. */
  structure: string;
  boxes: BoxReading;
  errors: SeenError[];
  requests: SeenRequest[];
}

/** readBoxes(): border boxes in viewport coordinates, rounded to half pixels, and the scroll offset. */
export interface BoxReading {
  scroll: { x: number; y: number };
  boxes: Record<string, string>;
}

export interface Judgement {
  errors: string[];
  /** One line per unexplained key. */
  mutations: string[];
  /** Unexplained records: summed |with − without| over those keys. */
  mutationCount: number;
  moved: string[];
  requests: string[];
}

const MAX_EXAMPLES = 5;

const fold = (text: string): string => text.replace(/\d+/g, '#');

export function requestKey(url: string): string {
  try {
    const parsed = new URL(url);
    return fold(`${parsed.protocol}//${parsed.host}${parsed.pathname}`);
  } catch {
    return fold(url);
  }
}

const errorKey = (error: SeenError): string => fold(error.text.split('\n')[0] ?? '').trim();

export function judgeErrors(withExtension: SeenError[], plainRuns: SeenError[][]): string[] {
  const known = new Set(plainRuns.flat().map(errorKey));
  return withExtension
    .filter((error) => error.fromExtension || !known.has(errorKey(error)))
    .map((error) => `${error.source}: ${error.text.split('\n')[0]}${error.where ? ` @ ${error.where.split('\n').find((line) => line.includes('chrome-extension://'))?.trim() ?? error.where.split('\n')[0]}` : ''}`);
}

export function judgeMutations(withExtension: MutationSummary, plainRuns: MutationSummary[]): { problems: string[]; count: number } {
  const problems: string[] = [];
  let count = 0;
  const keys = new Set([...Object.keys(withExtension.counts), ...plainRuns.flatMap((run) => Object.keys(run.counts))]);
  for (const key of keys) {
    const ours = withExtension.counts[key] ?? 0;
    if (key.includes('context-explainer-mark') && ours > 0) {
      problems.push(`${key}: ${ours} record(s) of our fallback marks`);
      count += ours;
      continue;
    }
    const plain = plainRuns.map((run) => run.counts[key] ?? 0);
    const pageVaries = plain.some((count) => count !== plain[0]);
    if (pageVaries || ours === plain[0]) continue;
    problems.push(`${key}: ${ours} with extension, ${plain[0]} without`);
    count += Math.abs(ours - (plain[0] ?? 0));
  }
  return { problems, count };
}

const half = (value: number) => Math.round(value * 2) / 2;

/** The box moved by the scroll offset, so two runs scrolled differently compare in the document's coordinates. */
function inDocument(box: string, scroll: BoxReading['scroll']): string {
  const [x = 0, y = 0, width = 0, height = 0] = box.split(',').map(Number);
  return `${half(x + scroll.x)},${half(y + scroll.y)},${width},${height}`;
}

export function judgeBoxes(withExtension: BoxReading, plainRuns: BoxReading[]): string[] {
  const [first, ...others] = plainRuns;
  if (!first) return [];
  const moved: string[] = [];
  for (const [path, box] of Object.entries(withExtension.boxes)) {
    const plainBox = first.boxes[path];
    if (plainBox === undefined || plainBox === box) continue;
    if (others.some((other) => other.boxes[path] !== plainBox)) continue;
    if (inDocument(plainBox, first.scroll) === inDocument(box, withExtension.scroll)) continue;
    moved.push(`${path}: ${plainBox} → ${box}`);
  }
  return moved;
}

/**
 * The tab's icon (`/favicon.ico`, a `<link rel=icon>` file): the browser fetches it itself, whenever
 * it gets to it after load, so whether a run sees it is timing, not anything a page or extension did.
 */
function isTabIconFetch(url: string): boolean {
  try {
    return /(?:^|\/)(?:favicon[^/]*|apple-touch-icon[^/]*|[^/]+\.ico)$/i.test(new URL(url).pathname);
  } catch {
    return false;
  }
}

export function judgeRequests(withExtension: SeenRequest[], plainRuns: SeenRequest[][]): string[] {
  const known = new Set(plainRuns.flat().map((request) => requestKey(request.url)));
  const offending = withExtension.filter((request) => {
    if (request.url.startsWith('chrome-extension://') || request.url.startsWith('data:') || request.url.startsWith('blob:')) return false;
    if (request.fromExtension) return true;
    return !known.has(requestKey(request.url)) && !isTabIconFetch(request.url);
  });
  return [...new Set(offending.map((request) => `${request.fromExtension ? 'extension ' : ''}${request.blocked ? 'blocked ' : ''}${request.url.slice(0, 160)}`))];
}

export function judge(withExtension: VisitSnapshot, plainRuns: VisitSnapshot[]): Judgement {
  let mutations = judgeMutations(withExtension.mutations, plainRuns.map((run) => run.mutations));
  // Same final DOM as a plain run: the histories differed only in when the page's own changes landed.
  if (mutations.count > 0 && plainRuns.length > 1 && plainRuns.some((run) => run.structure === withExtension.structure)) {
    mutations = { problems: [], count: 0 };
  }
  return {
    errors: judgeErrors(withExtension.errors, plainRuns.map((run) => run.errors)),
    mutations: mutations.problems,
    mutationCount: mutations.count,
    moved: judgeBoxes(withExtension.boxes, plainRuns.map((run) => run.boxes)),
    requests: judgeRequests(withExtension.requests, plainRuns.map((run) => run.requests)),
  };
}

export function isClean(judgement: Judgement): boolean {
  return judgement.errors.length + judgement.mutations.length + judgement.moved.length + judgement.requests.length === 0;
}

/** The first few entries of a problem list, for the report. */
export function examples(list: string[]): string[] {
  return list.slice(0, MAX_EXAMPLES);
}
