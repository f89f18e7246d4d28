/**
 * Newsroom scale in Chromium (issue #14): a generated pack of 5,000 explainers, compiled by the real
 * compiler and served by a node:http server on 127.0.0.1, is subscribed from the options page and
 * searchable. A stopped service worker wakes and answers from its stored search snapshot. An update
 * over the 50 MB limit is refused by its size while the 5,000-explainer pack keeps serving.
 * Steps share one browser and run in order.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { compileFolder } from '../../tools/pack/compiler';
import type { Pack } from '../../lib/pack-format/types';
import { generateExplainers } from '../bench/generate-explainers';
import { startPackServer, type PackServer } from '../support/pack-server';
import { askBackground, launchExtension, stopServiceWorker, waitUntil, type ExtensionHarness } from './harness';
import { OptionsPage } from './pages/options-page';

const COUNT = 5000;
const PACK_PATH = '/newsroom.json';
/** More than the 50 MB pack limit (lib/pack-store/fetch-pack.ts), sent without a length so the download itself must stop. */
const OVER_LIMIT_BYTES = 51 * 1024 * 1024;
/** A 12 MB pack is downloaded, validated, stored and indexed by a service worker on a shared machine. */
const IMPORT_TIMEOUT_MS = 180_000;

declare const chrome: { runtime: { sendMessage(message: object): Promise<unknown> } };

describe('5,000-explainer pack (Chromium)', () => {
  let harness: ExtensionHarness;
  let server: PackServer;
  let options: OptionsPage;
  let page: Page;
  let pack: Pack;
  let recordId: string;
  let overLimit = false;
  let work: string;

  /** Asked from an extension page as the popup asks, so the message itself wakes a stopped worker. */
  const search = (query: string) =>
    page.evaluate((q) => chrome.runtime.sendMessage({ type: 'search', query: q, limit: 8 }), query) as Promise<{ id: string; title: string }[]>;

  before(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'big-pack-'));
    generateExplainers(COUNT, path.join(work, 'explainers'));
    pack = JSON.parse(JSON.stringify(compileFolder(path.join(work, 'explainers'), { id: 'newsroom', name: 'Newsroom archive', publisher: 'E2E newsroom', version: '1' }))) as Pack;
    const body = JSON.stringify(pack);
    server = await startPackServer();
    server.routes.set(PACK_PATH, (req, res) => {
      // No host permission in a headless run: the download goes through CORS.
      const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'If-None-Match, If-Modified-Since' };
      if (req.method === 'OPTIONS') {
        res.writeHead(204, cors).end();
        return;
      }
      if (!overLimit) {
        res.writeHead(200, { ...cors, 'Content-Type': 'application/json' }).end(body);
        return;
      }
      // Chunked, no Content-Length: only counting the bytes as they arrive can refuse it.
      res.writeHead(200, { ...cors, 'Content-Type': 'application/json' });
      res.write('{"explainers":["');
      const chunk = 'x'.repeat(1024 * 1024);
      let sent = 0;
      const more = () => {
        while (sent < OVER_LIMIT_BYTES) {
          sent += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', more);
            return;
          }
        }
        res.end('"]}');
      };
      res.on('error', () => undefined);
      more();
    });
    recordId = `url:${server.url(PACK_PATH)}`;
    harness = await launchExtension();
    options = await OptionsPage.open(await harness.context.newPage(), harness.extensionUrl('options.html'));
    page = await harness.context.newPage();
    await page.goto(harness.extensionUrl('explainer.html'));
  });

  after(async () => {
    await harness?.close();
    await server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('subscribes to the 5,000-explainer pack from the options page and lists it', async () => {
    const started = Date.now();
    const status = await options.subscribe(server.url(PACK_PATH), undefined, IMPORT_TIMEOUT_MS);
    process.stderr.write(`big-pack: subscribe to ${COUNT} explainers took ${Date.now() - started} ms\n`);
    assert.doesNotMatch(status, /fail|error/i, status);
    await options.pack(recordId).waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await options.packField(recordId, 'count'), String(COUNT));
    assert.equal(await options.packField(recordId, 'error'), '');
  });

  it('finds explainers anywhere in the pack by title, and by a misspelt title', async () => {
    for (const explainer of [pack.explainers[0]!, pack.explainers[2500]!, pack.explainers.at(-1)!]) {
      const results = await search(explainer.title);
      assert.equal(results[0]?.id, explainer.id, `first result for "${explainer.title}": ${JSON.stringify(results.slice(0, 3))}`);
    }
    const target = pack.explainers[1234]!;
    const word = target.title.split(' ')[0]!;
    // One letter dropped from the middle of the title's first word.
    const typo = target.title.replace(word, word.slice(0, 3) + word.slice(4));
    assert.ok((await search(typo)).some((result) => result.id === target.id), `"${typo}" finds ${target.id}`);
    assert.deepEqual(await search('weather report'), []);
  });

  it('answers from its stored snapshot after the service worker is stopped', async () => {
    const stored = await page.evaluate(
      () =>
        new Promise<string | null>((resolve, reject) => {
          const open = indexedDB.open('search-snapshot');
          open.onerror = () => reject(new Error(String(open.error)));
          open.onsuccess = () => {
            const get = open.result.transaction('meta').objectStore('meta').get('key');
            get.onsuccess = () => resolve(typeof get.result === 'string' ? get.result : null);
            get.onerror = () => reject(new Error(String(get.error)));
          };
        }),
    );
    assert.ok(stored?.includes(pack.sha256), `the snapshot is keyed by the pack's hash: ${stored}`);
    await stopServiceWorker(harness);
    const target = pack.explainers[4321]!;
    const started = Date.now();
    const results = await search(target.title);
    process.stderr.write(`big-pack: stopped worker → first search answered in ${Date.now() - started} ms\n`);
    assert.equal(results[0]?.id, target.id);
    // The card comes from the one stored explainer.
    const card = await askBackground(harness, { type: 'getCard', id: target.id });
    assert.equal(card?.title, target.title);
    assert.equal(card?.factCount, target.facts.length);
  });

  it('answers a key-fact query after a wake as before it, and rebuilds when the stored texts are damaged', async () => {
    // Three words of one explainer's key facts that find it (found in the texts a wake reads after the
    // snapshot's head): many such phrases share words with other explainers' names, which rank first.
    let phrase = '';
    let before: { id: string; title: string }[] = [];
    search: for (const target of pack.explainers.slice(2718, 2728)) {
      for (const fact of target.facts) {
        const words = fact.text.replace(/[^\p{L}\p{N} ]/gu, '').toLowerCase().split(' ');
        for (let start = 0; start + 3 <= words.length; start += 3) {
          phrase = words.slice(start, start + 3).join(' ');
          before = await search(phrase);
          if (before.some((result) => result.id === target.id)) break search;
        }
      }
    }
    assert.ok(before.length > 0, `a key-fact phrase that finds its explainer: last tried "${phrase}"`);
    await stopServiceWorker(harness);
    assert.deepEqual(await search(phrase), before, 'the same answer from the stored snapshot');

    await stopServiceWorker(harness);
    /** The record of all texts, and each entry's record, as a broken disk or an old build might leave them. */
    const textsRecord = (damage: boolean) =>
      page.evaluate(
        (broken) =>
          new Promise<string>((resolve, reject) => {
            const open = indexedDB.open('search-snapshot');
            open.onerror = () => reject(new Error(String(open.error)));
            open.onsuccess = () => {
              const db = open.result;
              const transaction = db.transaction(['meta', 'records'], broken ? 'readwrite' : 'readonly');
              const all = transaction.objectStore('meta').get('texts');
              if (broken) {
                transaction.objectStore('meta').put('garbage', 'texts');
                transaction.objectStore('records').clear();
              }
              transaction.oncomplete = () => {
                db.close();
                resolve(typeof all.result);
              };
              transaction.onerror = () => reject(new Error(String(transaction.error)));
            };
          }),
        damage,
      );
    assert.equal(await textsRecord(true), 'object');
    assert.deepEqual(await search(phrase), before, 'the same answer from a rebuild');
    // The rebuild stores its snapshot again, texts and all.
    await waitUntil(() => textsRecord(false), (kind) => kind === 'object', { what: 'the rebuilt snapshot\'s texts in IndexedDB', timeout: IMPORT_TIMEOUT_MS });
  });

  it('refuses an update over 50 MB by its size and keeps serving the 5,000 explainers', async () => {
    overLimit = true;
    const status = await options.refresh(recordId, IMPORT_TIMEOUT_MS);
    assert.match(status, /size limit/i, status);
    await waitUntil(() => options.packField(recordId, 'error'), (text) => /size limit: the pack is larger than 50 MB/.test(text), { what: 'the size error in the pack list' });
    assert.equal(await options.packField(recordId, 'count'), String(COUNT));
    const target = pack.explainers[42]!;
    assert.equal((await search(target.title))[0]?.id, target.id);
    await stopServiceWorker(harness);
    assert.equal((await search(target.title))[0]?.id, target.id);
  });
});
