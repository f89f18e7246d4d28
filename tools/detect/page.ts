/**
 * What the content script marks on an HTML page, found in Node: the page is parsed by happy-dom and
 * scanned by the content script's own PageScanner (lib/dom: its block walker, block and skip rules,
 * block languages and page fallback text), so the detect CLI and the extension share one
 * implementation instead of two walkers that drift apart.
 */
import { Window } from 'happy-dom';
import type { Mark } from '../../lib/dom/marks';
import { SCAN_MEASURE } from '../../lib/dom/constants';
import { FALLBACK_TEXT_LIMIT, pageFallbackText } from '../../lib/dom/page-context';
import { PageScanner } from '../../lib/dom/scanner';
import { BlockWalker, type TextBlock } from '../../lib/dom/text-blocks';
import type { Matcher } from '../../lib/match/types';
import type { Lang } from '../../lib/pack-format/types';

/** One mention the extension would mark (mark mode "every"), in document order. */
interface PageMatch {
  explainer: string;
  lang: Lang;
  text: string;
  /** UTF-16 offsets into `block`. */
  start: number;
  end: number;
  /** The text of the run of text the scanner matched it in. */
  block: string;
}

interface PageScan {
  matches: PageMatch[];
  /** Runs of text the walker handed to the matcher. */
  blocks: number;
}

/**
 * The page's characters, read as its `<meta charset>` (or http-equiv Content-Type) in the first
 * 4 KB says, after a byte-order mark, else UTF-8; an unknown label falls back to UTF-8.
 */
export function decodeHtml(bytes: Uint8Array): string {
  return new TextDecoder(htmlCharset(bytes)).decode(bytes);
}

/** The encoding `decodeHtml` uses, for serving the same page to a browser with the same characters. */
export function htmlCharset(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const label = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1]?.toLowerCase();
  if (!label) return 'utf-8';
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return 'utf-8';
  }
}

/** A matcher that treats every block as `lang`, whatever the scanner's block-language rules say. */
function inLanguage(matcher: Matcher, lang: Lang): Matcher {
  return {
    match: (text, context) =>
      matcher.match(text, {
        // A getter, as the scanner's own: the page's headings are read only when a term needs them.
        get fallbackText() {
          return context?.fallbackText;
        },
        lang,
      }),
  };
}

/**
 * Chromium's parser turns `<template shadowrootmode>` into its parent's shadow root; happy-dom's
 * keeps the template (whose content the walker skips). Do what the browser did, then again inside
 * each new shadow root (nested templates sit in the outer template's content, out of a query's reach).
 */
function attachDeclarativeShadowRoots(root: ParentNode): void {
  for (const template of [...root.querySelectorAll('template[shadowrootmode]')] as HTMLTemplateElement[]) {
    const mode = template.getAttribute('shadowrootmode');
    const host = template.parentElement;
    // A second template for the same host stays an inert template, as in the browser.
    if ((mode !== 'open' && mode !== 'closed') || !host || host.shadowRoot) continue;
    let shadow: ShadowRoot;
    try {
      shadow = host.attachShadow({ mode });
    } catch {
      continue;
    }
    shadow.append(template.content);
    template.remove();
    attachDeclarativeShadowRoots(shadow);
  }
}

interface NodePlace {
  block: TextBlock;
  /** The run's place in the walk: document order, with each shadow tree read where its host is. */
  order: number;
  /** Offset of the node's first character in the run's text. */
  start: number;
}

/** Each text node's run, walked as the scanner walks the page. */
function runsByNode(root: Node): { byNode: Map<Text, NodePlace>; count: number } {
  const byNode = new Map<Text, NodePlace>();
  const walker = new BlockWalker(root);
  let count = 0;
  for (let block = walker.next(); block !== null; block = walker.next()) {
    const order = count++;
    block.nodes.forEach((node, index) => byNode.set(node, { block, order, start: block.starts[index] ?? 0 }));
  }
  return { byNode, count };
}

function scanMarks(doc: Document, matcher: Matcher): Promise<Mark[]> {
  const lifetime = new AbortController();
  return new Promise<Mark[]>((resolve) => {
    const scanner: PageScanner = new PageScanner(doc, {
      matcher,
      signal: lifetime.signal,
      fallbackText: () => pageFallbackText(doc, FALLBACK_TEXT_LIMIT),
      onMarksChanged: () => undefined,
      onIdle: () => resolve([...scanner.marks()]),
      // No page to yield to: one slice for the whole page.
      sliceBudgetMs: Number.POSITIVE_INFINITY,
    });
    if (!(doc.body ?? doc.documentElement)) resolve([]);
    else scanner.scanDocument();
  }).finally(() => {
    lifetime.abort();
    // The scanner measures each slice for the browser's profiler; in Node they would only pile up.
    performance.clearMeasures(SCAN_MEASURE);
  });
}

/**
 * Every mention the extension finds on `html`: the scanner's marks in document order. `lang` treats
 * every block as that language; null lets each block's `lang` attribute or text decide, as the
 * extension does. Parsed only: no page scripts, style sheets, frames or fetches.
 */
export async function detectPage(html: string, matcher: Matcher, lang: Lang | null = null): Promise<PageScan> {
  const window = new Window({
    url: 'http://localhost/',
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      disableComputedStyleRendering: true,
      handleDisabledFileLoadingAsSuccess: true,
    },
  });
  // lib/dom is browser code: it tells shadow roots apart with the global ShadowRoot, which Node lacks.
  const globals = globalThis as { ShadowRoot?: unknown };
  const ownShadowRoot = globals.ShadowRoot;
  globals.ShadowRoot = window.ShadowRoot;
  try {
    // Written into the window's own document: happy-dom roots every Range in that one, so a
    // DOMParser document would get collapsed ranges.
    window.document.write(html);
    const doc = window.document as unknown as Document;
    attachDeclarativeShadowRoots(doc);
    const marks = await scanMarks(doc, lang === null ? matcher : inLanguage(matcher, lang));
    const root = doc.body ?? doc.documentElement;
    const { byNode, count } = root ? runsByNode(root) : { byNode: new Map<Text, NodePlace>(), count: 0 };
    const placed: { match: PageMatch; order: number }[] = [];
    for (const mark of marks) {
      const from = byNode.get(mark.range.startContainer as Text);
      const to = byNode.get(mark.range.endContainer as Text);
      if (!from || !to) throw new Error(`a mark of ${mark.explainerId} ("${mark.text}") lies outside every run of text`);
      const match: PageMatch = {
        explainer: mark.explainerId,
        lang: mark.lang,
        text: mark.text,
        start: from.start + mark.range.startOffset,
        end: to.start + mark.range.endOffset,
        block: from.block.text,
      };
      placed.push({ match, order: from.order });
    }
    placed.sort((a, b) => a.order - b.order || a.match.start - b.match.start);
    return { matches: placed.map(({ match }) => match), blocks: count };
  } finally {
    globals.ShadowRoot = ownShadowRoot;
    await window.happyDOM.close();
  }
}
