import { describe, expect, it } from 'vitest';
import { event } from '@medido/catalog/testing/catalog-events.fixture';
import { organization, variable } from '@medido/catalog/testing/catalog-history.fixture';
import {
  ENERGY,
  POWER,
  referenceStatement,
  statementFixture,
  storedSeries,
} from '@medido/measurements/testing/statement-reference';
import type { StatementRegister as Register } from '../src/consumption/consumption-answer.ts';
import { CATALOG_ADAPTERS, realStoresApp } from './support/real-stores.ts';

/**
 * GET /v1/consumption on the real adapters (FerretDB or node:sqlite, and chDB), checked against the
 * plain-TypeScript reference of @medido/measurements/testing and against /v1/measurements' delta.
 */
const energy = (interval?: number) => ({
  ...variable(ENERGY, 'kWh', 'cumulative'),
  decimals: 3,
  ...(interval ? { readingIntervalSeconds: interval } : {}),
});
const power = variable(POWER, 'kW', 'instantaneous');

const CATALOG = [
  organization('pub', 'public'),
  organization('priv', 'private'),
  event(
    'InstallationRegistered',
    { installationId: 'inst-1', organizationId: 'pub', name: 'Edificio Álamo', timezone: 'America/Santiago' },
    2,
  ),
  event(
    'InstallationRegistered',
    { installationId: 'inst-2', organizationId: 'priv', name: 'Torre Álamo', timezone: 'America/Santiago' },
    2,
    1,
  ),
  event(
    'InstallationRegistered',
    { installationId: 'inst-3', organizationId: 'pub', name: 'Oficina Madrid', timezone: 'Europe/Madrid' },
    2,
    2,
  ),
  event('UnitAdded', { unitId: 'unit-a', installationId: 'inst-1', name: 'Piso 1' }, 3),
  event('UnitAdded', { unitId: 'unit-b', installationId: 'inst-1', name: 'Piso 2' }, 3, 1),
  event('UnitAdded', { unitId: 'unit-p', installationId: 'inst-2', name: 'Pabellón' }, 3, 2),
  event(
    'DeviceRegistered',
    { deviceId: 'm1', installationId: 'inst-1', unitId: 'unit-a', name: 'Bomba', variables: [energy(3600), power] },
    4,
  ),
  event(
    'DeviceRegistered',
    { deviceId: 'm2', installationId: 'inst-1', unitId: 'unit-a', name: 'Ascensor', variables: [energy()] },
    4,
    1,
  ),
  event(
    'DeviceRegistered',
    { deviceId: 'm3', installationId: 'inst-1', unitId: 'unit-b', name: 'Luz', variables: [energy(3600)] },
    4,
    2,
  ),
  event(
    'DeviceRegistered',
    { deviceId: 'm4', installationId: 'inst-1', name: 'General', variables: [energy(3600)] },
    4,
    3,
  ),
  event(
    'DeviceRegistered',
    { deviceId: 'mp', installationId: 'inst-2', unitId: 'unit-p', name: 'Bomba', variables: [energy()] },
    4,
    4,
  ),
  event(
    'DeviceRegistered',
    { deviceId: 'mm', installationId: 'inst-3', name: 'Madrid', variables: [energy(900)] },
    4,
    5,
  ),
];

const fixture = statementFixture();
const T = (iso: string) => Date.parse(iso);
const APRIL: [number, number] = [T('2026-04-01T03:00:00Z'), T('2026-05-01T04:00:00Z')];
const SEPTEMBER: [number, number] = [T('2026-09-01T04:00:00Z'), T('2026-10-01T03:00:00Z')];
const round3 = (v: number) => Number(v.toFixed(3));
const instant = (text: string) => Date.parse(text);

describe.each(CATALOG_ADAPTERS)('consumption statements on %s and chDB', (adapter) => {
  const stores = realStoresApp({
    catalog: adapter,
    history: CATALOG,
    seed: async (measurements) => {
      for (const [i, batch] of fixture.batches.entries()) await measurements.insert(batch, `batch-${i}`);
    },
  });
  const { tokens, consumer } = stores;
  const get = async (url: string, headers: Record<string, string> = {}) => {
    const res = await stores.getAs(consumer, url, headers);
    return {
      status: res.statusCode,
      body: res.headers['content-type']?.startsWith('text/csv') ? null : res.json(),
      text: res.body,
      headers: res.headers,
    };
  };

  it.each([
    ['2026-04', APRIL, 721],
    ['2026-09', SEPTEMBER, 719],
  ] as const)(
    'month=%s: every register as the reference computes it from the readings',
    async (month, [from, to], hours) => {
      const res = await get(`/v1/consumption?installationId=inst-1&month=${month}`);
      expect(res.status).toBe(200);
      expect(res.body.period).toMatchObject({ month, hours });
      expect([instant(res.body.period.from), instant(res.body.period.to)]).toEqual([from, to]);
      expect(res.body.registers.map((r: Register) => r.deviceId)).toEqual(['m1', 'm2', 'm3', 'm4']); // power is not a register
      for (const r of res.body.registers as Register[]) {
        const ref = referenceStatement(storedSeries(fixture.batches, r.deviceId, ENERGY), from, to);
        const at = (x: { ts: string; value: number } | null) => (x ? { ts: instant(x.ts), value: x.value } : null);
        expect(
          {
            opening: at(r.opening),
            closing: at(r.closing),
            resets: r.resets.map((x) => ({ before: at(x.before), after: at(x.after) })),
            consumption: r.consumption,
            increases: r.increases,
            estimated: r.estimated,
            substituted: r.substituted,
          },
          r.deviceId,
        ).toEqual({
          opening: ref.opening ? { ...ref.opening, value: round3(ref.opening.value) } : null,
          closing: ref.closing ? { ...ref.closing, value: round3(ref.closing.value) } : null,
          resets: ref.resets,
          consumption: ref.consumption,
          increases: ref.increases,
          estimated: ref.estimated,
          substituted: ref.substituted,
        });
        // Coverage from the declared interval (hourly): the hours the period closes, when declared.
        expect(r.expected, r.deviceId).toBe(r.deviceId === 'm2' ? null : hours);
        expect(r.coverage, r.deviceId).toBe(
          r.expected === null ? null : Math.floor(Math.min(1, ref.increases / hours) * 1e6) / 1e6,
        );
      }
      const m1 = res.body.registers[0] as Register;
      if (month === '2026-04') {
        expect(m1.opening!.ts).toBe('2026-04-01T00:00:00-03:00');
        expect(m1.closing!.ts).toBe('2026-05-01T00:00:00-04:00');
        expect(m1.resets).toHaveLength(1);
        expect(m1.coverage).toBeLessThan(1); // the 10-hour gap
        expect(Object.values(m1.qualityShare!).reduce((x, y) => x + y, 0)).toBeCloseTo(1, 5);
      }
    },
  );

  it('consumption equals the sum of delta that /v1/measurements answers over the same period', async () => {
    for (const month of ['2026-04', '2026-09']) {
      const statement = (await get(`/v1/consumption?installationId=inst-1&month=${month}`)).body;
      const { from, to } = statement.period;
      const measured = await get(
        `/v1/measurements?installationId=inst-1&variables=${ENERGY}&aggregation=delta&frequency=1d&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
      );
      expect(measured.status).toBe(200);
      for (const r of statement.registers as Register[]) {
        const device = measured.body.devices.find((d: { deviceId: string }) => d.deviceId === r.deviceId);
        const points: { value: number; count: number }[] = device?.variables[0]?.points ?? [];
        const sum = points.reduce((x, p) => x + p.value, 0);
        expect(
          points.reduce((x, p) => x + p.count, 0),
          `${month} ${r.deviceId} increases`,
        ).toBe(r.increases);
        expect(r.consumption, `${month} ${r.deviceId}`).toBe(round3(sum));
      }
    }
  });

  it('totals per unit and for the installation add the registers of the same variable and unit of measure', async () => {
    const { body } = await get('/v1/consumption?installationId=inst-1&month=2026-04');
    const c = Object.fromEntries((body.registers as Register[]).map((r) => [r.deviceId, r.consumption]));
    expect(body.totals.units).toEqual([
      { unitId: 'unit-a', variable: ENERGY, unit: 'kWh', consumption: round3(c.m1! + c.m2!), registers: 2 },
      { unitId: 'unit-b', variable: ENERGY, unit: 'kWh', consumption: c.m3, registers: 1 },
    ]);
    expect(body.totals.installation).toEqual([
      { variable: ENERGY, unit: 'kWh', consumption: round3(c.m1! + c.m2! + c.m3! + c.m4!), registers: 4 },
    ]);
    const unit = (await get('/v1/consumption?unitId=unit-a&month=2026-04')).body;
    expect(unit).toMatchObject({ installationId: 'inst-1', unitId: 'unit-a', deviceId: null });
    expect(unit.registers.map((r: Register) => r.deviceId)).toEqual(['m1', 'm2']);
    expect(unit.totals.installation[0].consumption).toBe(round3(c.m1! + c.m2!));
    const device = (await get('/v1/consumption?deviceId=m2&month=2026-04')).body;
    expect(device).toMatchObject({
      installationId: 'inst-1',
      unitId: 'unit-a',
      deviceId: 'm2',
      totals: { units: [{ unitId: 'unit-a', consumption: c.m2 }] },
    });
  });

  it('a period by from/to: dates are local midnights, date-times keep their offset; DST lengths in a 31-day month', async () => {
    const byDates = (await get('/v1/consumption?deviceId=m1&from=2026-04-01&to=2026-05-01')).body;
    const byMonth = (await get('/v1/consumption?deviceId=m1&month=2026-04')).body;
    expect({ ...byDates, period: { ...byDates.period, month: '2026-04' } }).toEqual(byMonth);
    const window = (
      await get(`/v1/consumption?deviceId=m1&from=${encodeURIComponent('2026-06-10T08:34:00-04:00')}&to=2026-06-11`)
    ).body;
    const ref = referenceStatement(
      storedSeries(fixture.batches, 'm1', ENERGY),
      T('2026-06-10T12:34:00Z'),
      T('2026-06-11T04:00:00Z'),
    );
    expect(window.registers[0].consumption).toBe(ref.consumption);
    expect((await get('/v1/consumption?deviceId=mm&month=2026-03')).body.period).toMatchObject({
      hours: 743,
      from: '2026-03-01T00:00:00+01:00',
      to: '2026-04-01T00:00:00+02:00',
    });
    expect((await get('/v1/consumption?deviceId=mm&month=2026-10')).body.period).toMatchObject({ hours: 745 });
    // A register without readings: null readings, nothing consumed, coverage 0.
    expect((await get('/v1/consumption?deviceId=mm&month=2026-10')).body.registers[0]).toMatchObject({
      opening: null,
      closing: null,
      consumption: 0,
      expected: 2980,
      coverage: 0,
      qualityShare: null,
    });
  });

  it('pages walk the registers; totals are the same on every page; a cursor of another period is refused', async () => {
    const whole = (await get('/v1/consumption?installationId=inst-1&month=2026-04')).body;
    const seen: Register[] = [];
    let url = '/v1/consumption?installationId=inst-1&month=2026-04&limit=3';
    for (;;) {
      const page = (await get(url)).body;
      expect(page.totals).toEqual(whole.totals);
      seen.push(...page.registers);
      if (!page.nextCursor) break;
      url = `/v1/consumption?installationId=inst-1&month=2026-04&limit=1&cursor=${page.nextCursor}`;
    }
    expect(seen).toEqual(whole.registers);
    const first = (await get('/v1/consumption?installationId=inst-1&month=2026-04&limit=1')).body;
    const other = await get(`/v1/consumption?installationId=inst-1&month=2026-05&cursor=${first.nextCursor}`);
    expect(other.status).toBe(400);
    expect(other.body.code).toBe('CURSOR_INVALID');
  });

  it('CSV: one row per register, the totals on the last page, the next page in Link', async () => {
    const csv = await get('/v1/consumption?installationId=inst-1&month=2026-04', { accept: 'text/csv' });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="consumption_inst-1_2026-04.csv"');
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toMatch(/^row,installationId,unitId,deviceId,variable,unit,periodFrom,periodTo,hours,openingTs,/);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual([
      'register',
      'register',
      'register',
      'register',
      'unit',
      'unit',
      'installation',
    ]);
    const json = (await get('/v1/consumption?installationId=inst-1&month=2026-04')).body;
    const header = lines[0]!.split(',');
    const m1 = Object.fromEntries(lines[1]!.split(',').map((v, i) => [header[i], v]));
    expect(m1).toMatchObject({
      deviceId: 'm1',
      openingTs: json.registers[0].opening.ts,
      consumption: String(json.registers[0].consumption),
      resets: '1',
      hours: '721',
    });
    const paged = await get('/v1/consumption?installationId=inst-1&month=2026-04&limit=2', { accept: 'text/csv' });
    expect(paged.headers.link).toMatch(/^<\/v1\/consumption\?.*cursor=.*>; rel="next"$/);
    expect(paged.text.trim().split('\r\n')).toHaveLength(3);
  });

  it('refuses with stable codes; a private installation without a grant answers as one that does not exist', async () => {
    const problem = async (url: string) => {
      const r = await get(url);
      return [r.status, r.body.code];
    };
    expect(await problem('/v1/consumption?month=2026-04')).toEqual([400, 'MEASUREMENTS_SCOPE_REQUIRED']);
    expect(await problem('/v1/consumption?deviceId=m1&unitId=unit-a')).toEqual([400, 'MEASUREMENTS_PARAMETER_INVALID']);
    expect(await problem('/v1/consumption?deviceId=m1&month=2026-13')).toEqual([400, 'MEASUREMENTS_WINDOW_INVALID']);
    expect(await problem('/v1/consumption?deviceId=m1&month=2026-04&from=2026-04-01&to=2026-05-01')).toEqual([
      400,
      'MEASUREMENTS_WINDOW_INVALID',
    ]);
    expect(await problem('/v1/consumption?deviceId=m1&from=2026-04-01')).toEqual([400, 'MEASUREMENTS_WINDOW_INVALID']);
    expect(await problem('/v1/consumption?deviceId=m1&from=2026-01-01&to=2027-06-01')).toEqual([
      400,
      'MEASUREMENTS_WINDOW_TOO_LARGE',
    ]);
    expect(await problem('/v1/consumption?deviceId=m1&frequency=1d')).toEqual([400, 'MEASUREMENTS_PARAMETER_INVALID']);
    for (const [kind, hidden, missing, code] of [
      ['deviceId', 'mp', 'nope', 'DEVICE_NOT_FOUND'],
      ['unitId', 'unit-p', 'nope', 'UNIT_NOT_FOUND'],
      ['installationId', 'inst-2', 'nope', 'INSTALLATION_NOT_FOUND'],
    ]) {
      const a = await get(`/v1/consumption?${kind}=${hidden}&month=2026-04`);
      const b = await get(`/v1/consumption?${kind}=${missing}&month=2026-04`);
      expect([a.status, a.body.code]).toEqual([404, code]);
      const masked = (text: string, id: string) => text.replace(new RegExp(`\\b${id}\\b`, 'g'), 'X');
      expect(masked(a.text, hidden!)).toBe(masked(b.text, missing!));
    }
    const granted = await stores.getAs(
      tokens.consumer('consumer-2', ['priv']),
      '/v1/consumption?deviceId=mp&month=2026-04',
    );
    expect(granted.statusCode).toBe(200);
  });
});
