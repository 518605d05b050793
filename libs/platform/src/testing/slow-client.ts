import { connect } from 'node:net';

export interface SlowClientAnswer {
  /** The HTTP status the server sent, or null if it closed without answering. */
  status: number | null;
  headers: Record<string, string>;
  body: string;
  /** From the last byte sent to the connection's end. */
  elapsedMs: number;
}

/**
 * A client that sends `head` (part of a request) on a raw socket and then goes silent, as a stalled
 * meter pipeline or a slowloris attacker does; resolves when the server ends the connection (or
 * rejects after `giveUpMs`, when the server would hold it open).
 */
export function sendAndStall(port: number, head: string, giveUpMs: number): Promise<SlowClientAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let received = '';
    let sentAt = 0;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server still held the connection after ${giveUpMs} ms`));
    }, giveUpMs);
    socket.on('connect', () => {
      socket.write(head, () => {
        sentAt = Date.now();
      });
    });
    socket.on('data', (chunk) => {
      received += chunk.toString('utf8');
    });
    socket.on('error', () => {
      /* a reset also ends the connection */
    });
    socket.on('close', () => {
      clearTimeout(timer);
      const [headText = '', body = ''] = received.split('\r\n\r\n', 2);
      const [statusLine = '', ...lines] = headText.split('\r\n');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1];
      const headers = Object.fromEntries(
        lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
      );
      resolve({ status: status ? Number(status) : null, headers, body, elapsedMs: Date.now() - sentAt });
    });
  });
}
