import { describe, expect, it } from 'vitest';
import type { Installation } from '@medido/catalog';
import type { Answer } from '../src/measurements/answer.ts';
import { answerJson } from '../src/measurements/answer.ts';
import { answerCsv } from '../src/measurements/answer-csv.ts';
import { answerJsonChunks } from '../src/measurements/answer-json.ts';
import { bucketGrid } from '../src/measurements/bucket-grid.ts';
import type { MeasurementsRequest } from '../src/measurements/measurements-query.ts';
import type { OutputSeries } from '../src/measurements/series-plan.ts';

const T = (iso: string) => Date.parse(iso);
const installation = {
  installationId: 'inst-"1"',
  organizationId: 'org',
  name: 'A',
  timezone: 'America/Santiago',
} as unknown as Installation;
const from = T('2026-04-04T03:00:00Z');
const to = T('2026-04-06T04:00:00Z');

function answerOf(
  groupBy: MeasurementsRequest['groupBy'],
  frequency: MeasurementsRequest['frequency'],
  plan: OutputSeries[],
  points: unknown[][],
  unitId: string | null = null,
): Answer {
  const request: MeasurementsRequest = {
    scope: { kind: 'installation', id: 'inst-"1"' },
    deviceIds: null,
    variables: null,
    from,
    to,
    frequency,
    aggregations: null,
    groupBy,
    timezone: null,
    fill: 'null',
    minCoverage: null,
    limit: 100,
  };
  return {
    request,
    scope: { installation, unitId, devices: [], timezone: 'America/Santiago' },
    plan,
    grid: frequency === 'raw' ? null : bucketGrid(from, to, frequency as '1d', 'America/Santiago'),
    page: {
      segments: points.map((p, series) => ({
        series,
        data: {
          points: p as never,
          lastIngestedAt: series === 0 ? T('2026-04-07T00:00:00Z') : null,
          expected: series === 0 && frequency !== 'raw' ? Int32Array.from([92, 100]) : null,
        },
      })),
      next: null,
    },
    nextCursor: groupBy === 'unit' ? 'abc.def' : null,
  };
}

const series = (
  group: OutputSeries['group'],
  name: string,
  aggregation: OutputSeries['aggregation'],
  devices: string[],
): OutputSeries => ({
  group,
  name,
  unit: 'kWh',
  kind: 'cumulative',
  aggregation,
  decimals: 3,
  members: devices.map((deviceId) => ({
    deviceId,
    variable: name,
    aggregation: aggregation ?? 'last',
    intervalMs: null,
  })),
});

describe('the JSON answer written as text', () => {
  const cases: [string, Answer][] = [
    [
      'per device, buckets with null fill, across the 25-hour day',
      answerOf(
        'device',
        '1d',
        [
          series({ deviceId: 'dev-1', unitId: 'u"1' }, 'energy', 'delta', ['dev-1']),
          series({ deviceId: 'dev-1', unitId: 'u"1' }, 'power', 'avg', ['dev-1']),
          series({ deviceId: 'dev-2', unitId: null }, 'energy', 'delta', ['dev-2']),
        ],
        [
          [
            { i: 0, value: 25.125, count: 25, estimated: 0, substituted: 0 },
            { i: 1, value: null, count: 0, estimated: 0, substituted: 0 },
          ],
          [],
          [{ i: 1, value: 1e-7, count: 1, estimated: 0, substituted: 0 }],
        ],
      ),
    ],
    [
      'grouped by unit, with a cursor and a unit scope',
      answerOf(
        'unit',
        '1d',
        [series({ unitId: 'u1' }, 'energy', 'sum', ['a', 'b']), series({ unitId: null }, 'energy', 'sum', ['c'])],
        [
          [{ i: 0, value: 3, count: 2, estimated: 0, substituted: 0 }],
          [{ i: 1, value: 4.5, count: 1, estimated: 0, substituted: 0 }],
        ],
        'u1',
      ),
    ],
    [
      'raw readings with and without quality',
      answerOf(
        'device',
        'raw',
        [series({ deviceId: 'dev-1', unitId: null }, 'energy', null, ['dev-1'])],
        [
          [
            { ts: T('2026-04-05T03:30:00Z'), value: 10.5, quality: 'measured' },
            { ts: T('2026-04-05T04:00:00.250Z'), value: 11, quality: 'estimated' },
          ],
        ],
      ),
    ],
    [
      'several aggregations, with qualities and completeness',
      answerOf(
        'device',
        '1d',
        [
          {
            ...series({ deviceId: 'dev-1', unitId: null }, 'energy', 'min', ['dev-1']),
            aggregations: ['min', 'max', 'delta'],
          },
        ],
        [
          [
            { i: 0, value: 1, count: 90, estimated: 3, substituted: 1, values: [1, 2.5, null] },
            { i: 1, value: null, count: 0, estimated: 0, substituted: 0, values: [null, null, null] },
          ],
        ],
      ),
    ],
    ['no series at all', answerOf('installation', '1d', [], [])],
  ];
  it.each(cases)('%s: byte for byte JSON.stringify of the answer object', (_name, answer) => {
    const chunks = [...answerJsonChunks(answer)];
    expect(Buffer.concat(chunks).toString('utf8')).toBe(JSON.stringify(answerJson(answer)));
  });

  /** RFC 4180 rows (quoted fields with doubled quotes), header first. */
  function csvRows(csv: string): string[][] {
    const rows: string[][] = [];
    for (const line of csv.split('\r\n').filter(Boolean)) {
      const fields: string[] = [];
      for (const m of line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)) {
        fields.push(m[1]!.startsWith('"') ? m[1]!.slice(1, -1).replaceAll('""', '"') : m[1]!);
        if (m[2] === '') break;
      }
      rows.push(fields);
    }
    return rows;
  }
  const asField = (v: unknown) => (v === null || v === undefined ? '' : String(v));

  it.each(cases)('%s: the CSV answer carries every point of the JSON answer, field for field', (_name, answer) => {
    const json = JSON.parse(Buffer.concat([...answerJsonChunks(answer)]).toString('utf8')) as Record<string, unknown>;
    const expected: string[][] = [];
    const lists = (json.devices ?? json.units ?? json.installations) as Record<string, unknown>[];
    for (const group of lists)
      for (const v of group.variables as Record<string, unknown>[])
        for (const p of v.points as Record<string, unknown>[]) {
          const values = p.values ? Object.values(p.values as object) : [p.value];
          expected.push(
            'ts' in p
              ? [asField(p.ts), asField(p.value), asField(p.quality)]
              : [
                  asField(p.start),
                  asField(p.end),
                  ...values.map(asField),
                  ...['count', 'expected', 'coverage', 'measured', 'estimated', 'substituted', 'complete'].map((f) =>
                    asField(p[f]),
                  ),
                ],
          );
        }
    const [header, ...rows] = csvRows(Buffer.concat([...answerCsv(answer)]).toString('utf8'));
    const first = header!.indexOf(answer.grid ? 'start' : 'ts');
    expect(rows.map((r) => r.slice(first))).toEqual(expected);
  });

  it('streams a large page in several chunks', () => {
    const points = Array.from({ length: 10_000 }, (_, i) => ({ ts: from + i * 1000, value: i, quality: 'measured' }));
    const answer = answerOf(
      'device',
      'raw',
      [series({ deviceId: 'dev-1', unitId: null }, 'energy', null, ['dev-1'])],
      [points],
    );
    const chunks = [...answerJsonChunks(answer)];
    expect(chunks.length).toBeGreaterThan(2);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(JSON.stringify(answerJson(answer)));
  });
});
