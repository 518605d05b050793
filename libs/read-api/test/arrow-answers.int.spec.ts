import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { tableFromIPC, type Table } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { event } from '@medido/catalog/testing/catalog-events.fixture';
import { installation, organization, variable } from '@medido/catalog/testing/catalog-history.fixture';
import type { StoredReading } from '@medido/measurements';
import { ARROW_BATCH_ROWS } from '../src/measurements/answer-arrow.ts';
import { pyarrowPython } from './pyarrow/pyarrow-python.ts';
import { realStoresApp } from './support/real-stores.ts';

/**
 * The Arrow IPC stream answer of /v1/measurements read back by two independent readers — apache-arrow's
 * JavaScript reader and pyarrow over HTTP — equals the JSON answer of the same request point for point,
 * decimals exactly. Santiago across the September 2026 DST day; registers of 0, 1 and 3 decimals, one
 * with readings near the magnitude bound (10^15, past the decimal fast path), negative flows, estimated
 * and substituted readings, a day without readings (fill=null), several aggregations, groups.
 */
const E = 'active_energy_import';
const FLOW = 'flow';
const BIG = 'gas_volume';
const POWER = 'active_power';
const Q = 15 * 60_000;
const FROM = Date.parse('2026-09-04T04:00:00Z');
const TO = Date.parse('2026-09-08T03:00:00Z');
const HOLE = [Date.parse('2026-09-05T04:00:00Z'), Date.parse('2026-09-06T04:00:00Z')]; // all of the 5th, local
const ingestedAt = TO;

const CATALOG = [
  organization('pub', 'public'),
  installation('inst-1', 'pub', 'America/Santiago'),
  event('UnitAdded', { unitId: 'unit-1', installationId: 'inst-1', name: 'Piso 1' }, 3),
  event(
    'DeviceRegistered',
    {
      deviceId: 'meter-1',
      installationId: 'inst-1',
      unitId: 'unit-1',
      variables: [{ ...variable(E, 'kWh', 'cumulative'), decimals: 3, readingIntervalSeconds: 900 }],
    },
    4,
  ),
  event(
    'DeviceRegistered',
    {
      deviceId: 'meter-2',
      installationId: 'inst-1',
      unitId: 'unit-1',
      variables: [{ ...variable(E, 'kWh', 'cumulative'), decimals: 3 }],
    },
    4,
    1,
  ),
  event(
    'DeviceRegistered',
    {
      deviceId: 'flow-1',
      installationId: 'inst-1',
      variables: [{ ...variable(FLOW, 'm3/h', 'instantaneous'), decimals: 1 }],
    },
    4,
    2,
  ),
  event(
    'DeviceRegistered',
    { deviceId: 'gas-1', installationId: 'inst-1', variables: [{ ...variable(BIG, 'm3', 'cumulative'), decimals: 0 }] },
    4,
    3,
  ),
  event(
    'DeviceRegistered',
    {
      deviceId: 'fast-1',
      installationId: 'inst-1',
      variables: [{ ...variable(POWER, 'kW', 'instantaneous'), decimals: 2 }],
    },
    4,
    4,
  ),
];
/** fast-1 reads every 5 s on the first day: a raw page of more rows than one record batch holds. */
const FAST_STEP = 5_000;

function readings(): StoredReading[] {
  const out: StoredReading[] = [];
  for (let ts = FROM, k = 0; ts < TO; ts += Q, k++) {
    if (ts >= HOLE[0]! && ts < HOLE[1]!) continue;
    const quality = k % 17 === 0 ? 'estimated' : k % 29 === 0 ? 'substituted' : 'measured';
    const at = (deviceId: string, variable: string, value: number): StoredReading => ({
      deviceId,
      variable,
      ts,
      value,
      quality,
      ingestedAt,
    });
    out.push(
      at('meter-1', E, (530_182 + k * ((k * 7_919) % 1_013)) / 1000),
      at('meter-2', E, (12_000_001 + k * 333) / 1000),
      at('flow-1', FLOW, (((k * 37) % 101) - 50) / 10),
      at('gas-1', BIG, 9e14 + k * 1_234_567),
    );
  }
  for (let ts = FROM, k = 0; ts < FROM + 86_400_000; ts += FAST_STEP, k++)
    out.push({ deviceId: 'fast-1', variable: POWER, ts, value: (k % 1_000) / 100, quality: 'measured', ingestedAt });
  return out;
}

type Json = { [k: string]: unknown };
/** The JSON answer's points, flattened to the Arrow rows' shape (the CSV columns). */
function jsonRows(body: Json): Json[] {
  const groups = (body.devices ?? body.units ?? body.installations) as Json[];
  return groups.flatMap((g) =>
    (g.variables as Json[]).flatMap((v) =>
      (v.points as Json[]).map((p) => ({
        installationId: body.installationId,
        unitId: g.unitId ?? null,
        deviceId: g.deviceId ?? null,
        variable: v.name,
        unit: v.unit,
        ...('ts' in p
          ? { ts: Date.parse(p.ts as string), value: p.value, quality: p.quality }
          : {
              aggregation: (v.aggregations as string[] | undefined)?.join(',') ?? v.aggregation,
              start: Date.parse(p.start as string),
              end: Date.parse(p.end as string),
              ...(p.values
                ? Object.fromEntries(Object.entries(p.values as Json).map(([a, x]) => [`value_${a}`, x]))
                : { value: p.value }),
              count: p.count,
              expected: p.expected,
              coverage: p.coverage,
              measured: p.measured,
              estimated: p.estimated,
              substituted: p.substituted,
              complete: p.complete,
            }),
      })),
    ),
  );
}

/** A decimal cell as text: the unscaled integer apache-arrow answers, placed at the column's scale. */
function decimalText(unscaled: string, scale: number): string {
  const negative = unscaled.startsWith('-');
  const digits = (negative ? unscaled.slice(1) : unscaled).padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`.replace(/\.?0+$/, '');
  return negative && text !== '0' ? `-${text}` : text;
}

/** The Arrow table's rows as plain values: decimals as their exact text, numbers as numbers. */
function arrowRows(table: Table): Json[] {
  const scales = new Map(
    table.schema.fields.filter((f) => f.type.typeId === 7).map((f) => [f.name, (f.type as { scale: number }).scale]),
  );
  return table.toArray().map((row: { toJSON(): Json }) =>
    Object.fromEntries(
      Object.entries(row.toJSON()).map(([k, v]) => {
        if (v === null || v === undefined) return [k, null];
        if (scales.has(k)) return [k, decimalText(String(v), scales.get(k)!)];
        return [k, typeof v === 'bigint' ? Number(v) : v];
      }),
    ),
  );
}

/** JSON values as the Arrow rows carry them: aggregated values as their JSON text (the decimal), the rest as is. */
function asArrow(rows: Json[]): Json[] {
  return rows.map((r) =>
    Object.fromEntries(
      Object.entries(r).map(([k, v]) => [
        k,
        k.startsWith('value') && typeof v === 'number' && !('ts' in r) ? String(v) : v,
      ]),
    ),
  );
}

describe('Arrow IPC stream answers on chDB', () => {
  const stores = realStoresApp({
    catalog: 'node:sqlite',
    history: CATALOG,
    seed: async (measurements) => {
      await measurements.insert(readings(), 'batch-1');
      await measurements.refreshRollups();
    },
    listen: true, // pyarrow reads over HTTP
  });
  const { consumer } = stores;
  const get = (url: string, accept: string) => stores.getAs(consumer, url, { accept });
  const window = `from=${new Date(FROM).toISOString()}&to=${new Date(TO).toISOString()}`;
  const QUERIES = {
    'hourly, defaults per kind (delta, avg): one value column for 0, 1+3 and 3 decimals': `installationId=inst-1&${window}&frequency=1h`,
    'daily, several aggregations, fill=null over the empty day': `installationId=inst-1&${window}&frequency=1d&aggregation=min,max,avg&fill=null&variables=${E},${FLOW}`,
    'daily per unit, grouped meters': `installationId=inst-1&${window}&frequency=1d&groupBy=unit&variables=${E}`,
    'installation, first and last from the readings': `installationId=inst-1&${window}&frequency=1d&groupBy=installation&aggregation=first,last,delta&variables=${E}`,
    'raw readings with their quality': `installationId=inst-1&${window}&frequency=raw`,
    'a later page (cursor in the Link header)': `installationId=inst-1&${window}&frequency=15m&limit=700`,
  };

  it.each(Object.entries(QUERIES))('apache-arrow reads the same points as JSON: %s', async (_, query) => {
    const json = await get(`/v1/measurements?${query}`, 'application/json');
    expect(json.statusCode).toBe(200);
    const arrow = await get(`/v1/measurements?${query}`, 'application/vnd.apache.arrow.stream');
    expect(arrow.statusCode).toBe(200);
    expect(arrow.headers['content-type']).toBe('application/vnd.apache.arrow.stream');
    expect(arrow.headers.link).toBe(json.headers.link);
    expect(arrow.headers['content-encoding']).toBeUndefined();
    expect(arrow.headers['content-disposition']).toMatch(
      /^attachment; filename="measurements_inst-1_2026-09-04_2026-09-08_[a-z0-9]+\.arrows"$/,
    );
    const table = tableFromIPC(arrow.rawPayload);
    const rows = arrowRows(table);
    const expected = asArrow(jsonRows(json.json()));
    expect(rows.length).toBe(expected.length);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => Object.fromEntries(Object.keys(expected[0]!).map((k) => [k, r[k]])))).toEqual(expected);
    expect(table.schema.metadata.get('medido:timezone')).toBe('America/Santiago');
    expect(table.schema.metadata.get('medido:nextCursor') ?? null).toBe(json.json().nextCursor);
  });

  it('declares the types: dictionaries, timestamp[ms, UTC], one decimal scale per value column', async () => {
    const table = tableFromIPC(
      (
        await get(
          `/v1/measurements?${QUERIES['hourly, defaults per kind (delta, avg): one value column for 0, 1+3 and 3 decimals']}`,
          'application/vnd.apache.arrow.stream',
        )
      ).rawPayload,
    );
    const types = Object.fromEntries(table.schema.fields.map((f) => [f.name, String(f.type)]));
    expect(types).toMatchObject({
      deviceId: 'Dictionary<Int32, Utf8>',
      variable: 'Dictionary<Int32, Utf8>',
      start: 'Timestamp<MILLISECOND, UTC>',
      end: 'Timestamp<MILLISECOND, UTC>',
      value: 'Decimal[38e+5]',
      count: 'Int32',
      coverage: 'Float64',
      complete: 'Bool',
      decimals: 'Uint8',
    });
    // The column's scale is the widest of the query (avg of the 2-decimal power: 5); the 1-decimal flow's means keep their 4.
    const flows = arrowRows(table).filter((r) => r.variable === FLOW);
    expect(flows.some((r) => /\.\d{2,4}$/.test(r.value as string))).toBe(true);
    expect(arrowRows(table).find((r) => r.variable === BIG)!.decimals).toBe(0);
  });

  it('answers a page without points as a stream with the schema and no rows', async () => {
    const answer = await get(
      `/v1/measurements?installationId=inst-1&from=2026-08-01T00:00:00Z&to=2026-08-02T00:00:00Z&frequency=1h`,
      'application/vnd.apache.arrow.stream',
    );
    expect(answer.statusCode).toBe(200);
    const table = tableFromIPC(answer.rawPayload);
    expect(table.numRows).toBe(0);
    expect(table.schema.fields.map((f) => f.name)).toContain('value');
  });

  it('refuses before the first byte with problem+json, as JSON does', async () => {
    const answer = await get(
      `/v1/measurements?installationId=inst-1&from=2026-09-08T00:00:00Z&to=2026-09-01T00:00:00Z`,
      'application/vnd.apache.arrow.stream',
    );
    expect(answer.statusCode).toBe(400);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(answer.json().code).toBe('MEASUREMENTS_WINDOW_INVALID');
  });

  it('streams a large page in several record batches, each dictionary sent once', async () => {
    const answer = await get(
      `/v1/measurements?installationId=inst-1&${window}&frequency=raw&limit=100000`,
      'application/vnd.apache.arrow.stream',
    );
    const table = tableFromIPC(answer.rawPayload);
    expect(table.numRows).toBe(readings().length);
    expect(table.batches.length).toBe(Math.ceil(readings().length / ARROW_BATCH_ROWS));
    expect(table.batches.length).toBeGreaterThan(1);
    // Every batch shares one dictionary object: the stream sent it once (a replacement would give each batch its own).
    expect(new Set(table.batches.map((b) => b.getChild('deviceId')!.data[0]!.dictionary))).toHaveProperty('size', 1);
  });

  const { python, reason } = pyarrowPython();
  describe.skipIf(!python)(
    `pyarrow reads the HTTP answers (Arrow, Parquet)${python ? '' : ` (skipped: ${reason})`}`,
    () => {
      /** What compare_arrow_json.py found reading the answer to `query` over HTTP, against its JSON answer. */
      const pyarrowReport = async (query: string, format: 'arrow' | 'parquet') => {
        const script = join(import.meta.dirname, 'pyarrow/compare_arrow_json.py');
        const { stdout } = await promisify(execFile)(
          python!,
          [
            script,
            `${stores.baseUrl}/v1/measurements?${query}`,
            consumer,
            ...(format === 'parquet' ? ['parquet'] : []),
          ],
          { maxBuffer: 1 << 26 },
        );
        return JSON.parse(stdout) as {
          contentType: string;
          schema: Record<string, string>;
          metadata: Record<string, string>;
          rows: number;
          mismatches: string[];
        };
      };
      /** Both formats: every row equal to JSON, times as UTC milliseconds, aggregated values as decimal128. */
      const expectSameAsJson = (report: Awaited<ReturnType<typeof pyarrowReport>>) => {
        expect(report.mismatches).toEqual([]);
        expect(report.rows).toBeGreaterThan(0);
        expect(report.schema[report.schema.ts ? 'ts' : 'start']).toBe('timestamp[ms, tz=UTC]');
        if (!report.schema.ts)
          expect(
            Object.entries(report.schema)
              .filter(([k]) => k.startsWith('value'))
              .every(([, t]) => /^decimal128\(38, \d+\)$/.test(t)),
          ).toBe(true);
      };

      it.each(Object.entries(QUERIES))(
        'equal to the JSON answer, decimals as decimal.Decimal: %s',
        async (_, query) => {
          const report = await pyarrowReport(query, 'arrow');
          expectSameAsJson(report);
          expect(report.contentType).toBe('application/vnd.apache.arrow.stream');
          expect(report.schema).toMatchObject({
            deviceId: 'dictionary<values=string, indices=int32, ordered=0>',
            variable: 'dictionary<values=string, indices=int32, ordered=0>',
          });
        },
        60_000,
      );

      it.each(Object.entries(QUERIES))(
        'reads the Parquet answer equal to the JSON answer too (pyarrow.parquet): %s',
        async (_, query) => {
          const report = await pyarrowReport(query, 'parquet');
          expectSameAsJson(report);
          expect(report.contentType).toBe('application/vnd.apache.parquet');
          expect(report.metadata['medido:timezone']).toBe('America/Santiago');
        },
        60_000,
      );
    },
  );
});
