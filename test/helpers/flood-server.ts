/**
 * A loopback HTTP server that answers with a body far larger than any limit, written as the client reads
 * it (with backpressure), and counts what it managed to send: a reader that stops at its cap leaves most of
 * the body unsent, one that reads everything first does not.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { defer } from './disposables.ts';

export interface FloodServer {
  origin: string;
  /** Bytes of the flood written to sockets so far. */
  sent(): number;
  /** Resolves once the flood's response has ended, by completion or because the client went away. */
  ended(): Promise<void>;
}

const CHUNK = Buffer.alloc(64 * 1024, 'a');

/**
 * `route` answers the requests that are not the flood (return false to flood this one). The flood is
 * `total` bytes of `"aaaa…` (the start of a JSON string that never closes), without a content-length
 * unless `declare` says so.
 */
export async function floodServer(
  options: {
    total: number;
    declare?: boolean;
    contentType?: string;
    route?: (req: http.IncomingMessage, res: http.ServerResponse, origin: string) => boolean;
  } = { total: 0 },
): Promise<FloodServer> {
  let sent = 0;
  let endFlood!: () => void;
  const ended = new Promise<void>((resolve) => (endFlood = resolve));
  let origin = '';
  const server = http.createServer((req, res) => {
    if (options.route?.(req, res, origin)) return;
    res.writeHead(200, {
      'content-type': options.contentType ?? 'application/json',
      ...(options.declare ? { 'content-length': String(options.total) } : {}),
    });
    let left = options.total;
    res.on('close', endFlood);
    const pump = () => {
      while (left > 0 && !res.destroyed) {
        const part = left >= CHUNK.length ? CHUNK : CHUNK.subarray(0, left);
        left -= part.length;
        sent += part.length;
        if (!res.write(part)) return void res.once('drain', pump);
      }
      if (left === 0) res.end();
    };
    res.write('"');
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  defer(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  }, 'the flood server');
  return { origin, sent: () => sent, ended: () => ended };
}
