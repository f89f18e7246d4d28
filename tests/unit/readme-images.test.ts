import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

/** Every image the README shows, in Markdown (`![…](path)`) or HTML (`<img src="path">`) form. */
function readmeImages(): string[] {
  const text = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const markdown = [...text.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((match) => match[1]!);
  const html = [...text.matchAll(/<img\s[^>]*src="([^"]+)"/g)].map((match) => match[1]!);
  return [...markdown, ...html].filter((src) => !/^https?:/.test(src));
}

describe('README', () => {
  it('shows screenshots that exist in the repository', () => {
    const images = readmeImages();
    expect(images.length).toBeGreaterThan(0);
    expect(images.filter((src) => !existsSync(join(ROOT, src)))).toEqual([]);
  });
});
