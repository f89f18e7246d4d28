import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { listenLocal } from '../support/listen-local';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  /** e.g. "http://127.0.0.1:41234" (no trailing slash). */
  origin: string;
  url(pathname: string): string;
  close(): Promise<void>;
}

/**
 * Serves `root` read-only on 127.0.0.1 at a free port. `mounts` maps extra URL paths to single files
 * outside the root (the Preact fixture loads preact's UMD build straight from node_modules).
 */
export async function serveFolder(root: string, mounts: Record<string, string> = {}): Promise<StaticServer> {
  const base = path.resolve(root);
  const server: Server = createServer((request, response) => {
    let pathname = '/';
    try {
      pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    } catch {
      response.writeHead(400, { 'content-type': 'text/plain' }).end('bad url');
      return;
    }
    const mounted = mounts[pathname];
    const file = mounted ?? path.resolve(base, `.${pathname}`);
    const inside = mounted !== undefined || file === base || file.startsWith(base + path.sep);
    let size = -1;
    try {
      const stat = inside ? statSync(file) : null;
      if (stat?.isFile()) size = stat.size;
    } catch {
      size = -1;
    }
    if (size < 0) {
      response.writeHead(404, { 'content-type': 'text/plain', 'cache-control': 'no-store' }).end('not found');
      return;
    }
    response.writeHead(200, {
      'content-type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': size,
      'cache-control': 'no-store',
    });
    createReadStream(file).pipe(response);
  });
  const { origin, close } = await listenLocal(server);
  return {
    origin,
    url: (pathname) => new URL(pathname.replace(/^\//, ''), origin + '/').href,
    close,
  };
}
