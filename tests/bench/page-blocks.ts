/**
 * Optional add-on to page-probes.ts: hands the content script's BlockWalker to the probes, so the
 * scaling table can also time the matcher over real blocks. Bundled separately because lib/dom is
 * still moving; if it stops building, the bench reports the text-node numbers only.
 */
import { BlockWalker } from '../../lib/dom/text-blocks';
import type { Probes } from './page-probes';

const probes = (globalThis as unknown as { __contextExplainersBench?: Probes }).__contextExplainersBench;
probes?.setBlockSource((root) => {
  const walker = new BlockWalker(root);
  return () => walker.next();
});
