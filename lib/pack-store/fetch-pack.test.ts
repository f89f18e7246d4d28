// @vitest-environment node
// Node's own fetch (undici) against a real server on 127.0.0.1; happy-dom's fetch would hide real HTTP behaviour.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cachedJson, startPackServer, type PackServer } from '../../tests/support/pack-server';
import { acceptPackText } from './accept';
import { fetchPack, packUrlProblem } from './fetch-pack';
import { englishProblem, problemMatching } from '../../components/testing/i18n';
import type { PackProblem } from './problem';

const urlProblem = (url: string) => englishProblem(packUrlProblem(url) as PackProblem);

let server: PackServer;
beforeAll(async () => {
  server = await startPackServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.routes.clear();
  server.requests.length = 0;
});

const noNetwork: typeof fetch = () => {
  throw new Error('must not be called');
};

describe('packUrlProblem', () => {
  it('allows https anywhere and http only on the reader’s own machine', () => {
    expect(packUrlProblem('https://packs.example.org/news.json')).toBeNull();
    expect(packUrlProblem('http://localhost:8080/p.json')).toBeNull();
    expect(packUrlProblem('http://127.0.0.1/p.json')).toBeNull();
    expect(packUrlProblem('http://[::1]:3000/p.json')).toBeNull();
    expect(urlProblem('http://packs.example.org/p.json')).toMatch(/plain http is only allowed for localhost/);
    expect(urlProblem('http://127.0.0.2/p.json')).toMatch(/plain http/);
    expect(urlProblem('file:///etc/passwd')).toMatch(/file: URLs cannot be subscribed to/);
    expect(urlProblem('https://user:secret@example.org/p.json')).toMatch(/user name or password/);
    expect(urlProblem('packs/p.json')).toMatch(/not a valid URL/);
  });

  it('refuses a disallowed URL before any request', async () => {
    expect(await fetchPack('http://packs.example.org/p.json', { fetchImpl: noNetwork })).toMatchObject({ status: 'error', kind: 'url' });
  });
});

describe('fetchPack against a real HTTP server', () => {
  it('downloads, then revalidates with If-None-Match and gets 304 until the ETag changes', async () => {
    let body = '{"v":1}';
    let etag = '"v1"';
    server.routes.set('/p.json', cachedJson(() => body, () => etag));
    const first = await fetchPack(server.url('/p.json'));
    expect(first).toEqual({ status: 'ok', text: '{"v":1}', bytes: 7, etag: '"v1"', lastModified: 'Wed, 18 Feb 2026 10:00:00 GMT' });
    expect(server.requests[0]!.headers['if-none-match']).toBeUndefined();

    const second = await fetchPack(server.url('/p.json'), { etag: '"v1"', lastModified: 'Wed, 18 Feb 2026 10:00:00 GMT' });
    expect(second).toEqual({ status: 'not-modified' });
    expect(server.requests[1]!.headers).toMatchObject({
      'if-none-match': '"v1"',
      'if-modified-since': 'Wed, 18 Feb 2026 10:00:00 GMT',
    });

    body = '{"v":2}';
    etag = '"v2"';
    expect(await fetchPack(server.url('/p.json'), { etag: '"v1"' })).toMatchObject({ status: 'ok', text: '{"v":2}', etag: '"v2"' });
  });

  it('revalidates with If-Modified-Since when the server sends only Last-Modified', async () => {
    const modified = 'Tue, 17 Feb 2026 08:00:00 GMT';
    server.routes.set('/lm.json', (req, res) => {
      if (req.headers['if-modified-since'] === modified) res.writeHead(304).end();
      else res.writeHead(200, { 'Last-Modified': modified }).end('{"v":1}');
    });
    const first = await fetchPack(server.url('/lm.json'));
    expect(first).toMatchObject({ status: 'ok', lastModified: modified });
    expect(first.status === 'ok' && first.etag).toBeUndefined();
    expect(await fetchPack(server.url('/lm.json'), { lastModified: modified })).toEqual({ status: 'not-modified' });
  });

  it('reports a server error with its status', async () => {
    server.routes.set('/broken.json', (_req, res) => res.writeHead(500, 'Internal Server Error').end('oops'));
    const result = await fetchPack(server.url('/broken.json'));
    expect(result).toEqual({
      status: 'error',
      kind: 'http',
      error: problemMatching(`download: HTTP 500 Internal Server Error from ${server.url('/broken.json')}`),
    });
    expect(await fetchPack(server.url('/missing.json'))).toMatchObject({ status: 'error', error: problemMatching(/HTTP 404/) });
  });

  it('stops reading a body that streams past the size limit, with no Content-Length to warn', async () => {
    let sent = 0;
    let closedEarly = false;
    server.routes.set('/endless.json', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' }); // chunked: no Content-Length
      const chunk = Buffer.alloc(16 * 1024, 0x20);
      const timer = setInterval(() => {
        if (sent >= 10 * 1024 * 1024) {
          clearInterval(timer);
          res.end();
          return;
        }
        sent += chunk.length;
        res.write(chunk);
      }, 1);
      res.on('close', () => {
        clearInterval(timer);
        closedEarly = sent < 10 * 1024 * 1024;
      });
    });
    const result = await fetchPack(server.url('/endless.json'), { maxBytes: 100 * 1024 });
    expect(result).toMatchObject({ status: 'error', kind: 'size', error: problemMatching(/^size limit: the pack is larger than 0\.1 MB \(stopped after \d+ bytes\)/) });
    await expect.poll(() => closedEarly).toBe(true);
    expect(sent).toBeLessThan(10 * 1024 * 1024);
  });

  it('refuses up front a body whose Content-Length is over the limit', async () => {
    // The server promises 51 MB but sends 1 KB and holds the connection: only the header can answer.
    server.routes.set('/big.json', (_req, res) => {
      res.writeHead(200, { 'Content-Length': String(51 * 1024 * 1024) });
      res.write(Buffer.alloc(1024, 0x20));
    });
    expect(await fetchPack(server.url('/big.json'))).toMatchObject({
      status: 'error',
      kind: 'size',
      error: problemMatching('size limit: the pack is larger than 50 MB (server says 53477376 bytes)'),
    });
  });

  it('passes non-JSON through as text; the door then names the position', async () => {
    server.routes.set('/page.json', (_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>Login required</html>'));
    const result = await fetchPack(server.url('/page.json'));
    expect(result).toMatchObject({ status: 'ok', text: '<html>Login required</html>' });
    if (result.status !== 'ok') return;
    expect(await acceptPackText(result.text)).toMatchObject({
      ok: false,
      stage: 'json',
      error: problemMatching(/^not valid JSON at position 0 \(line 1, column 1\): .*HTML page/),
    });
  });

  it('refuses a body that is not UTF-8', async () => {
    server.routes.set('/latin1.json', (_req, res) => res.writeHead(200).end(Buffer.from([0x7b, 0xe9, 0x7d])));
    expect(await fetchPack(server.url('/latin1.json'))).toMatchObject({ status: 'error', kind: 'encoding' });
  });

  it('gives up on a server that never answers, and honours the caller’s signal', async () => {
    server.routes.set('/silent.json', () => undefined);
    expect(await fetchPack(server.url('/silent.json'), { timeoutMs: 200 })).toMatchObject({
      status: 'error',
      kind: 'timeout',
      error: problemMatching(/no complete answer from .* within 200 ms$/),
    });
    const controller = new AbortController();
    const pending = fetchPack(server.url('/silent.json'), { signal: controller.signal });
    controller.abort();
    expect(await pending).toEqual({ status: 'error', kind: 'aborted', error: problemMatching('download: cancelled') });
  });

  it('reports a connection that cannot be made', async () => {
    const closed = await startPackServer();
    const url = closed.url('/p.json');
    await closed.close();
    expect(await fetchPack(url)).toMatchObject({ status: 'error', kind: 'network', error: problemMatching(/^download: could not reach/) });
  });

  it('sends no cookies or referrer and follows redirects only to allowed URLs', async () => {
    server.routes.set('/moved.json', (_req, res) => res.writeHead(302, { Location: '/p.json' }).end());
    server.routes.set('/p.json', (_req, res) => res.writeHead(200).end('{}'));
    expect(await fetchPack(server.url('/moved.json'))).toMatchObject({ status: 'ok', text: '{}' });
    expect(server.requests.at(-1)!.headers.cookie).toBeUndefined();
    expect(server.requests.at(-1)!.headers.referer).toBeUndefined();

    // A redirect to plain http elsewhere, simulated without contacting any other host.
    const redirected = new Response('{}', { status: 200 });
    Object.defineProperty(redirected, 'redirected', { value: true });
    Object.defineProperty(redirected, 'url', { value: 'http://tracker.example.net/p.json' });
    expect(await fetchPack('https://packs.example.org/p.json', { fetchImpl: async () => redirected })).toMatchObject({
      status: 'error',
      kind: 'url',
      error: problemMatching(/redirected to a URL that is not allowed: plain http/),
    });
  });
});
