import { packProblem, type PackProblem } from './problem';

/**
 * Downloads a subscribed pack: the only network request the extension makes, so it carries no
 * cookies or referrer, refuses plain http outside the reader's own machine, revalidates with the
 * server's ETag / Last-Modified, and stops reading the moment the body passes the size limit.
 */

/** A newsroom archive of 10,000 explainers is about 20–30 MB (issue #14); the limit leaves room above that. */
export const DEFAULT_MAX_PACK_BYTES = 50 * 1024 * 1024;
const DEFAULT_FETCH_TIMEOUT_MS = 30_000;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

type FetchErrorKind = 'url' | 'network' | 'http' | 'timeout' | 'aborted' | 'size' | 'encoding';

export type FetchPackResult =
  | { status: 'not-modified' }
  | { status: 'ok'; text: string; etag?: string; lastModified?: string; bytes: number }
  | { status: 'error'; kind: FetchErrorKind; error: PackProblem };

export interface FetchPackOptions {
  /** From the last good download; sent as If-None-Match. */
  etag?: string;
  /** From the last good download; sent as If-Modified-Since. */
  lastModified?: string;
  maxBytes?: number;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
  signal?: AbortSignal;
}

/** null when the extension may download a pack from `url`; otherwise why not. */
export function packUrlProblem(url: string): PackProblem | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return packProblem('packErrorUrlInvalid', [url]);
  }
  if (parsed.username !== '' || parsed.password !== '') return packProblem('packErrorUrlCredentials');
  if (parsed.protocol === 'https:') return null;
  if (parsed.protocol === 'http:' && LOOPBACK_HOSTS.has(parsed.hostname)) return null;
  if (parsed.protocol === 'http:') return packProblem('packErrorUrlPlainHttp', [url]);
  return packProblem('packErrorUrlScheme', [parsed.protocol, url]);
}

/** The limit in megabytes, as a plain number ("5", "0.1"); the message adds the unit. */
function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1);
}

function timeoutProblem(url: string, ms: number): PackProblem {
  return ms >= 1000 ? packProblem('packErrorTimeoutSeconds', [url, Math.round(ms / 1000)]) : packProblem('packErrorTimeoutMs', [url, ms]);
}

function tooLarge(code: 'packErrorTooLargeDeclared' | 'packErrorTooLargeStopped', maxBytes: number, bytes: number): FetchPackResult {
  return { status: 'error', kind: 'size', error: packProblem(code, [megabytes(maxBytes), bytes]) };
}

/** Reads the body chunk by chunk, cancelling the download once it passes `maxBytes`. */
async function readLimited(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array | { over: number }> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel('pack exceeds the size limit').catch(() => undefined);
      return { over: total };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function networkMessage(error: unknown): string {
  const err = error as { message?: string; cause?: { code?: string; message?: string } };
  const cause = err.cause?.code ?? err.cause?.message;
  return cause ? `${err.message ?? String(error)} (${cause})` : (err.message ?? String(error));
}

export async function fetchPack(url: string, options: FetchPackOptions = {}): Promise<FetchPackResult> {
  const problem = packUrlProblem(url);
  if (problem) return { status: 'error', kind: 'url', error: problem };
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_PACK_BYTES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
  const fetchImpl = options.fetchImpl ?? globalThis.fetch.bind(globalThis);

  // One controller for the caller's signal and our timeout, covering headers and body alike.
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort();
  if (options.signal?.aborted) controller.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const abortedResult = (): FetchPackResult =>
    timedOut
      ? { status: 'error', kind: 'timeout', error: timeoutProblem(url, timeoutMs) }
      : { status: 'error', kind: 'aborted', error: packProblem('packErrorCancelled') };

  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.etag) headers['If-None-Match'] = options.etag;
  if (options.lastModified) headers['If-Modified-Since'] = options.lastModified;

  try {
    let response: Response;
    try {
      response = await fetchImpl(url, {
        headers,
        signal: controller.signal,
        // We revalidate ourselves; the HTTP cache must neither answer for the server nor hide a 304.
        cache: 'no-store',
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        redirect: 'follow',
      });
    } catch (error) {
      if (controller.signal.aborted) return abortedResult();
      return { status: 'error', kind: 'network', error: packProblem('packErrorNetwork', [url, networkMessage(error)]) };
    }
    if (response.redirected && response.url) {
      const redirectProblem = packUrlProblem(response.url);
      if (redirectProblem) {
        await response.body?.cancel().catch(() => undefined);
        return { status: 'error', kind: 'url', error: packProblem('packErrorRedirect', [], redirectProblem) };
      }
    }
    if (response.status === 304) {
      await response.body?.cancel().catch(() => undefined);
      return { status: 'not-modified' };
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      const status = response.statusText ? `${response.status} ${response.statusText}` : String(response.status);
      return { status: 'error', kind: 'http', error: packProblem('packErrorHttp', [status, url]) };
    }
    const declared = Number(response.headers.get('Content-Length'));
    if (Number.isFinite(declared) && declared > maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      return tooLarge('packErrorTooLargeDeclared', maxBytes, declared);
    }
    let bytes: Uint8Array;
    try {
      const body = response.body;
      const read = body ? await readLimited(body, maxBytes) : new Uint8Array(0);
      if (!(read instanceof Uint8Array)) return tooLarge('packErrorTooLargeStopped', maxBytes, read.over);
      bytes = read;
    } catch (error) {
      if (controller.signal.aborted) return abortedResult();
      return { status: 'error', kind: 'network', error: packProblem('packErrorConnectionLost', [url, networkMessage(error)]) };
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return { status: 'error', kind: 'encoding', error: packProblem('packErrorEncoding') };
    }
    return {
      status: 'ok',
      text,
      bytes: bytes.byteLength,
      etag: response.headers.get('ETag') ?? undefined,
      lastModified: response.headers.get('Last-Modified') ?? undefined,
    };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}
