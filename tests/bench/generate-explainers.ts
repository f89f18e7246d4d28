/**
 * Writes N synthetic but valid explainers (Markdown with front matter, as content/AUTHORING.md asks)
 * for the search bench: made-up words from a seeded generator, so titles, terms and body text look
 * like a newsroom glossary to the trigram index and Fuse, and every run writes the same files.
 *
 *   npx tsx tests/bench/generate-explainers.ts <count> <out-dir>
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SYLLABLES = ['ka', 'lo', 'mer', 'tan', 'vi', 'sol', 'dra', 'pen', 'qua', 'rit', 'no', 'bel', 'cor', 'fin', 'gra', 'hul', 'jas', 'ket', 'lum', 'mos', 'nev', 'or', 'pra', 'sen', 'tor', 'ul', 'ven', 'wis', 'yar', 'zen'];
const CATEGORIES = ['Agencies', 'Federal programs', 'Laws & orders', 'Legal process', 'Immigration status', 'State & local policy'];
/** Everyday words mixed into the body, so body text is not all rare words. */
const COMMON = ['the', 'state', 'federal', 'court', 'policy', 'agency', 'law', 'program', 'officials', 'report', 'county', 'city', 'funding', 'rules', 'hearing', 'vote', 'budget', 'public', 'record', 'data'];

/** Mulberry32: small, seeded, good enough to make text. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateExplainers(count: number, outDir: string, seed = 14): string[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const word = () => Array.from({ length: 2 + Math.floor(next() * 2) }, () => pick(SYLLABLES)).join('');
  /** A shared vocabulary, so words recur across explainers as real ones do. */
  const vocabulary = Array.from({ length: 4000 }, word);
  const vocab = () => pick(vocabulary);
  const sentence = (words: number) => {
    const text = Array.from({ length: words }, () => (next() < 0.4 ? pick(COMMON) : vocab())).join(' ');
    return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
  };
  const capital = (text: string) => `${text[0]!.toUpperCase()}${text.slice(1)}`;

  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = `topic-${i}`;
    ids.push(id);
    // The number keeps every title and term unique, as the compiler requires.
    const name = `${capital(vocab())} ${capital(vocab())} ${i}`;
    const source = `https://example.org/sources/${id}`;
    const facts = Array.from({ length: 4 }, () => `  - text: "${sentence(14)}"\n    sources: ["${source}"]`).join('\n');
    const related = i > 0 ? `[topic-${i - 1}]` : '[]';
    const markdown = `---
id: ${id}
title: "${name} program"
summary: "${sentence(16)}"
category: "${pick(CATEGORIES)}"
updated: "2026-01-15"
related: ${related}
terms:
  - text: "${name}"
  - text: "${name} program"
facts:
${facts}
timeline:
  - date: "2025-03"
    text: "${sentence(8)}"
primarySources:
  - { title: "${name} record", url: "${source}", publisher: "Example" }
furtherReading:
  - { title: "${name} analysis", url: "https://example.com/analysis/${id}", publisher: "Example News" }
---

## What's happening

${sentence(30)}

## What's at stake

${sentence(25)}

## Why it matters

${sentence(25)}
`;
    writeFileSync(join(outDir, `${id}.md`), markdown);
  }
  return ids;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [count, outDir] = process.argv.slice(2);
  if (!count || !outDir) throw new Error('usage: generate-explainers.ts <count> <out-dir>');
  generateExplainers(Number(count), outDir);
}
