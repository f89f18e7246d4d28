import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface CorpusPage {
  name: string;
  file: string;
  bytes: number;
}

/** Every `.html` file in `dir`, by name. */
export function listPages(dir: string): CorpusPage[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    throw new Error(`--pages ${dir}: cannot read the folder (${(error as Error).message})`);
  }
  const pages = names
    .filter((name) => name.toLowerCase().endsWith('.html'))
    .sort()
    .map((name) => {
      const file = join(dir, name);
      return { name: name.replace(/\.html$/i, ''), file, bytes: statSync(file).size };
    });
  if (pages.length === 0) throw new Error(`--pages ${dir}: no .html files in the folder`);
  return pages;
}

/** `count` pages spread evenly over the size range (smallest and largest included). */
export function spreadBySize(pages: readonly CorpusPage[], count: number): CorpusPage[] {
  if (pages.length <= count) return [...pages];
  const bySize = [...pages].sort((a, b) => a.bytes - b.bytes || a.name.localeCompare(b.name));
  const picked = new Set<CorpusPage>();
  for (let i = 0; i < count; i++) picked.add(bySize[Math.round((i * (bySize.length - 1)) / (count - 1))]!);
  return pages.filter((page) => picked.has(page));
}

/** `count` pages at evenly spaced size quantiles, leaving out the extremes (a cheap typical sample). */
export function typicalBySize(pages: readonly CorpusPage[], count: number): CorpusPage[] {
  if (pages.length <= count) return [...pages];
  const bySize = [...pages].sort((a, b) => a.bytes - b.bytes || a.name.localeCompare(b.name));
  const picked = new Set<CorpusPage>();
  for (let i = 1; i <= count; i++) picked.add(bySize[Math.round((i * (bySize.length - 1)) / (count + 1))]!);
  return pages.filter((page) => picked.has(page));
}

export function largest(pages: readonly CorpusPage[], count: number): CorpusPage[] {
  return [...pages].sort((a, b) => b.bytes - a.bytes || a.name.localeCompare(b.name)).slice(0, count);
}

/** The charset a page declares in its first few KB (`<meta charset>` or http-equiv), else utf-8. */
export function declaredCharset(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const found = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return found ? found[1]!.toLowerCase() : 'utf-8';
}

export function decodePage(bytes: Uint8Array): string {
  const charset = declaredCharset(bytes);
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** The markup between `<body …>` and `</body>` (or after `</head>`, or the whole document). */
export function bodyMarkup(html: string): string {
  const open = /<body\b[^>]*>/i.exec(html);
  let start = 0;
  if (open) start = open.index + open[0].length;
  else {
    const headEnd = /<\/head\s*>/i.exec(html);
    if (headEnd) start = headEnd.index + headEnd[0].length;
  }
  const close = html.toLowerCase().lastIndexOf('</body');
  const end = close >= start ? close : html.length;
  return html.slice(start, end).replace(/<\/html\s*>\s*$/i, '');
}

/**
 * Page scripts are dropped: twenty sites' scripts running against each other's DOM would make the
 * stress page a test of their errors, and their source is not text a reader sees (the scanner skips
 * it, while the bare walk and the floor would read megabytes of it).
 */
export function withoutScripts(markup: string): string {
  return markup.replace(/<script\b[^>]*>[\s\S]*?<\/script\s*>/gi, '');
}

export interface StressPage {
  html: string;
  sources: string[];
}

/** One long document: the bodies of the given pages one after another, each in its own div. */
export function buildStressPage(pages: readonly CorpusPage[]): StressPage {
  const parts = pages.map((page) => {
    const body = withoutScripts(bodyMarkup(decodePage(readFileSync(page.file))));
    return `<div data-bench-source="${page.name.replace(/[^\w.-]/g, '_')}">\n${body}\n</div>`;
  });
  const html =
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Context Explainers bench: stress page</title></head>\n<body>\n' +
    parts.join('\n') +
    '\n</body></html>\n';
  return { html, sources: pages.map((page) => page.name) };
}
