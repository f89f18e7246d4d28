/** The terms the detect CLI matches: a MatchTerm[] file, a compiled pack, content/explainers compiled now, or the bundled pack. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { termsOf } from '../../lib/catalog/match-terms';
import type { MatchTerm } from '../../lib/match/types';
import type { Pack } from '../../lib/pack-format/types';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const explainersDir = path.join(root, 'content', 'explainers');
const compilerFile = path.join(root, 'tools', 'pack', 'compiler.ts');
const defaultPack = path.join(root, 'public', 'packs', 'default.json');

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
export async function loadTerms(options: { pack?: string; terms?: string }): Promise<{ terms: MatchTerm[]; source: string }> {
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

