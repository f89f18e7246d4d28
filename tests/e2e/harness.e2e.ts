/**
 * The instruments the other e2e files trust: if the network fence or the mutation recorder missed
 * things, "no request left" and "DOM unchanged" would pass for the wrong reason.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { SHADOW_HOST_TAG } from '../../lib/dom/constants';
import { launchExtension, liveServiceWorker, type ExtensionHarness } from './harness';
import { markupUnchanged, mutationRecorderScript, readMutationLog } from './mutation-recorder';

describe('e2e instruments (Chromium)', () => {
  let harness: ExtensionHarness;
  let page: Page;

  before(async () => {
    harness = await launchExtension({ initScripts: [mutationRecorderScript(SHADOW_HOST_TAG)] });
    page = await harness.context.newPage();
    await page.goto(harness.server.url('pages/plain.html'), { waitUntil: 'load' });
  });

  after(async () => {
    await harness?.close();
  });

  it('aborts and records requests to other hosts from pages and from the service worker', async () => {
    const fromPage = await page.evaluate(() => fetch('https://example.com/from-page').then(() => 'sent', () => 'blocked'));
    const worker = await liveServiceWorker(harness);
    const fromWorker = await worker.evaluate(`fetch('https://example.com/from-worker').then(() => 'sent', () => 'blocked')`);
    assert.equal(fromPage, 'blocked');
    assert.equal(fromWorker, 'blocked');
    assert.deepEqual([...harness.blockedRequests].sort(), ['https://example.com/from-page', 'https://example.com/from-worker']);
    harness.blockedRequests.length = 0;
  });

  it('lets requests to the local fixture server through', async () => {
    const status = await page.evaluate(() => fetch('/pages/plain.html').then((response) => response.status));
    assert.equal(status, 200);
    assert.deepEqual(harness.blockedRequests, []);
  });

  it('records page DOM changes but not changes inside our shadow host', async () => {
    assert.deepEqual(await readMutationLog(page), []);
    assert.equal(await markupUnchanged(page), true);

    await page.evaluate((tag) => {
      const host = document.createElement(tag);
      document.documentElement.append(host);
      host.setAttribute('data-open', '');
      host.append(document.createElement('span'));
      host.remove();
    }, SHADOW_HOST_TAG);
    assert.deepEqual(await readMutationLog(page), []);
    assert.equal(await markupUnchanged(page), true);

    await page.evaluate(() => {
      document.querySelector('p')!.firstChild!.textContent = 'Changed.';
      document.body.dataset.touched = 'yes';
    });
    const log = await readMutationLog(page);
    assert.equal(log.length, 2, JSON.stringify(log));
    assert.match(log[0]!, /^text changed/);
    assert.match(log[1]!, /^attribute data-touched on <body>/);
    assert.equal(await markupUnchanged(page), false);
  });
});
