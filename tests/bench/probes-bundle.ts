import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url));

async function bundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [here(entry)],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

export interface ProbeBundles {
  /** Walks, floor and the matcher from lib/match (required). */
  probes: string;
  /** The content script's BlockWalker (optional: null when lib/dom does not build). */
  blocks: string | null;
  blocksError: string | null;
}

/** Builds the in-page code once per bench run, from the current sources (no extension rebuild). */
export async function buildProbeBundles(): Promise<ProbeBundles> {
  const probes = await bundle('./page-probes.ts');
  try {
    return { probes, blocks: await bundle('./page-blocks.ts'), blocksError: null };
  } catch (error) {
    return { probes, blocks: null, blocksError: (error as Error).message.split('\n')[0] ?? 'build failed' };
  }
}
