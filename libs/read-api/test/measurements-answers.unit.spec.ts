import { describe, expect, it } from 'vitest';
import type { StoredReading } from '@medido/measurements';
import { harness } from './fakes/harness.ts';
import { register, series } from './fakes/world.ts';

const E = 'active_energy_import';
const P = 'active_power';

/** `url` answered to a consumer without grants by the read API on in-memory ports holding `readings`. */
async function answer(url: string, readings?: StoredReading[]) {
  const h = await harness({ readings });
  return h.get(url, h.tokens.consumer('c'));
}

describe('measurements answers', () => {
  it('answers the canonical shape: daily consumption across the 25-hour day, windows echoed in UTC', async () => {
    const res = await answer(
      `/v1/measurements?installationId=pub-inst&deviceIds=pub-dev-a1&variables=${E}&from=2026-04-04T00:00:00-03:00&to=2026-04-06T00:00:00-04:00&frequency=1d`,
      register('pub-dev-a1', E, '2026-04-03T00:00:00Z', '2026-04-07T00:00:00Z', 900_000, 100, 0.25),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      installationId: 'pub-inst',
      from: '2026-04-04T03:00:00.000Z',
      to: '2026-04-06T04:00:00.000Z',
      frequency: '1d',
      timezone: 'America/Santiago',
      groupBy: 'device',
      fill: 'none',
      devices: [
        {
          deviceId: 'pub-dev-a1',
          unitId: 'pub-unit-a',
          variables: [
            {
              name: E,
              unit: 'kWh',
              kind: 'cumulative',
              aggregation: 'delta',
              lastIngestedAt: '2026-04-06T03:46:00.000Z',
              points: [
                { start: '2026-04-04T00:00:00-03:00', end: '2026-04-05T00:00:00-04:00', value: 25, count: 100 },
                { start: '2026-04-05T00:00:00-04:00', end: '2026-04-06T00:00:00-04:00', value: 24, count: 96 },
              ],
            },
          ],
        },
      ],
      nextCursor: null,
    });
  });

  it('passes the delta convention through: resets, the midnight reading closing the previous day', async () => {
    const readings = series('pub-dev-n', E, [
      ['2026-01-01T23:00:00Z', 100],
      ['2026-01-02T00:00:00Z', 110],
      ['2026-01-02T12:00:00Z', 130],
      ['2026-01-02T18:00:00Z', 5],
      ['2026-01-03T00:00:00Z', 20],
    ]);
    const res = await answer(
      '/v1/measurements?installationId=pub-inst&deviceIds=pub-dev-n&from=2026-01-01T00:00:00Z&to=2026-01-04T00:00:00Z&frequency=1d&timezone=UTC',
      readings,
    );
    expect(res.body.devices[0].variables[0].points).toMatchObject([
      { start: '2026-01-01T00:00:00Z', end: '2026-01-02T00:00:00Z', value: 10, count: 1 },
      { start: '2026-01-02T00:00:00Z', end: '2026-01-03T00:00:00Z', value: 40, count: 3 },
    ]);
  });

  describe('groupBy', () => {
    const readings = [
      ...series('pub-dev-a1', E, [
        ['2026-01-01T00:00:00Z', 0],
        ['2026-01-01T00:30:00Z', 1],
        ['2026-01-01T01:00:00Z', 3],
        ['2026-01-01T01:30:00Z', 4],
        ['2026-01-01T02:00:00Z', 10],
      ]),
      ...series('pub-dev-a2', E, [
        ['2026-01-01T00:15:00Z', 50],
        ['2026-01-01T01:15:00Z', 52],
      ]),
      ...series('pub-dev-b1', E, [
        ['2026-01-01T00:45:00Z', 7],
        ['2026-01-01T01:45:00Z', 8],
      ]),
      ...series('pub-dev-n', E, [
        ['2026-01-01T00:00:00Z', 0],
        ['2026-01-01T01:00:00Z', 4],
      ]),
      ...series('pub-dev-a1', P, [
        ['2026-01-01T00:10:00Z', 2],
        ['2026-01-01T00:20:00Z', 4],
      ]),
      ...series('pub-dev-a2', P, [['2026-01-01T00:30:00Z', 6]]),
    ];
    const base =
      '/v1/measurements?installationId=pub-inst&from=2026-01-01T00:00:00Z&to=2026-01-01T02:00:00Z&timezone=UTC';
    const b0 = { start: '2026-01-01T00:00:00Z', end: '2026-01-01T01:00:00Z' };
    const b1 = { start: '2026-01-01T01:00:00Z', end: '2026-01-01T02:00:00Z' };
    /** What a group (a unit, the installation) answers for E: the delta of its meters' registers. */
    const groupEnergy = (lastIngestedAt: string, deviceIds: string[], points: object[]) => ({
      name: E,
      unit: 'kWh',
      kind: 'cumulative',
      aggregation: 'delta',
      lastIngestedAt,
      deviceIds,
      points,
    });

    it('unit: consumption of the meters of each unit adds up; meters without a unit form unitId null', async () => {
      const res = await answer(`${base}&groupBy=unit&variables=${E}`, readings);
      expect(res.body.units).toMatchObject([
        {
          unitId: 'pub-unit-a',
          variables: [
            groupEnergy(
              '2026-01-01T01:31:00.000Z',
              ['pub-dev-a1', 'pub-dev-a2'],
              [
                { ...b0, value: 3, count: 2 },
                { ...b1, value: 9, count: 3 },
              ],
            ),
          ],
        },
        {
          unitId: 'pub-unit-b',
          variables: [groupEnergy('2026-01-01T01:46:00.000Z', ['pub-dev-b1'], [{ ...b1, value: 1, count: 1 }])],
        },
        {
          unitId: null,
          variables: [groupEnergy('2026-01-01T01:01:00.000Z', ['pub-dev-n'], [{ ...b0, value: 4, count: 1 }])],
        },
      ]);
      expect(res.body.devices).toBeUndefined();
    });

    it('installation: every meter of the installation adds up', async () => {
      const res = await answer(`${base}&groupBy=installation&variables=${E}`, readings);
      expect(res.body.installations).toMatchObject([
        {
          installationId: 'pub-inst',
          variables: [
            groupEnergy(
              '2026-01-01T01:46:00.000Z',
              ['pub-dev-a1', 'pub-dev-a2', 'pub-dev-b1', 'pub-dev-n'],
              [
                { ...b0, value: 7, count: 3 },
                { ...b1, value: 10, count: 4 },
              ],
            ),
          ],
        },
      ]);
    });

    it('avg over a unit is the mean of all its readings', async () => {
      const res = await answer(
        `${base}&groupBy=unit&variables=${P}&unitId=pub-unit-a`.replace('installationId=pub-inst&', ''),
        readings,
      );
      // (2 + 4 + 6) / 3 = 4, where the mean of the meters' means would be (3 + 6) / 2 = 4.5
      expect(res.body.units[0].variables[0].points).toMatchObject([{ ...b0, value: 4, count: 3 }]);
    });

    it('first and last across meters come from the readings, by time', async () => {
      const h = await harness({ readings });
      const res = await h.get(
        `${base}&groupBy=unit&variables=${P}&aggregation=first&deviceIds=pub-dev-a1,pub-dev-a2`,
        h.tokens.consumer('c'),
      );
      expect(res.body.units[0].variables[0].points).toMatchObject([{ ...b0, value: 2, count: 3 }]);
      const last = await h.get(
        `${base}&groupBy=unit&variables=${P}&aggregation=last&deviceIds=pub-dev-a1,pub-dev-a2`,
        h.tokens.consumer('c'),
      );
      expect(last.body.units[0].variables[0].points).toMatchObject([{ ...b0, value: 6, count: 3 }]);
      expect(h.store.queries.at(-1)!.frequency).toBe('raw');
    });
  });

  it('fill: null and previous answer every bucket of the window', async () => {
    const readings = series('pub-dev-a1', P, [
      ['2026-01-01T01:10:00Z', 5],
      ['2026-01-01T03:10:00Z', 7],
    ]);
    const h = await harness({ readings });
    const url = `/v1/measurements?installationId=pub-inst&deviceIds=pub-dev-a1&variables=${P}&from=2026-01-01T00:00:00Z&to=2026-01-01T05:00:00Z&timezone=UTC`;
    const values = async (fill: string) =>
      (await h.get(`${url}&fill=${fill}`, h.tokens.consumer('c'))).body.devices[0].variables[0].points.map(
        (p: { value: number | null }) => p.value,
      );
    expect(await values('none')).toEqual([5, 7]);
    expect(await values('null')).toEqual([null, 5, null, 7, null]);
    expect(await values('previous')).toEqual([null, 5, 5, 7, 7]);
  });

  it('raw answers the readings of [from, to) in the zone offset, with their quality', async () => {
    const readings = series('pub-dev-a1', P, [
      ['2026-04-04T02:59:59.999Z', 1],
      ['2026-04-04T03:00:00Z', 2],
      ['2026-04-04T03:00:00.250Z', 3],
      ['2026-04-04T04:00:00Z', 4],
    ]);
    const res = await answer(
      `/v1/measurements?installationId=pub-inst&variables=${P}&deviceIds=pub-dev-a1&from=2026-04-04T00:00:00-03:00&to=2026-04-04T01:00:00-03:00&frequency=raw`,
      readings,
    );
    const variable = res.body.devices[0].variables[0];
    expect(variable.aggregation).toBeUndefined();
    expect(variable.points).toMatchObject([
      { ts: '2026-04-04T00:00:00-03:00', value: 2, quality: 'measured' },
      { ts: '2026-04-04T00:00:00.250-03:00', value: 3, quality: 'measured' },
    ]);
  });

  it('uses the requested zone for calendar buckets and offsets', async () => {
    const res = await answer(
      `/v1/measurements?installationId=pub-inst&deviceIds=pub-dev-a1&variables=${E}&from=2026-10-25T00:00:00+02:00&to=2026-10-26T00:00:00+01:00&frequency=1d&timezone=Europe/Madrid`,
      register('pub-dev-a1', E, '2026-10-24T00:00:00Z', '2026-10-27T00:00:00Z', 3_600_000, 0, 1),
    );
    expect(res.body.timezone).toBe('Europe/Madrid');
    expect(res.body.devices[0].variables[0].points).toMatchObject([
      { start: '2026-10-25T00:00:00+02:00', end: '2026-10-26T00:00:00+01:00', value: 25, count: 25 },
    ]);
  });

  it('defaults aggregation per kind and lists every variable of every meter in id order', async () => {
    const res = await answer('/v1/measurements?unitId=pub-unit-a&from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z');
    expect(res.body).toMatchObject({
      installationId: 'pub-inst',
      unitId: 'pub-unit-a',
      frequency: '1h',
      groupBy: 'device',
    });
    expect(
      res.body.devices.map(
        (d: { deviceId: string; variables: { name: string; aggregation: string; points: unknown[] }[] }) => [
          d.deviceId,
          d.variables.map((v) => `${v.name}:${v.aggregation}:${v.points.length}`),
        ],
      ),
    ).toEqual([
      ['pub-dev-a1', [`${E}:delta:0`, `${P}:avg:0`]],
      ['pub-dev-a2', [`${E}:delta:0`, `${P}:avg:0`]],
    ]);
  });
});
