import { request } from 'node:http';

export interface SlowRead {
  status: number;
  bytes: number;
  rows: number;
  link: string | undefined;
}

/**
 * GETs `url` and reads the body slowly: `chunkBytes` at most every `everyMs` (the response is paused in
 * between, so the socket's receive buffer fills and TCP pushes back on the server), like a client on a
 * slow link or a consumer that processes rows as it reads them.
 */
export function readSlowly(
  url: string,
  headers: Record<string, string>,
  chunkBytes: number,
  everyMs: number,
): Promise<SlowRead> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let bytes = 0;
      let rows = 0;
      let budget = chunkBytes;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) rows += 1;
        budget -= chunk.length;
        if (budget <= 0) {
          res.pause();
          setTimeout(() => {
            budget = chunkBytes;
            res.resume();
          }, everyMs);
        }
      });
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          bytes,
          rows,
          link: typeof res.headers.link === 'string' ? res.headers.link : undefined,
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
