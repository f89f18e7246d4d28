import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BLUE_BOTTOM, BLUE_TOP, ICON_SIZES, iconPixels, type Rgb } from './make-icons';

const ICON_DIR = join(import.meta.dirname, '../public/icon');
/** Chrome's toolbar colours in its default light and dark themes. */
const LIGHT_TOOLBAR: Rgb = [0xf1, 0xf3, 0xf4];
const DARK_TOOLBAR: Rgb = [0x35, 0x36, 0x3a];

function luminance([r, g, b]: Rgb): number {
  const linear = (c: number) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}
function contrast(a: Rgb, b: Rgb): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}

describe('icons', () => {
  it('ships every size the manifest and stores use, as PNGs of that size', () => {
    for (const size of ICON_SIZES) {
      const png = readFileSync(join(ICON_DIR, `${size}.png`));
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
  });

  it('stands out by at least 3:1 on light and dark toolbars, and its white mark by 3:1 on its blue', () => {
    for (const blue of [BLUE_TOP, BLUE_BOTTOM]) {
      expect(contrast(blue, LIGHT_TOOLBAR)).toBeGreaterThanOrEqual(3);
      expect(contrast(blue, DARK_TOOLBAR)).toBeGreaterThanOrEqual(3);
      expect(contrast(blue, [255, 255, 255])).toBeGreaterThanOrEqual(3);
    }
  });

  it('is crisp at 16 px: inside the square every pixel is wholly blue, wholly mark, or wholly the text line', () => {
    const size = 16;
    const pixels = iconPixels(size);
    const shares = new Set<number>();
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const offset = (y * size + x) * 4;
        if (pixels[offset + 3] !== 255) continue;
        const t = y / (size - 1);
        const blueRed = BLUE_TOP[0] + (BLUE_BOTTOM[0] - BLUE_TOP[0]) * t;
        shares.add(Math.round(((pixels[offset]! - blueRed) / (255 - blueRed)) * 20) / 20);
      }
    }
    // 0: blue; 1: the term and its dots; one value for the fainter text line. Blurred edges would add more.
    expect([...shares].sort()).toHaveLength(3);
    expect(shares.has(0) && shares.has(1)).toBe(true);
  });

  it('draws the marked term with its dotted underline: three separate dots under the term at 16 px', () => {
    const size = 16;
    const pixels = iconPixels(size);
    const white = (x: number, y: number) => pixels[(y * size + x) * 4] === 255;
    const dotRow = Array.from({ length: size }, (_, x) => (white(x, 11) ? '#' : '.')).join('');
    expect(dotRow).toBe('...##.##.##.....');
  });
});
