import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LocalListener {
  origin: string;
  port: number;
  /** Drops kept-alive connections too, so a test run never waits on a browser's idle socket. */
  close(): Promise<void>;
}

/** Starts `server` on a free port of 127.0.0.1: tests never listen beyond the loopback address. */
export async function listenLocal(server: Server): Promise<LocalListener> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
