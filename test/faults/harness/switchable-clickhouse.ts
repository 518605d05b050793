import type { ClickHouseClient } from '@clickhouse/client';

const CALLS = new Set(['query', 'exec', 'command', 'insert']);

/**
 * A ClickHouse client that can be switched off. While off, every call fails the way
 * @clickhouse/client fails when the server is down (connection refused), and `ping` answers
 * `{ success: false }`; calls already running finish. Only the network is simulated: the engine
 * behind it (chDB) and everything above the client (store, projector, Kafka) are the real ones.
 * A server outage is seen by the store through exactly this surface, and no ClickHouse server
 * runs on this machine to be stopped (chDB lives inside the projector's process).
 */
export interface SwitchableClickHouse {
  client: ClickHouseClient;
  available: boolean;
  /** Switch off right after the next INSERT of readings succeeded: they are stored, what follows fails. */
  offAfterNextInsert: boolean;
  refused: number;
}

export function switchableClickHouse(client: ClickHouseClient): SwitchableClickHouse {
  const state: SwitchableClickHouse = { client, available: true, offAfterNextInsert: false, refused: 0 };
  const refused = () =>
    Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8123'), {
      code: 'ECONNREFUSED',
      errno: -111,
      syscall: 'connect',
    });
  state.client = new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      if (property === 'ping') {
        return async () => (state.available ? target.ping() : { success: false, error: refused() });
      }
      if (!CALLS.has(String(property))) return value.bind(target);
      return async (...args: unknown[]) => {
        if (!state.available) {
          state.refused++;
          throw refused();
        }
        const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        const sql = (args[0] as { query?: string } | undefined)?.query ?? '';
        if (state.offAfterNextInsert && /^\s*INSERT INTO \S+\.readings\b/.test(sql)) {
          state.offAfterNextInsert = false;
          state.available = false;
        }
        return result;
      };
    },
  });
  return state;
}
