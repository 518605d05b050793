import { randomUUID } from 'node:crypto';
import { inject, it, expect } from 'vitest';
import { testClickHouse } from '../../../test/fixtures.ts';

// The embedded engine answers reads beside a long statement, as a server's connections do: on one chDB
// session a read issued while the projector's write ran waited for the write to end.
it('answers a read while a long statement is still running', async () => {
  const client = testClickHouse(inject('clickhouseUrl'));
  // Named by a unique alias: chDB keeps no client query id in its process list.
  const marker = `s_${randomUUID().replaceAll('-', '')}`;
  // Hours of work on one core: it runs until killed below.
  const long = client
    .query({ query: `SELECT sum(number) AS ${marker} FROM numbers(1000000000000)`, format: 'JSONEachRow' })
    .then((r) => r.json())
    .then(
      () => 'finished',
      (error: Error) => error.message,
    );
  const running = async () => {
    const rows = await (
      await client.query({
        query:
          "SELECT count() AS n FROM system.processes WHERE query LIKE concat('%AS ', {marker:String}, ' FROM numbers%')",
        query_params: { marker },
        format: 'JSONEachRow',
      })
    ).json<{ n: number }>();
    return rows[0]!.n;
  };
  try {
    // The engine's process list is itself a read: on one session it could only answer after the statement.
    await expect.poll(running, { timeout: 10_000 }).toBe(1);
    const read = await (await client.query({ query: 'SELECT 42 AS answer', format: 'JSONEachRow' })).json();
    expect(read).toEqual([{ answer: 42 }]);
    expect(await running()).toBe(1);
  } finally {
    await client.command({
      query: "KILL QUERY WHERE query LIKE concat('%AS ', {marker:String}, ' FROM numbers%') ASYNC",
      query_params: { marker },
    });
  }
  expect(await long).toMatch(/cancel/i);
}, 60_000);
