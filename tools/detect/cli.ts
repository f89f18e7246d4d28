/**
 * `npm run detect -- <file.html> [--pack pack.json | --terms terms.json] [--lang es|en|auto]`
 *   prints `explainerId  lang  "matched text"  …surrounding words…` for every match on the page.
 * `npm run detect -- --jsonl [--pack … | --terms …] [--lang es|en|auto]`
 *   reads `{"text": "...", "fallback"?: "...", "lang"?: "es"}` lines on stdin and writes one line per input:
 *   `{"matches":[{"explainer":"ice","lang":"en","text":"ICE","start":0,"end":3}]}`, or `{"error":"..."}`.
 *
 * An HTML page is scanned by the content script's own scanner over a happy-dom parse
 * (tools/detect/page.ts): the same walker, block and skip rules, so it lists what the extension marks
 * (in mark mode "every"). The page is read in the charset its `<meta charset>` declares, else UTF-8.
 *
 * The language of each block decides which terms apply, as in the extension: `--lang es` or `en`
 * treats every block as that language; `auto` (the default) takes the nearest `lang` attribute
 * (`<html lang>` included), else the stop-word detector over the block, else over the title and
 * headings, else English. A JSON line may name its own `lang`.
 *
 * Terms come from `--terms` (a MatchTerm[] file), `--pack` (a compiled pack), or else the
 * explainers in content/explainers compiled on the spot, or else public/packs/default.json.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createMatcher } from '../../lib/match/index';
import { detectLanguage } from '../../lib/match/language';
import type { Matcher, MatchTerm } from '../../lib/match/types';
import { LANGS, type Lang } from '../../lib/pack-format/types';
import { loadTerms } from './terms';

const USAGE = `usage: npm run detect -- <file.html> [--pack pack.json | --terms terms.json] [--lang es|en|auto]
       npm run detect -- --jsonl [--pack pack.json | --terms terms.json] [--lang es|en|auto] < lines.jsonl`;

/** A fixed language, or null for auto (per block). */
type LangChoice = Lang | null;

function surroundings(text: string, start: number, end: number, words = 6): string {
  const before = text.slice(0, start).split(/\s+/).slice(-words - 1).join(' ');
  const after = text.slice(end).split(/\s+/).slice(0, words + 1).join(' ');
  return `…${before}[${text.slice(start, end)}]${after}…`;
}

/** A JSON line's language: forced or its own, else detected in it, else in its fallback text, else English (lib/dom/block-lang without a DOM). */
function lineLang(choice: LangChoice, text: string, fallback: string | undefined): Lang {
  return choice ?? detectLanguage(text) ?? detectLanguage(fallback ?? '') ?? 'en';
}

async function detectHtml(file: string, matcher: Matcher, choice: LangChoice): Promise<number> {
  // Loaded only for a page: happy-dom takes a while to load, and JSON lines never need it.
  const { decodeHtml, detectPage } = await import('./page');
  let html: string;
  try {
    html = decodeHtml(readFileSync(file));
  } catch (error) {
    console.error(`${file}: ${(error as Error).message}`);
    return 1;
  }
  const { matches, blocks } = await detectPage(html, matcher, choice);
  for (const m of matches) console.log(`${m.explainer}  ${m.lang}  ${JSON.stringify(m.text)}  ${surroundings(m.block, m.start, m.end)}`);
  const count = matches.length;
  console.error(`${file}: ${count} match${count === 1 ? '' : 'es'} in ${blocks} blocks`);
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
  const lang = lineLang((own as Lang | undefined) ?? choice, record.text, record.fallback);
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
