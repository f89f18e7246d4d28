/**
 * Code the bench runs inside a page's main world. Bundled by esbuild into one IIFE (see
 * probes-bundle.ts) and installed with `page.evaluate(source)`, so nothing here may rely on Node.
 * Every timed loop keeps a running total of what it read so the engine cannot drop the work.
 */
import { matcherFrom, type PackedTerms } from '../../lib/match/index';
import type { Matcher } from '../../lib/match/types';

export interface RegexSource {
  source: string;
  flags: string;
}

export interface WalkResult {
  ms: number;
  textNodes: number;
  chars: number;
}

export interface FloorResult {
  ms: number;
  matches: number;
}

export interface TableResult {
  /** JSON.parse of the compiled table: what a frame pays to receive it (the messaging layer parses the same JSON). */
  parseMs: number;
  bytes: number;
}

export interface MatcherResult {
  /** matcherFrom(table) time, a frame's set-up; null when the matcher of this key was built by an earlier pass. */
  buildMs: number | null;
  ms: number;
  matches: number;
  units: number;
  /** Characters in the longest string handed to one match() call. */
  longestUnit: number;
}

/** Yields each text block (a run of text nodes the content script matches as one string). */
type BlockSource = (root: Node) => () => { text: string } | null;

const SHOW_TEXT = 0x4;

function scanRoot(): Node {
  return document.body ?? document.documentElement;
}

function bareWalk(): WalkResult {
  const start = performance.now();
  const walker = document.createTreeWalker(scanRoot(), SHOW_TEXT);
  let textNodes = 0;
  let chars = 0;
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    textNodes++;
    chars += (node as Text).data.length;
  }
  return { ms: performance.now() - start, textNodes, chars };
}

/** The native floor: the same walk running precompiled alternations over every text node. */
function floor(sources: readonly RegexSource[]): FloorResult {
  const regexes = sources.map(({ source, flags }) => new RegExp(source, flags));
  const start = performance.now();
  const walker = document.createTreeWalker(scanRoot(), SHOW_TEXT);
  let matches = 0;
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    const text = (node as Text).data;
    for (const regex of regexes) {
      regex.lastIndex = 0;
      while (regex.exec(text) !== null) matches++;
    }
  }
  return { ms: performance.now() - start, matches };
}

/** Compiled tables received, by pack key (see `receiveTable`). */
const tables = new Map<string, PackedTerms>();

/** The compiled table as a frame gets it from the background: JSON, parsed in the frame. */
function receiveTable(key: string, json: string): TableResult {
  const start = performance.now();
  const table = JSON.parse(json) as PackedTerms;
  const parseMs = performance.now() - start;
  tables.set(key, table);
  return { parseMs, bytes: json.length };
}

/**
 * Matchers already built, by the caller's key: a pack's automaton is built once (its transitions on
 * first use), so repeated passes time matching, as a content script does for every block after the first.
 */
const built = new Map<string, Matcher>();

function matcherFor(key: string, pack: string): { matcher: Matcher; buildMs: number | null } {
  const cached = built.get(key);
  if (cached) return { matcher: cached, buildMs: null };
  const table = tables.get(pack);
  if (!table) throw new Error(`no table received for ${pack}`);
  const buildStart = performance.now();
  const matcher = matcherFrom(table);
  const buildMs = performance.now() - buildStart;
  built.set(key, matcher);
  return { matcher, buildMs };
}

/** Our matcher over the same walk as the floor: every text node, no skipping. */
function matcherOverTextNodes(key: string): MatcherResult {
  const { matcher, buildMs } = matcherFor(`nodes:${key}`, key);
  const start = performance.now();
  const walker = document.createTreeWalker(scanRoot(), SHOW_TEXT);
  let matches = 0;
  let units = 0;
  let longestUnit = 0;
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    const text = (node as Text).data;
    units++;
    if (text.length > longestUnit) longestUnit = text.length;
    matches += matcher.match(text).length;
  }
  return { buildMs, ms: performance.now() - start, matches, units, longestUnit };
}

let blockSource: BlockSource | null = null;

/** Our matcher over the content script's own block walk (skip rules, runs of inline text). */
function matcherOverBlocks(key: string): MatcherResult | null {
  if (blockSource === null) return null;
  const { matcher, buildMs } = matcherFor(`blocks:${key}`, key);
  const start = performance.now();
  const next = blockSource(scanRoot());
  let matches = 0;
  let units = 0;
  let longestUnit = 0;
  for (let block = next(); block !== null; block = next()) {
    units++;
    if (block.text.length > longestUnit) longestUnit = block.text.length;
    if (block.text.length >= 2) matches += matcher.match(block.text).length;
  }
  return { buildMs, ms: performance.now() - start, matches, units, longestUnit };
}

/** The content script's block walk alone, no matching: separates walking cost from matching cost. */
function blockWalkOnly(): WalkResult | null {
  if (blockSource === null) return null;
  const start = performance.now();
  const next = blockSource(scanRoot());
  let textNodes = 0;
  let chars = 0;
  for (let block = next(); block !== null; block = next()) {
    textNodes++;
    chars += block.text.length;
  }
  return { ms: performance.now() - start, textNodes, chars };
}

const probes = {
  bareWalk,
  blockWalkOnly,
  floor,
  matcherOverTextNodes,
  matcherOverBlocks,
  receiveTable,
  setBlockSource(source: BlockSource): void {
    blockSource = source;
  },
};

export type Probes = typeof probes;

Object.defineProperty(globalThis, '__contextExplainersBench', { value: probes, configurable: true });
