import { describe, expect, inject, it } from 'vitest';
import { testClickHouse, uniqueName } from '../fixtures.ts';

describe('ClickHouse engine (chDB in-process, or a server when configured)', () => {
  it('creates a MergeTree table, inserts, and answers a parameterised query', async () => {
    const client = testClickHouse(inject('clickhouseUrl'));
    const db = uniqueName('infra');
    await client.command({ query: `CREATE DATABASE ${db}` });
    await client.command({
      query: `CREATE TABLE ${db}.readings (device String, ts DateTime64(3, 'UTC'), value Float64) ENGINE = MergeTree ORDER BY (device, ts)`,
    });
    await client.insert({
      table: `${db}.readings`,
      format: 'JSONEachRow',
      values: [
        { device: 'd1', ts: '2026-01-01 00:00:00.000', value: 1.5 },
        { device: 'd1', ts: '2026-01-01 00:15:00.000', value: 2.5 },
        { device: 'd2', ts: '2026-01-01 00:00:00.000', value: 100 },
      ],
    });
    const result = await client.query({
      query: `SELECT count() AS n, sum(value) AS total FROM ${db}.readings WHERE device = {device:String}`,
      query_params: { device: 'd1' },
      format: 'JSONEachRow',
    });
    expect(await result.json()).toEqual([{ n: expect.anything(), total: 4 }]);
    const [row] = await (
      await client.query({
        query: `SELECT toUInt32(count()) AS n FROM ${db}.readings WHERE device = {device:String}`,
        query_params: { device: "d1' OR 1=1 --" },
        format: 'JSONEachRow',
      })
    ).json<{ n: number }>();
    expect(row!.n).toBe(0); // a parameter is a value, never SQL
  });
});
