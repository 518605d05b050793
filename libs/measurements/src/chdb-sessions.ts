import type { createClient } from '@clickhouse/client';

/** The backend connection @clickhouse/client takes in place of its HTTP one (chdb/connection is one). */
export type ClientConnection = NonNullable<NonNullable<Parameters<typeof createClient>[0]>['connection']>;

/**
 * chDB runs one statement at a time per session: a one-row read issued while a write's 500 ms statement
 * runs waits the 500 ms (measured: 499 ms on one session, 4 ms on a second session of the same data
 * directory). A server runs each HTTP connection's statements side by side, so on one session the
 * embedded store behaved unlike the server: every answer queued behind the projector's inserts and the
 * rollup refresh, and a bucket answer's three or four dependent statements queued three or four times.
 *
 * How many sessions the store opens on its data directory: reads beside the projector's write and the
 * background refresh, on two cores.
 */
export const CHDB_SESSIONS = 4;

/**
 * One connection over several sessions of the same engine: each call goes to the session with the
 * fewest calls in progress. chDB materializes a result before the call resolves, so a session is free
 * again once its call settles. Sessions share the engine and its data; nothing here relies on session
 * state (settings travel with each statement).
 */
export function sessionPool(sessions: ClientConnection[]): ClientConnection {
  const inProgress = sessions.map(() => 0);
  const onFreest = async <T>(call: (session: ClientConnection) => Promise<T>): Promise<T> => {
    let freest = 0;
    for (let i = 1; i < sessions.length; i++) if (inProgress[i]! < inProgress[freest]!) freest = i;
    inProgress[freest]! += 1;
    try {
      return await call(sessions[freest]!);
    } finally {
      inProgress[freest]! -= 1;
    }
  };
  return {
    ping: (params) => onFreest((s) => s.ping(params)),
    query: (params) => onFreest((s) => s.query(params)),
    insert: (params) => onFreest((s) => s.insert(params)),
    command: (params) => onFreest((s) => s.command(params)),
    exec: (params) => onFreest((s) => s.exec(params)),
    close: async () => {
      await Promise.all(sessions.map((s) => s.close()));
    },
  };
}
