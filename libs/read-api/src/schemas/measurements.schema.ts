import Type from 'typebox';
import { READING_QUALITIES, VARIABLE_KINDS } from '@medido/contracts';
import { documentedAs } from '@medido/platform';
import type { ReadApiLimits } from '../limits.ts';
import { Cursor, NextCursor } from './common.schema.ts';

export const FREQUENCIES = ['raw', '15m', '1h', '1d', '1w', '1mo', '1y'] as const;
export const AGGREGATIONS = ['avg', 'min', 'max', 'sum', 'count', 'first', 'last', 'delta'] as const;
export const GROUP_BYS = ['device', 'unit', 'installation'] as const;
/**
 * Buckets without data: `none` leaves them out; `null` answers every bucket of the window with value
 * null and count 0; `previous` gives an empty bucket the value of the bucket before it (count 0; null
 * before the first bucket with data). The read API fills (measurements/fill.ts); the store answers
 * buckets with data only.
 */
export const FILLS = ['none', 'null', 'previous'] as const;
export type Fill = (typeof FILLS)[number];
export type GroupBy = (typeof GROUP_BYS)[number];

const DATE_TIME = { format: 'date-time' };
const List = (description: string) =>
  Type.Array(Type.String({ maxLength: 8192 }), { description: `${description} Comma-separated, repeated, or both.` });

export function measurementsQuerystring(limits: ReadApiLimits) {
  return Type.Object({
    installationId: Type.Optional(
      Type.String({
        maxLength: 128,
        description: 'The installation to read (exactly one of installationId and unitId).',
      }),
    ),
    unitId: Type.Optional(
      Type.String({ maxLength: 128, description: 'The unit to read (exactly one of installationId and unitId).' }),
    ),
    deviceIds: Type.Optional(
      List(
        `Only these meters; each must be visible to the caller and inside the installation or unit (at most ${limits.maxDeviceIds}).`,
      ),
    ),
    variables: Type.Optional(
      List(`Only these variables (at most ${limits.maxVariables}); each must exist on a selected meter.`),
    ),
    // Checked by the handler (MEASUREMENTS_WINDOW_INVALID, with the reason), so the format is documented, not validated.
    from: documentedAs(
      Type.String({
        description:
          'Window start, inclusive: ISO 8601 / RFC 3339 with an offset or Z, e.g. 2026-04-04T00:00:00-03:00.',
      }),
      DATE_TIME,
    ),
    to: documentedAs(
      Type.String({
        description: 'Window end, exclusive: ISO 8601 / RFC 3339 with an offset or Z. Must be after from.',
      }),
      DATE_TIME,
    ),
    frequency: Type.Optional(
      Type.Enum(FREQUENCIES, {
        default: '1h',
        description: 'raw readings, or buckets of 15m, 1h, 1d, 1w (ISO weeks), 1mo, 1y.',
      }),
    ),
    // A comma list, checked by the handler (each name known, each once), so the names are documented, not an enum.
    aggregation: Type.Optional(
      Type.String({
        maxLength: 128,
        description: `One of ${AGGREGATIONS.join(', ')}, or several separated by commas (e.g. min,max,avg,delta), each at most once: points then carry \`values\` by aggregation, in that order. Default per variable: delta for cumulative registers, avg for instantaneous ones. Not with frequency=raw.`,
      }),
    ),
    groupBy: Type.Optional(
      Type.Enum(GROUP_BYS, {
        default: 'device',
        description: 'One series per meter, or meters combined per unit or per installation (not with frequency=raw).',
      }),
    ),
    timezone: Type.Optional(
      Type.String({
        maxLength: 64,
        description:
          "IANA zone for calendar buckets and for the offsets of bucket times. Default: the installation's, else America/Santiago.",
      }),
    ),
    fill: Type.Optional(
      Type.Enum(FILLS, {
        default: 'none',
        description:
          "Empty buckets: omitted (none), value null (null), or the previous bucket's value (previous). Not with frequency=raw.",
      }),
    ),
    minCoverage: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: 1,
        description:
          'Only buckets whose coverage is at least this (0–1); buckets below it, or whose coverage is unknown (no declared reading interval), are treated as empty (left out, or filled by fill). Not with frequency=raw.',
      }),
    ),
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: limits.measurementsPageMax,
        default: limits.measurementsPageDefault,
        description: `Points per page (1–${limits.measurementsPageMax}).`,
      }),
    ),
    cursor: Type.Optional(Cursor),
  });
}

const BucketPoint = Type.Object(
  {
    start: Type.String({ description: "Bucket start, inclusive, in the zone's offset." }),
    end: Type.String({ description: "Bucket end, exclusive, in the zone's offset." }),
    value: Type.Optional(
      Type.Union([Type.Number(), Type.Null()], {
        description:
          "The aggregate of the bucket, rounded to the register's decimals; null for a bucket filled with fill=null. Absent when several aggregations were asked (see values).",
      }),
    ),
    values: Type.Optional(
      Type.Object(
        Object.fromEntries(
          AGGREGATIONS.map((a) => [
            a,
            Type.Optional(
              Type.Union([Type.Number(), Type.Null()], {
                description: `The ${a} of the bucket, rounded like value; null when the bucket has none.`,
              }),
            ),
          ]),
        ),
        { description: 'With several aggregations: each one asked, by name, in the order asked.' },
      ),
    ),
    count: Type.Integer({
      description: 'Readings (for delta alone: increases) that made the value; 0 for a filled bucket.',
    }),
    expected: Type.Union([Type.Integer(), Type.Null()], {
      description:
        "Readings the registers' declared reading intervals imply for this bucket (92 for a 23-hour day of a 15-minute register); null when an interval is unknown.",
    }),
    coverage: Type.Union([Type.Number(), Type.Null()], {
      description:
        'count / expected, at most 1, truncated to 6 decimals (1 only when complete); null when expected is unknown.',
    }),
    measured: Type.Integer({
      description: 'Of the count, readings measured by the meter (for delta: increases closed by such a reading).',
    }),
    estimated: Type.Integer({ description: 'Of the count, readings estimated by the pipeline where one was missing.' }),
    substituted: Type.Integer({ description: 'Of the count, readings substituted after validation.' }),
    complete: Type.Union([Type.Boolean(), Type.Null()], {
      description:
        'True when the bucket holds every expected reading (count ≥ expected); null when expected is unknown.',
    }),
  },
  { title: 'BucketPoint', description: 'One bucket of an aggregated series.' },
);

const RawPoint = Type.Object(
  {
    ts: Type.String({ description: "Reading time in the zone's offset." }),
    value: Type.Number({ description: 'The reading as ingested.' }),
    quality: Type.Optional(
      Type.Enum(READING_QUALITIES, { description: 'measured, estimated or substituted, as the pipeline sent it.' }),
    ),
  },
  { title: 'RawPoint', description: 'One reading (frequency=raw).' },
);

const Series = Type.Object(
  {
    name: Type.String({ description: 'Variable (register) name.' }),
    unit: Type.String({ description: 'Unit symbol, e.g. kWh.' }),
    kind: Type.Enum(VARIABLE_KINDS, { description: 'cumulative or instantaneous.' }),
    aggregation: Type.Optional(
      Type.Enum(AGGREGATIONS, {
        description: 'The aggregation of value. Absent for frequency=raw and when several were asked.',
      }),
    ),
    aggregations: Type.Optional(
      Type.Array(Type.Enum(AGGREGATIONS), {
        description: 'When several aggregations were asked: the names of values, in order.',
      }),
    ),
    lastIngestedAt: Type.Union([Type.String(), Type.Null()], {
      description: 'Freshness: when the newest reading of this series was ingested (UTC), null when none.',
    }),
    deviceIds: Type.Optional(
      Type.Array(Type.String(), { description: 'groupBy unit|installation: the meters combined into this series.' }),
    ),
    points: Type.Array(Type.Union([BucketPoint, RawPoint]), {
      description: 'In time order: buckets, or raw readings for frequency=raw.',
    }),
    // A title, not an $id: the serializer refuses one $id met three times (devices, units, installations).
  },
  { title: 'Series', description: 'The values of one variable.' },
);

export const MeasurementsResponse = Type.Object(
  {
    installationId: Type.String({ description: 'The installation read (that of the unit when unitId was asked).' }),
    unitId: Type.Optional(Type.String({ description: 'The unit read, when unitId was asked.' })),
    from: Type.String({ format: 'date-time', description: 'Window start echoed in UTC.' }),
    to: Type.String({ format: 'date-time', description: 'Window end echoed in UTC.' }),
    frequency: Type.Enum(FREQUENCIES, { description: 'The frequency answered.' }),
    timezone: Type.String({ description: 'The IANA zone of the buckets and of the offsets of the times.' }),
    groupBy: Type.Enum(GROUP_BYS, {
      description: 'How meters were combined: devices, units or installations holds the series.',
    }),
    fill: Type.Enum(FILLS, { description: 'How empty buckets were answered.' }),
    devices: Type.Optional(
      Type.Array(
        Type.Object(
          {
            deviceId: Type.String({ description: 'Meter (device) identifier.' }),
            unitId: Type.Union([Type.String(), Type.Null()], {
              description: 'Its unit, or null when it belongs to the installation as a whole.',
            }),
            variables: Type.Array(Series, { description: 'One series per variable.' }),
          },
          { $id: 'DeviceSeries', description: 'The series of one meter.' },
        ),
        { description: 'groupBy=device (and raw): one entry per meter.' },
      ),
    ),
    units: Type.Optional(
      Type.Array(
        Type.Object(
          {
            unitId: Type.Union([Type.String(), Type.Null()], {
              description: 'The unit, or null for the meters of the installation as a whole.',
            }),
            variables: Type.Array(Series, { description: 'One series per variable.' }),
          },
          { $id: 'UnitSeries', description: 'The meters of one unit, combined.' },
        ),
        { description: 'groupBy=unit: one entry per unit.' },
      ),
    ),
    installations: Type.Optional(
      Type.Array(
        Type.Object(
          {
            installationId: Type.String({ description: 'Installation identifier.' }),
            variables: Type.Array(Series, { description: 'One series per variable.' }),
          },
          { $id: 'InstallationSeries', description: 'Every meter of the installation, combined.' },
        ),
        { description: 'groupBy=installation: one entry.' },
      ),
    ),
    nextCursor: NextCursor,
  },
  { $id: 'Measurements', description: 'One page of measurements: series per meter, unit or installation, by groupBy.' },
);
