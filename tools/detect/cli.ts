/**
 * `npm run detect -- <file.html> [--pack pack.json | --terms terms.json] [--lang es|en|auto]`
 *   prints `explainerId  lang  "matched text"  …surrounding words…` for every match on the page.
 * `npm run detect -- --jsonl [--pack … | --terms …] [--lang es|en|auto]`
 *   reads `{"text": "...", "fallback"?: "...", "lang"?: "es"}` lines on stdin and writes one line per input:
 *   `{"matches":[{"explainer":"ice","lang":"en","text":"ICE","start":0,"end":3}]}`, or `{"error":"..."}`.
 *
 * The language of each block decides which terms apply, as in the extension: `--lang es` or `en`
 * treats every block as that language; `auto` (the default) takes the nearest `lang` attribute
 * (`<html lang>` included), else the stop-word detector over the block, else over the title and
 * headings, else English. A JSON line may name its own `lang`.
 *
 * Terms come from `--terms` (a MatchTerm[] file), `--pack` (a compiled pack), or else the
 * explainers in content/explainers compiled on the spot, or else public/packs/default.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createMatcher } from '../../lib/match/index';
import { detectLanguage, langOfTag } from '../../lib/match/language';
import type { Matcher, MatchTerm } from '../../lib/match/types';
import { termsOf } from '../../lib/catalog/match-terms';
import { LANGS, type Lang, type Pack } from '../../lib/pack-format/types';

const USAGE = `usage: npm run detect -- <file.html> [--pack pack.json | --terms terms.json] [--lang es|en|auto]
       npm run detect -- --jsonl [--pack pack.json | --terms terms.json] [--lang es|en|auto] < lines.jsonl`;

/** A fixed language, or null for auto (per block). */
type LangChoice = Lang | null;

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const explainersDir = path.join(root, 'content', 'explainers');
const compilerFile = path.join(root, 'tools', 'pack', 'compiler.ts');
const defaultPack = path.join(root, 'public', 'packs', 'default.json');

/** Skipped like the content script skips them: code, form fields and editable regions. */
const SKIP = new Set(['HEAD', 'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEXTAREA', 'INPUT', 'SELECT', 'CODE', 'PRE', 'TEMPLATE', 'SVG', 'IFRAME']);
const BLOCKS = new Set([
  'P', 'LI', 'DD', 'DT', 'TD', 'TH', 'CAPTION', 'FIGCAPTION', 'BLOCKQUOTE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6',
  'DIV', 'SECTION', 'ARTICLE', 'ASIDE', 'HEADER', 'FOOTER', 'NAV', 'MAIN', 'BODY', 'UL', 'OL', 'DL', 'TABLE',
  'TR', 'FORM', 'FIELDSET', 'LEGEND', 'ADDRESS', 'DETAILS', 'SUMMARY', 'LABEL', 'BUTTON',
]);

function termsFromPack(pack: Pack, source: string): MatchTerm[] {
  if (!pack || !Array.isArray(pack.explainers)) throw new Error(`${source}: not a pack (no "explainers" array)`);
  return pack.explainers.flatMap(termsOf);
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
}

/** The terms to match, and where they came from (said on stderr, so a stale fallback is visible). */
async function loadTerms(options: { pack?: string; terms?: string }): Promise<{ terms: MatchTerm[]; source: string }> {
  if (options.terms) {
    const terms = readJson(options.terms);
    if (!Array.isArray(terms)) throw new Error(`${options.terms}: expected an array of terms`);
    return { terms: terms as MatchTerm[], source: options.terms };
  }
  if (options.pack) return { terms: termsFromPack(readJson(options.pack) as Pack, options.pack), source: options.pack };
  if (existsSync(compilerFile) && existsSync(explainersDir)) {
    try {
      const { compileFolder } = await import('../pack/compiler');
      const pack = compileFolder(explainersDir, { id: 'detect', name: 'detect', publisher: 'local' });
      return { terms: termsFromPack(pack, explainersDir), source: `${explainersDir} (compiled now)` };
    } catch (error) {
      if (!existsSync(defaultPack)) throw error;
      console.error(`warning: ${explainersDir} did not compile (${(error as Error).message.split('\n')[0]}); using ${defaultPack}`);
    }
  }
  if (existsSync(defaultPack)) return { terms: termsFromPack(readJson(defaultPack) as Pack, defaultPack), source: defaultPack };
  throw new Error(`no terms: pass --pack or --terms, or add ${explainersDir} or ${defaultPack}`);
}

interface Block {
  text: string;
  /** The nearest `lang` attribute's language (the page's included), if it names Spanish or English. */
  tagged: Lang | null;
}

interface LangElement {
  closest?: (selector: string) => { getAttribute(name: string): string | null } | null;
}

/** Text per block element, in document order, plus the title and h1–h3 as fallback context. */
async function pageBlocks(html: string): Promise<{ blocks: Block[]; fallback: string }> {
  const { Window } = await import('happy-dom');
  // A parser only: no scripts, no style sheets, no frames, nothing fetched.
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
  const doc = new window.DOMParser().parseFromString(html, 'text/html');
  const byBlock = new Map<unknown, string[]>();
  const visit = (node: { nodeType: number; nodeName: string; childNodes: ArrayLike<unknown>; textContent: string | null }, block: unknown): void => {
    if (node.nodeType === 3) {
      const parts = byBlock.get(block);
      if (parts) parts.push(node.textContent ?? '');
      else byBlock.set(block, [node.textContent ?? '']);
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9) return;
    const name = node.nodeName.toUpperCase();
    if (SKIP.has(name)) return;
    const element = node as unknown as { getAttribute?: (name: string) => string | null };
    const editable = element.getAttribute?.('contenteditable');
    if (editable !== null && editable !== undefined && editable !== 'false') return;
    const inner = BLOCKS.has(name) ? node : block;
    for (const child of Array.from(node.childNodes)) visit(child as typeof node, inner);
  };
  visit(doc, doc);
  const taggedOf = (block: unknown): Lang | null => {
    const element = (block === doc ? doc.documentElement : block) as LangElement;
    return langOfTag(element.closest?.('[lang]')?.getAttribute('lang'));
  };
  const blocks = [...byBlock.entries()]
    .map(([block, parts]) => ({ text: parts.join('').replace(/\s+/g, ' ').trim(), tagged: taggedOf(block) }))
    .filter((block) => block.text !== '');
  const headings = Array.from(doc.querySelectorAll('title, h1, h2, h3')).map((el) => el.textContent ?? '');
  const fallback = headings.join(' \n ').replace(/\s+/g, ' ').trim();
  await window.happyDOM.close();
  return { blocks, fallback };
}

function surroundings(text: string, start: number, end: number, words = 6): string {
  const before = text.slice(0, start).split(/\s+/).slice(-words - 1).join(' ');
  const after = text.slice(end).split(/\s+/).slice(0, words + 1).join(' ');
  return `…${before}[${text.slice(start, end)}]${after}…`;
}

/** The block's language: forced, else its lang attribute, else detected in it, else in the page's headings, else English. */
function blockLang(choice: LangChoice, tagged: Lang | null, text: string, fallback: string | undefined): Lang {
  return choice ?? tagged ?? detectLanguage(text) ?? detectLanguage(fallback ?? '') ?? 'en';
}

async function detectHtml(file: string, matcher: Matcher, choice: LangChoice): Promise<number> {
  let html: string;
  try {
    html = readFileSync(file, 'utf8');
  } catch (error) {
    console.error(`${file}: ${(error as Error).message}`);
    return 1;
  }
  const { blocks, fallback } = await pageBlocks(html);
  let count = 0;
  for (const block of blocks) {
    const lang = blockLang(choice, block.tagged, block.text, fallback);
    for (const m of matcher.match(block.text, { fallbackText: fallback, lang })) {
      console.log(`${m.explainerId}  ${m.lang}  ${JSON.stringify(m.text)}  ${surroundings(block.text, m.start, m.end)}`);
      count++;
    }
  }
  console.error(`${file}: ${count} match${count === 1 ? '' : 'es'} in ${blocks.length} blocks`);
  return 0;
}

function detectLine(line: string, matcher: Matcher, choice: LangChoice): string {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch (error) {
    return JSON.stringify({ error: `not JSON: ${(error as Error).message}` });
  }
  const record = input as { text?: unknown; fallback?: unknown; lang?: unknown } | null;
  if (typeof record !== 'object' || record === null || typeof record.text !== 'string') {
    return JSON.stringify({ error: 'expected an object with a string "text"' });
  }
  if (record.fallback !== undefined && typeof record.fallback !== 'string') {
    return JSON.stringify({ error: '"fallback" must be a string' });
  }
  const own = record.lang;
  if (own !== undefined && !LANGS.some((lang) => lang === own)) {
    return JSON.stringify({ error: `"lang" must be one of ${LANGS.join(', ')}` });
  }
  const lang = blockLang((own as Lang | undefined) ?? choice, null, record.text, record.fallback);
  const matches = matcher
    .match(record.text, { fallbackText: record.fallback, lang })
    .map((m) => ({ explainer: m.explainerId, lang: m.lang, text: m.text, start: m.start, end: m.end }));
  return JSON.stringify({ matches });
}

async function detectJsonl(matcher: Matcher, choice: LangChoice): Promise<number> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    process.stdout.write(`${detectLine(line, matcher, choice)}\n`);
  }
  return 0;
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        jsonl: { type: 'boolean' },
        pack: { type: 'string' },
        terms: { type: 'string' },
        lang: { type: 'string', default: 'auto' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help || (!values.jsonl && positionals.length !== 1) || (values.jsonl && positionals.length > 0)) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const choice = values.lang === 'auto' ? null : LANGS.find((lang) => lang === values.lang);
  if (choice === undefined) {
    console.error(`--lang must be es, en or auto\n${USAGE}`);
    return 2;
  }
  let loaded: { terms: MatchTerm[]; source: string };
  try {
    loaded = await loadTerms(values);
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  }
  console.error(`terms: ${loaded.terms.length} from ${loaded.source}`);
  const matcher = createMatcher(loaded.terms);
  return values.jsonl ? detectJsonl(matcher, choice) : detectHtml(positionals[0]!, matcher, choice);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
