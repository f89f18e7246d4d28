import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenLocal } from './listen-local';

/**
 * A real HTTP server on 127.0.0.1 for download tests: each path answers with a handler the test
 * sets. Nothing in these tests talks to any other host.
 */

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

interface SeenRequest {
  path: string;
  headers: IncomingHttpHeaders;
}

export interface PackServer {
  origin: string;
  url(path: string): string;
  routes: Map<string, Handler>;
  requests: SeenRequest[];
  close(): Promise<void>;
}

export async function startPackServer(): Promise<PackServer> {
  const routes = new Map<string, Handler>();
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ path, headers: req.headers });
    const handler = routes.get(path);
    if (handler) handler(req, res);
    else res.writeHead(404, { 'Content-Type': 'text/plain' }).end('no such pack');
  });
  const { origin, close } = await listenLocal(server);
  return {
    origin,
    url: (path) => `${origin}${path}`,
    routes,
    requests,
    close,
  };
}

/** Serves `body` with an ETag and Last-Modified, answering 304 to a matching conditional request. */
export function cachedJson(body: () => string, etag: () => string, lastModified = 'Wed, 18 Feb 2026 10:00:00 GMT'): Handler {
  return (req, res) => {
    const tag = etag();
    if (req.headers['if-none-match'] === tag) {
      res.writeHead(304, { ETag: tag }).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json', ETag: tag, 'Last-Modified': lastModified }).end(body());
  };
}
