/**
 * Draws the toolbar icons (public/icon/{16,32,48,128}.png): a calm blue rounded square with a
 * white "i". Written with node:zlib only, so regenerating needs no image tooling:
 *   npx tsx tools/make-icons.ts
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZES = [16, 32, 48, 128];
const BLUE_TOP: Rgb = [0x3a, 0x7b, 0xc8];
const BLUE_BOTTOM: Rgb = [0x23, 0x5c, 0xa3];
const WHITE: Rgb = [0xff, 0xff, 0xff];
/** Samples per pixel edge; 4×4 gives smooth edges even at 16 px. */
const SUPERSAMPLE = 4;

type Rgb = [number, number, number];

/** Coverage tests in unit coordinates (0..1 across the icon). */
function inRoundedRect(x: number, y: number, left: number, top: number, right: number, bottom: number, radius: number): boolean {
  const cx = Math.min(Math.max(x, left + radius), right - radius);
  const cy = Math.min(Math.max(y, top + radius), bottom - radius);
  return x >= left && x <= right && y >= top && y <= bottom && (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

function inBackground(x: number, y: number): boolean {
  return inRoundedRect(x, y, 0.02, 0.02, 0.98, 0.98, 0.22);
}

function inGlyph(x: number, y: number): boolean {
  const dot = (x - 0.5) ** 2 + (y - 0.28) ** 2 <= 0.095 ** 2;
  const stem = inRoundedRect(x, y, 0.41, 0.43, 0.59, 0.8, 0.05);
  return dot || stem;
}

function pixels(size: number): Uint8Array {
  const data = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let background = 0;
      let glyph = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const x = (px + (sx + 0.5) / SUPERSAMPLE) / size;
          const y = (py + (sy + 0.5) / SUPERSAMPLE) / size;
          if (inBackground(x, y)) {
            background++;
            if (inGlyph(x, y)) glyph++;
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

export function encodePng(size: number, rgba: Uint8Array): Buffer {
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

const outDir = join(dirname(fileURLToPath(import.meta.url)), '../../public/icon');
mkdirSync(outDir, { recursive: true });
for (const size of SIZES) {
  const file = join(outDir, `${size}.png`);
  writeFileSync(file, encodePng(size, pixels(size)));
  console.log(`wrote ${file}`);
}
