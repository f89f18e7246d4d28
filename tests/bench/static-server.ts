import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { listenLocal } from '../support/listen-local';

export interface BenchServer {
  origin: string;
  close(): Promise<void>;
}

/**
 * Serves the pages from 127.0.0.1 exactly as they are on disk (no charset header, so each page's
 * own `<meta charset>` decides) plus documents held in memory. Everything else is a 404.
 */
export async function startServer(files: ReadonlyMap<string, string>, documents: ReadonlyMap<string, string>): Promise<BenchServer> {
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    const inMemory = documents.get(path);
    if (inMemory !== undefined) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(inMemory);
      return;
    }
    const file = files.get(path);
    if (file === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
      return;
    }
    readFile(file).then(
      (bytes) => {
        response.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' });
        response.end(bytes);
      },
      (error: Error) => {
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(error.message);
      },
    );
  });
  const { origin, close } = await listenLocal(server);
  return { origin, close };
}
