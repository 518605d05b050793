import { beforeAll, describe, expect, it } from 'vitest';
import type { ClickHouseMeasurementsStore } from '../src/clickhouse-measurements-store.ts';
import type { BucketPoint, RegisterStatement } from '../src/measurements-store.port.ts';
import {
  ENERGY,
  POWER,
  referenceStatement,
  statementFixture,
  storedSeries,
} from '../src/testing/statement-reference.ts';
import { freshStore } from './store-fixture.ts';

/** Register statements on chDB against the plain-TypeScript reference, and against `delta` of the same store. */
const T = (iso: string) => Date.parse(iso);
const fixture = statementFixture();
const SERIES = ['m1', 'm2', 'm3', 'm4'].map((deviceId) => ({ deviceId, variable: ENERGY }));
// Santiago: April 2026 has the 25-hour day of 5 April, September the 23-hour day of 6 September.
const PERIODS: [string, number, number][] = [
  ['April 2026', T('2026-04-01T03:00:00Z'), T('2026-05-01T04:00:00Z')],
  ['September 2026', T('2026-09-01T04:00:00Z'), T('2026-10-01T03:00:00Z')],
  ['a window inside a gap-free day', T('2026-06-10T12:34:00Z'), T('2026-06-11T00:00:00Z')],
];
const round3 = (v: number) => Number(v.toFixed(3));

function comparable(s: RegisterStatement) {
  const at = (r: { ts: number; value: number } | null) => (r ? { ts: r.ts, value: r.value } : null);
  return {
    opening: at(s.opening),
    closing: at(s.closing),
    resets: s.resets,
    consumption: round3(s.consumption),
    increases: s.increases,
    estimated: s.estimated,
    substituted: s.substituted,
  };
}

describe('MeasurementsStore.registerStatements on chDB', () => {
  let store: ClickHouseMeasurementsStore;
  beforeAll(async () => {
    ({ store } = await freshStore());
    for (const [i, batch] of fixture.batches.entries()) await store.insert(batch, `statement-${i}`);
  });

  it.each(PERIODS)(
    '%s: opening, closing, resets and consumption as computed from the readings',
    async (_name, from, to) => {
      const found = await store.registerStatements([...SERIES, { deviceId: 'nobody', variable: ENERGY }], from, to);
      const byDevice = new Map(found.map((s) => [s.deviceId, comparable(s)]));
      expect([...byDevice.keys()].sort()).toEqual(['m1', 'm2', 'm3', 'm4']);
      for (const { deviceId } of SERIES) {
        expect(byDevice.get(deviceId), deviceId).toEqual(
          referenceStatement(storedSeries(fixture.batches, deviceId, ENERGY), from, to),
        );
      }
    },
  );

  it('covers what the fixture is for: a reset, an opening inside the period, a silent register, corrections', async () => {
    const [from, to] = [PERIODS[0]![1], PERIODS[0]![2]];
    const april = new Map((await store.registerStatements(SERIES, from, to)).map((s) => [s.deviceId, s]));
    const m1 = april.get('m1')!;
    expect(m1.opening).toMatchObject({ ts: from });
    expect(m1.closing).toMatchObject({ ts: to });
    expect(m1.resets).toHaveLength(1);
    expect(m1.resets[0]!.after.ts).toBe(T('2026-04-20T12:00:00Z'));
    expect(m1.substituted).toBeGreaterThanOrEqual(6);
    // consumption = closing − opening + Σ value before each reset
    expect(round3(m1.consumption)).toBe(round3(m1.closing.value - m1.opening!.value + m1.resets[0]!.before.value));
    expect(april.get('m2')!.opening!.ts).toBe(T('2026-04-12T07:30:00Z'));
    const september = new Map(
      (await store.registerStatements(SERIES, PERIODS[1]![1], PERIODS[1]![2])).map((s) => [s.deviceId, s]),
    );
    expect(september.get('m3')).toMatchObject({
      opening: { ts: T('2026-08-20T00:00:00Z') },
      closing: { ts: T('2026-08-20T00:00:00Z') },
      consumption: 0,
      increases: 0,
    });
    expect(september.get('m4')!.resets).toHaveLength(1);
  });

  it("chains: a period's closing is the next period's opening", async () => {
    const [april] = await store.registerStatements(
      [{ deviceId: 'm1', variable: ENERGY }],
      T('2026-04-01T03:00:00Z'),
      T('2026-05-01T04:00:00Z'),
    );
    const [may] = await store.registerStatements(
      [{ deviceId: 'm1', variable: ENERGY }],
      T('2026-05-01T04:00:00Z'),
      T('2026-06-01T04:00:00Z'),
    );
    expect(may!.opening).toEqual(april!.closing);
  });

  it.each(PERIODS)(
    '%s: consumption equals the sum of delta over the window, from every source',
    async (_name, from, to) => {
      const statements = new Map(
        (await store.registerStatements(SERIES, from, to)).map((s) => [s.deviceId, s.consumption]),
      );
      for (const frequency of ['1h', '1d', '1mo'] as const) {
        const series = SERIES.map((s) => ({ ...s, kind: 'cumulative' as const, aggregation: 'delta' as const }));
        const answers = await store.query({ series, from, to, frequency, timezone: 'America/Santiago' });
        for (const a of answers) {
          const sum = (a.points as BucketPoint[]).reduce((x, p) => x + (p.value ?? 0), 0);
          expect(round3(sum), `${a.deviceId} ${frequency}`).toBe(round3(statements.get(a.deviceId)!));
        }
      }
    },
  );

  it('a reset whose later reading is exactly at the start belongs to the period before; one exactly at the end to this one', async () => {
    const at = (iso: string, value: number) => ({
      deviceId: 'edge',
      variable: ENERGY,
      ts: T(iso),
      value,
      quality: 'measured' as const,
      ingestedAt: T('2026-07-01T00:00:00Z'),
    });
    const [from, to] = [T('2026-06-01T04:00:00Z'), T('2026-07-01T04:00:00Z')];
    const readings = [
      at('2026-05-31T23:00:00Z', 500),
      at('2026-06-01T04:00:00Z', 3),
      at('2026-06-15T00:00:00Z', 40),
      at('2026-06-30T12:00:00Z', 90),
      at('2026-07-01T04:00:00Z', 1),
      at('2026-07-01T05:00:00Z', 2),
    ];
    await store.insert(readings, 'edge');
    const [june] = await store.registerStatements([{ deviceId: 'edge', variable: ENERGY }], from, to);
    expect(comparable(june!)).toEqual(referenceStatement(readings, from, to));
    expect(june).toMatchObject({
      opening: { ts: from, value: 3 },
      closing: { ts: to, value: 1 },
      consumption: 37 + 50 + 1,
      resets: [{ before: { ts: T('2026-06-30T12:00:00Z'), value: 90 }, after: { ts: to, value: 1 } }],
    });
    const [may] = await store.registerStatements(
      [{ deviceId: 'edge', variable: ENERGY }],
      T('2026-05-01T04:00:00Z'),
      from,
    );
    expect(may!.resets).toEqual([
      { before: { ts: T('2026-05-31T23:00:00Z'), value: 500 }, after: { ts: from, value: 3 } },
    ]);
  });

  it('answers only the series asked (an instantaneous variable is a series like any other) and nothing for none', async () => {
    const [power] = await store.registerStatements(
      [{ deviceId: 'm1', variable: POWER }],
      T('2026-04-02T00:00:00Z'),
      T('2026-04-03T00:00:00Z'),
    );
    expect(power).toMatchObject({
      deviceId: 'm1',
      variable: POWER,
      opening: { ts: T('2026-04-02T00:00:00Z'), value: 3 },
      closing: { value: 5 },
    });
    expect(await store.registerStatements([], 0, 1)).toEqual([]);
  });
});
