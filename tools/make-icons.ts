/**
 * Draws the toolbar and store icons (public/icon/{16,32,48,96,128}.png) from the extension's own mark:
 * a term (a white bar) over the dotted underline that marks it on a page, on a mid blue rounded
 * square. Every shape sits on the 16 px grid, so the 16 px icon has no blurred edges inside it, and
 * the larger sizes are whole multiples of it. The blue is chosen to stand out by at least 3:1 on
 * light and dark toolbars alike (tools/make-icons.test.ts checks both and the crisp 16 px drawing).
 * Written with node:zlib only, so regenerating needs no image tooling:
 *   npx tsx tools/make-icons.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { deflateSync } from 'node:zlib';

/** Toolbar (16, 32), extensions page (48), Firefox add-ons (48, 96), Chrome Web Store and install (128). */
export const ICON_SIZES = [16, 32, 48, 96, 128] as const;
export type Rgb = [number, number, number];
/** A gentle top-to-bottom gradient; both ends stay ≥ 3:1 against Chrome's light (#f1f3f4) and dark (#35363a) toolbars. */
export const BLUE_TOP: Rgb = [0x42, 0x87, 0xd6];
export const BLUE_BOTTOM: Rgb = [0x3a, 0x82, 0xd4];
const WHITE: Rgb = [0xff, 0xff, 0xff];
/** Samples per pixel edge; smooths the rounded corners of the larger sizes. */
const SUPERSAMPLE = 4;

/**
 * The drawing in 16 px grid units (0..16): a line of text (faint), then the marked term (white) with
 * three dots under it, as a page looks with a topic marked.
 */
const GRID = 16;
const SQUARE = { left: 0, top: 0, right: 16, bottom: 16, radius: 3.5 };
const TEXT_LINE = { left: 3, top: 3, right: 13, bottom: 5 };
const TERM = { left: 3, top: 7, right: 11, bottom: 10, radius: 1 };
const DOTS = [3, 6, 9].map((left) => ({ left, top: 11, right: left + 2, bottom: 13 }));
const DOT_RADIUS = 0.8;
/** How white the plain text line is, over the blue: enough to read as text, clearly less than the term. */
const TEXT_LINE_SHARE = 0.55;

/** Coverage tests in grid units. */
function inRoundedRect(x: number, y: number, box: { left: number; top: number; right: number; bottom: number }, radius: number): boolean {
  const { left, top, right, bottom } = box;
  const cx = Math.min(Math.max(x, left + radius), right - radius);
  const cy = Math.min(Math.max(y, top + radius), bottom - radius);
  return x >= left && x <= right && y >= top && y <= bottom && (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

/**
 * At 16 px the term and the dots are plain squares of whole pixels (rounding would grey their
 * corners); from 32 px up the term has rounded ends and the dots are round.
 */
function glyphShareAt(x: number, y: number, size: number): number {
  const crisp = size < 32;
  if (inRoundedRect(x, y, TERM, crisp ? 0 : TERM.radius)) return 1;
  // Round dots a little smaller than their cell from 32 px up, where there are pixels to spare for the gaps.
  if (DOTS.some((dot) => (crisp ? inRoundedRect(x, y, dot, 0) : (x - dot.left - 1) ** 2 + (y - dot.top - 1) ** 2 <= DOT_RADIUS ** 2))) return 1;
  return inRoundedRect(x, y, TEXT_LINE, crisp ? 0 : 1) ? TEXT_LINE_SHARE : 0;
}

/** RGBA pixels of the icon at `size` px. */
export function iconPixels(size: number): Uint8Array {
  const data = new Uint8Array(size * size * 4);
  const scale = GRID / size;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let background = 0;
      let glyph = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const x = (px + (sx + 0.5) / SUPERSAMPLE) * scale;
          const y = (py + (sy + 0.5) / SUPERSAMPLE) * scale;
          if (inRoundedRect(x, y, SQUARE, SQUARE.radius)) {
            background++;
            glyph += glyphShareAt(x, y, size);
          }
        }
      }
      const samples = SUPERSAMPLE * SUPERSAMPLE;
      const alpha = background / samples;
      const glyphShare = background === 0 ? 0 : glyph / background;
      const t = py / Math.max(1, size - 1);
      const blue = BLUE_TOP.map((top, i) => top + (BLUE_BOTTOM[i]! - top) * t);
      const offset = (py * size + px) * 4;
      for (let i = 0; i < 3; i++) data[offset + i] = Math.round(blue[i]! + (WHITE[i]! - blue[i]!) * glyphShare);
      data[offset + 3] = Math.round(alpha * 255);
    }
  }
  return data;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, body: Uint8Array): Buffer {
  const typeAndBody = Buffer.concat([Buffer.from(type, 'ascii'), body]);
  const out = Buffer.alloc(12 + body.length);
  out.writeUInt32BE(body.length, 0);
  typeAndBody.copy(out, 4);
  out.writeUInt32BE(crc32(typeAndBody), 8 + body.length);
  return out;
}

function encodePng(size: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  // Each scanline starts with filter type 0 (none).
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) Buffer.from(rgba.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

function writeIcons(): void {
  const outDir = join(dirname(fileURLToPath(import.meta.url)), '../public/icon');
  mkdirSync(outDir, { recursive: true });
  for (const size of ICON_SIZES) {
    const file = join(outDir, `${size}.png`);
    writeFileSync(file, encodePng(size, iconPixels(size)));
    console.log(`wrote ${file}`);
  }
}

// Run as a script it writes the files; imported (by its test) it only draws.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) writeIcons();
