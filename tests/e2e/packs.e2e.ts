/**
 * Publisher packs end to end in Chromium: a pack compiled by the real compiler from
 * tests/fixtures/packs/explainers, signed, served by a node:http server on 127.0.0.1, subscribed
 * from the options page; its new term gets marked on an already open page. Then corrupt, re-hashed
 * and unsigned updates are refused with the reason on the options page while the first version
 * keeps serving. Along the way: the built manifest asks for no host access at install, and the only
 * requests the extension makes are the pack downloads. Steps share one browser and run in order.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { compileFolder } from '../../tools/pack/compiler';
import { generateSigningKey, signPack, type SigningKey } from '../../lib/pack-format/sign';
import type { Pack } from '../../lib/pack-format/types';
import { startPackServer, type PackServer } from '../support/pack-server';
import { askBackground, EXTENSION_DIR, FIXTURES_DIR, launchExtension, waitUntil, type ExtensionHarness, type SeenRequest } from './harness';
import { ArticlePage } from './pages/article-page';
import { OptionsPage } from './pages/options-page';

const PACK_PATH = '/zorblax.json';
const NEW_TERM = 'Zorblax Accord';
const REVISED_TITLE = 'Zorblax Accord (revised)';
/** README, "Permissions and privacy": asked for one site at a time when subscribing, never at install. */
const OPTIONAL_HOST_ACCESS = ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*'];
const INSTALL_PERMISSIONS = ['alarms', 'contextMenus', 'storage', 'unlimitedStorage'];
/** The content script's matches, which chrome.permissions.getAll() lists among origins. */
const CONTENT_SCRIPT_MATCHES = ['http://*/*', 'https://*/*'];

function compileTestPack(version: string): Pack {
  const pack = compileFolder(path.join(FIXTURES_DIR, 'packs/explainers'), {
    id: 'e2e-zorblax',
    name: 'Zorblax test pack',
    publisher: 'E2E publisher',
    version,
  });
  return JSON.parse(JSON.stringify(pack)) as Pack;
}

/** A second edition with a new title (hash it with withHash, as `npm run pack` would). */
function compileRetitled(pack: Pack, title: string): Pack {
  const explainers = pack.explainers.map((explainer) => ({ ...explainer, title }));
  const searchDocs = pack.searchDocs.map((doc) => ({ ...doc, title }));
  const { sha256: _old, signature: _signature, ...rest } = { ...pack, explainers, searchDocs };
  return { ...rest, sha256: '' };
}

/** The pack's canonical hash, computed the way the compiler does (lib/pack-format/hash.ts). */
async function withHash(pack: Pack): Promise<Pack> {
  const { computePackHash } = await import('../../lib/pack-format/hash');
  const { sha256: _sha, signature: _sig, ...unhashed } = pack;
  return { ...unhashed, sha256: await computePackHash(unhashed) };
}

describe('publisher packs (Chromium)', () => {
  let harness: ExtensionHarness;
  let server: PackServer;
  let key: SigningKey;
  let body = '';
  let article: ArticlePage;
  let options: OptionsPage;
  let packUrl: string;
  let recordId: string;

  const serve = (text: string) => {
    body = text;
  };

  const markedTexts = async () => (await article.highlighted()).map((range) => range.text);
  /** Network requests (not the extension's own files) made since `mark` requests had been seen. */
  const networkSince = (mark: number): SeenRequest[] => harness.requests.slice(mark).filter((seen) => /^https?:/.test(seen.url));

  /** Runs `action` and checks the only network requests made meanwhile were the service worker fetching the pack. */
  const onlyPackDownloads = async <T>(what: string, action: () => Promise<T>): Promise<T> => {
    const mark = harness.requests.length;
    const result = await action();
    const seen = await waitUntil(async () => networkSince(mark), (list) => list.length > 0, { what: `the ${what} download` });
    assert.deepEqual(
      seen,
      seen.map(() => ({ url: packUrl, from: 'service-worker' })),
      `${what} made requests other than the pack download: ${JSON.stringify(seen)}`,
    );
    return result;
  };

  const cardTitle = async () => (await askBackground(harness, { type: 'getCard', id: 'zorblax-accord' }))?.title ?? null;

  before(async () => {
    key = (await generateSigningKey()).key;
    server = await startPackServer();
    server.routes.set(PACK_PATH, (req, res) => {
      // The extension has no host permission in a headless run (nobody accepts the prompt), so the
      // download goes through CORS, as the publisher README asks servers to allow.
      const cors = {
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Headers': 'If-None-Match, If-Modified-Since',
        'Access-Control-Expose-Headers': 'ETag',
      };
      if (req.method === 'OPTIONS') {
        res.writeHead(204, cors).end();
        return;
      }
      const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { ...cors, ETag: etag }).end();
        return;
      }
      res.writeHead(200, { ...cors, 'Content-Type': 'application/json', ETag: etag }).end(body);
    });
    packUrl = server.url(PACK_PATH);
    recordId = `url:${packUrl}`;
    serve(JSON.stringify(await signPack(compileTestPack('1'), key)));

    harness = await launchExtension();
    article = await ArticlePage.open(await harness.context.newPage(), harness.server.url('packs/zorblax-page.html'));
    options = await OptionsPage.open(await harness.context.newPage(), harness.extensionUrl('options.html'));
  });

  after(async () => {
    await harness?.close();
    await server?.close();
  });

  it('lists the bundled pack, which can be turned off but not removed', async () => {
    const row = options.pack('bundled');
    await row.waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(Number(await options.packField('bundled', 'count')), harness.pack.explainers.length);
    assert.equal(await row.locator('[data-testid="pack-remove"]').count(), 0);
    assert.equal(await row.locator('[data-testid="pack-enabled"]').isChecked(), true);
  });

  it('marks the bundled terms on the page but not the unknown Zorblax Accord', async () => {
    await article.waitForHighlights(1);
    const texts = await markedTexts();
    assert.ok(texts.includes('immigration detainer'), `marked: ${JSON.stringify(texts)}`);
    assert.ok(!texts.includes(NEW_TERM));
  });

  it('asks for no host access at install: pack origins are optional, as the README says', async () => {
    const manifest = JSON.parse(readFileSync(`${EXTENSION_DIR}/manifest.json`, 'utf8')) as Record<string, unknown>;
    assert.equal(manifest.host_permissions, undefined, `host_permissions: ${JSON.stringify(manifest.host_permissions)}`);
    assert.deepEqual(manifest.optional_host_permissions, OPTIONAL_HOST_ACCESS);
    assert.deepEqual([...(manifest.permissions as string[])].sort(), INSTALL_PERMISSIONS);
    assert.deepEqual(await options.grantedPermissions(), { origins: CONTENT_SCRIPT_MATCHES, permissions: INSTALL_PERMISSIONS });
  });

  it('subscribes to a signed pack on 127.0.0.1 with a pinned key and lists it', async () => {
    await options.recordPermissionRequests();
    const status = await onlyPackDownloads('subscribe', () => options.subscribe(packUrl, key.publicKey));
    assert.equal(status, 'Subscribed.');
    // The click asks for the pack's origin (one pattern, any port); nobody answers the prompt in a
    // headless run, so nothing is granted and the download went through CORS.
    assert.deepEqual(await options.permissionRequests(), [['http://127.0.0.1/*']]);
    assert.equal(await options.hasHostAccess('http://127.0.0.1/*'), false);
    assert.deepEqual(await options.grantedPermissions(), { origins: CONTENT_SCRIPT_MATCHES, permissions: INSTALL_PERMISSIONS });
    await options.pack(recordId).waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await options.packField(recordId, 'version'), /\b1\b/);
    assert.equal(await options.packField(recordId, 'source'), packUrl);
    assert.equal(await options.packField(recordId, 'count'), '1');
    assert.notEqual(await options.packField(recordId, 'last-check'), 'never');
    assert.equal(await options.packField(recordId, 'error'), '');
  });

  it("marks the pack's new term on the page that was already open, without a reload", async () => {
    const texts = await waitUntil(markedTexts, (list) => list.includes(NEW_TERM), { what: `"${NEW_TERM}" to be marked`, timeout: 15_000 });
    assert.ok(texts.includes('immigration detainer'), 'bundled terms are still marked');
    assert.equal(await cardTitle(), NEW_TERM);
  });

  const refusedUpdates: [string, () => Promise<string>, RegExp][] = [
    ['a corrupt download (not JSON)', async () => JSON.stringify(await signPack(await withHash(compileRetitled(compileTestPack('2'), REVISED_TITLE)), key)).slice(0, 500), /not valid JSON at position/],
    [
      'a pack edited after hashing (wrong hash)',
      async () => {
        const signed = await signPack(await withHash(compileRetitled(compileTestPack('2'), REVISED_TITLE)), key);
        return JSON.stringify({ ...signed, name: 'Tampered after signing' });
      },
      /hash mismatch/,
    ],
    ['an unsigned pack while a key is pinned', async () => JSON.stringify(await withHash(compileRetitled(compileTestPack('2'), REVISED_TITLE))), /not signed, but a publisher key is pinned/],
  ];

  for (const [what, makeBody, reason] of refusedUpdates) {
    it(`refuses ${what}, shows why, and keeps serving version 1`, async () => {
      serve(await makeBody());
      const status = await onlyPackDownloads('refresh', () => options.refresh(recordId));
      assert.match(status, reason);
      await waitUntil(() => options.packField(recordId, 'error'), (text) => reason.test(text), { what: 'the error in the pack list' });
      assert.match(await options.packField(recordId, 'version'), /\b1\b/);
      assert.equal(await cardTitle(), NEW_TERM);
      await article.page.reload({ waitUntil: 'load' });
      await waitUntil(markedTexts, (list) => list.includes(NEW_TERM), { what: `"${NEW_TERM}" still marked after a reload` });
    });
  }

  it('accepts a correctly signed update, clearing the error', async () => {
    serve(JSON.stringify(await signPack(await withHash(compileRetitled(compileTestPack('2'), REVISED_TITLE)), key)));
    assert.equal(await onlyPackDownloads('refresh', () => options.refresh(recordId)), 'Checked.');
    await waitUntil(() => options.packField(recordId, 'version'), (text) => /\b2\b/.test(text), { what: 'version 2 listed' });
    assert.equal(await options.packField(recordId, 'error'), '');
    assert.equal(await cardTitle(), REVISED_TITLE);
  });

  it('removes the subscription, and the term is no longer marked', async () => {
    await options.pack(recordId).locator('[data-testid="pack-remove"]').click();
    await options.pack(recordId).waitFor({ state: 'detached', timeout: 10_000 });
    await waitUntil(markedTexts, (list) => !list.includes(NEW_TERM) && list.includes('immigration detainer'), { what: `"${NEW_TERM}" to be unmarked` });
  });

  it('made no request but the pack downloads, which carried no cookie or referrer', () => {
    const network = harness.requests.filter((seen) => /^https?:/.test(seen.url));
    const fromWorker = [...new Set(network.filter((seen) => seen.from === 'service-worker').map((seen) => seen.url))];
    assert.deepEqual(fromWorker, [packUrl]);
    const fromPages = network.filter((seen) => seen.from !== 'service-worker' && !seen.url.startsWith(`${harness.server.origin}/`));
    assert.deepEqual(fromPages, [], 'pages loaded something other than the fixture server');
    assert.deepEqual(harness.blockedRequests, []);
    assert.ok(server.requests.length >= 5, `the pack server saw ${server.requests.length} requests`);
    for (const seen of server.requests) {
      assert.equal(seen.path, PACK_PATH);
      assert.equal(seen.headers.cookie, undefined);
      assert.equal(seen.headers.referer, undefined, `referrer ${seen.headers.referer}`);
    }
  });
});
