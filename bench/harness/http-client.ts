import { Agent, request } from 'node:http';

/** `bytes`: the body as it came on the wire (compressed when a Content-Encoding was negotiated). */
export interface HttpAnswer {
  status: number;
  body: string;
  bytes: number;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * A minimal keep-alive HTTP/1.1 client for the load generators: node:http with a bounded socket pool,
 * so each concurrent worker reuses its connection and the generator costs as little CPU as possible.
 */
export class HttpClient {
  readonly #agent: Agent;

  constructor(maxSockets = 64) {
    this.#agent = new Agent({ keepAlive: true, maxSockets });
  }

  send(method: 'GET' | 'POST', url: string, headers: Record<string, string>, body?: string): Promise<HttpAnswer> {
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method,
          agent: this.#agent,
          headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const raw = Buffer.concat(chunks);
            resolve({
              status: res.statusCode ?? 0,
              body: raw.toString('utf8'),
              bytes: raw.length,
              headers: res.headers,
            });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.#agent.destroy();
  }
}
