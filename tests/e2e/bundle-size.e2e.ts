/**
 * The built Chromium content script stays within its budget (issues #12–#14: ≤ 20 KB under gzip -9).
 * It runs in every frame of every page, so its size is paid on each load. Lives in the e2e tier because
 * that tier runs on a fresh build (`npm test` builds first); `npm run bench` reports the same number.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { EXTENSION_DIR } from './harness';

const CONTENT_SCRIPT_GZIP_BUDGET = 20 * 1024;
/** A key of webextension-polyfill's API metadata: present in any bundle that carries the polyfill. */
const POLYFILL_SIGNATURE = 'fallbackToNoCallback';

function built(file: string): string {
  const full = path.join(EXTENSION_DIR, file);
  assert.ok(existsSync(full), `No ${file} in ${EXTENSION_DIR}: run \`npm run build\` first.`);
  return readFileSync(full, 'utf8');
}

describe('content script bundle (Chromium build)', () => {
  it(`is at most ${CONTENT_SCRIPT_GZIP_BUDGET} bytes under gzip -9`, () => {
    const gzipBytes = gzipSync(built('content-scripts/content.js'), { level: 9 }).length;
    assert.ok(gzipBytes <= CONTENT_SCRIPT_GZIP_BUDGET, `content.js is ${gzipBytes} bytes gzip -9, over the ${CONTENT_SCRIPT_GZIP_BUDGET}-byte budget`);
  });

  it('uses the browser\'s own API object: the polyfill stays in the background only', () => {
    // The content scripts' `wxt/browser` alias lives in wxt.config.ts; a WXT change could drop it silently.
    assert.equal(built('content-scripts/content.js').includes(POLYFILL_SIGNATURE), false, 'content.js carries webextension-polyfill');
    assert.equal(built('content-card.js').includes(POLYFILL_SIGNATURE), false, 'content-card.js carries webextension-polyfill');
    assert.equal(built('background.js').includes(POLYFILL_SIGNATURE), true, 'the background should still answer through the polyfill');
  });
});
