import Type from 'typebox';
import { READING_QUALITIES } from '@medido/contracts';
import type { ReadApiLimits } from '../limits.ts';
import { MAX_PERIOD_DAYS } from '../consumption/consumption-period.ts';
import { NextCursor, pageQuery } from './common.schema.ts';

const Id = (description: string) => Type.Optional(Type.String({ maxLength: 128, description }));
const Time = (description: string) => Type.String({ format: 'date-time', description });
const Share = (description: string) => Type.Number({ minimum: 0, maximum: 1, description });
const Nullable = <T extends Type.TSchema>(schema: T, description: string) =>
  Type.Union([schema, Type.Null()], { description });

export function consumptionQuerystring(limits: ReadApiLimits) {
  return Type.Object({
    deviceId: Id('The statement of this meter (exactly one of deviceId, unitId and installationId).'),
    unitId: Id('The statement of every meter of this unit (exactly one of deviceId, unitId and installationId).'),
    installationId: Id(
      'The statement of every meter of this installation (exactly one of deviceId, unitId and installationId).',
    ),
    month: Type.Optional(
      Type.String({
        maxLength: 16,
        description:
          "The billing period as a calendar month in the installation's time zone, YYYY-MM (e.g. 2026-04). Default: the month holding the current instant. Not with from/to.",
      }),
    ),
    from: Type.Optional(
      Type.String({
        maxLength: 64,
        description: `Start of the period, inclusive: a date (YYYY-MM-DD, that day's start in the installation's zone) or an RFC 3339 date-time with an offset. With to; at most ${MAX_PERIOD_DAYS} days.`,
      }),
    ),
    to: Type.Optional(
      Type.String({
        maxLength: 64,
        description:
          "End of the period, exclusive: a date (that day's start in the installation's zone) or an RFC 3339 date-time with an offset. With from.",
      }),
    ),
    ...pageQuery(limits.catalogPageDefault, limits.catalogPageMax),
  });
}

const Reading = Type.Object(
  {
    ts: Time("Time of the reading, in the installation's offset at that instant (RFC 3339)."),
    value: Type.Number({
      description: "The register's value, rounded to its declared decimals (6 when not declared).",
    }),
    quality: Type.Enum(READING_QUALITIES, {
      description: 'Its quality as the meter or head-end reported it (the latest ingested version of the reading).',
    }),
  },
  { description: 'A register reading.' },
);

const ResetReading = Type.Object(
  {
    ts: Time("Time of the reading, in the installation's offset at that instant (RFC 3339)."),
    value: Type.Number({ description: "The register's value, rounded to its declared decimals." }),
  },
  { description: 'A reading on one side of a reset.' },
);

const Reset = Type.Object(
  {
    before: ResetReading,
    after: ResetReading,
  },
  {
    description:
      'A reset: two consecutive readings, the later one lower (the meter rolled over or was replaced); `before` is the last reading before it, `after` the first after it. The increase it closes is `after.value` (counted from zero).',
  },
);

const QualityShare = Type.Object(
  {
    measured: Share('Share (0–1) of the increases closed by a measured reading.'),
    estimated: Share('Share (0–1) of the increases closed by an estimated reading.'),
    substituted: Share('Share (0–1) of the increases closed by a substituted reading.'),
  },
  {
    description: "How the period's increases split by the quality of the reading closing each (rounded to 6 decimals).",
  },
);

export const StatementRegisterItem = Type.Object(
  {
    deviceId: Type.String({ description: 'The meter.' }),
    installationId: Type.String({ description: "The meter's installation." }),
    unitId: Nullable(Type.String(), "The meter's unit; null for a meter of the installation as a whole."),
    variable: Type.String({ description: 'The register (a cumulative variable of the meter).' }),
    unit: Type.String({ description: 'Unit of measure of the values and the consumption.' }),
    opening: Nullable(
      Reading,
      "The opening reading: the last reading at or before the period's start; when there is none, the first reading inside the period (up to its end). Null when the register has no reading at or before the period's end.",
    ),
    closing: Nullable(
      Reading,
      "The closing reading: the last reading at or before the period's end (a reading exactly at the end closes this period and opens the next, so consecutive statements chain). Equal to the opening when nothing was read inside the period; null when the register has no reading at or before the end.",
    ),
    resets: Type.Array(Reset, {
      description: 'Every reset inside the period (its later reading in (start, end]), in time order.',
    }),
    consumption: Type.Number({
      description:
        "The period's consumption: the sum of the increases between consecutive readings whose later reading is in (start, end] — the later value minus the earlier, or the later value after a reset. Equal to the sum of `delta` of /v1/measurements over [start, end), and to closing − opening + the `before` value of each reset. 0 when nothing was read inside the period. Rounded to the register's decimals.",
    }),
    increases: Type.Integer({
      description:
        'How many increases the consumption adds (readings closing one inside the period), as `count` of a delta point.',
    }),
    expected: Nullable(
      Type.Integer(),
      "The increases the register's declared reading interval implies in the period: its instants k·interval (a wall-clock grid) in (start, end]. Null when the register declares no interval.",
    ),
    coverage: Nullable(
      Type.Number({ minimum: 0, maximum: 1 }),
      'increases / expected, at most 1, truncated to 6 decimals (1 only when complete). Null when the register declares no interval. Over a period still in progress it counts what is still to come as missing.',
    ),
    estimated: Type.Integer({ description: 'Increases closed by an estimated reading.' }),
    substituted: Type.Integer({ description: 'Increases closed by a substituted reading (the others are measured).' }),
    qualityShare: Nullable(QualityShare, 'Shares of the increases per quality; null when there is no increase.'),
  },
  { description: 'The statement of one register for the period.' },
);

export const StatementTotalItem = Type.Object(
  {
    unitId: Type.Optional(Type.String({ description: 'The unit (in `totals.units` only).' })),
    variable: Type.String({ description: 'The register name the total adds up.' }),
    unit: Type.String({
      description: 'Unit of measure: registers are added only with the same variable and unit of measure.',
    }),
    consumption: Type.Number({
      description: "Sum of the registers' consumption, rounded once after adding to the most decimals among them.",
    }),
    registers: Type.Integer({ description: 'How many registers it adds (including those without readings).' }),
  },
  { description: 'Consumption added over registers of the same variable and unit of measure.' },
);

export const ConsumptionResponse = Type.Object(
  {
    installationId: Type.String({ description: 'The installation whose time zone defines the period.' }),
    unitId: Nullable(
      Type.String(),
      "The unit asked for, or the meter's unit; null for an installation or a meter of the installation as a whole.",
    ),
    deviceId: Nullable(Type.String(), 'The meter asked for; null for a unit or an installation.'),
    timezone: Type.String({
      description:
        "The installation's IANA time zone (America/Santiago when it declares none): period bounds and reading times are written in its offsets.",
    }),
    period: Type.Object(
      {
        from: Time("Start of the period, inclusive, in the zone's offset."),
        to: Time("End of the period, exclusive, in the zone's offset."),
        month: Nullable(Type.String(), 'The calendar month (YYYY-MM) when the period is one; null for from/to.'),
        hours: Type.Number({
          description:
            'Length of the period in hours, clock changes included (a 31-day month with a DST change: 743 or 745; in America/Santiago April 2026 has 721 and September 719).',
        }),
      },
      { description: 'The billing period [from, to).' },
    ),
    registers: Type.Array(StatementRegisterItem, {
      description: "This page of registers (each meter's cumulative variables), in deviceId then variable order.",
    }),
    totals: Type.Object(
      {
        units: Type.Array(StatementTotalItem, {
          description:
            'Per unit, variable and unit of measure, in that order; meters without a unit are in no unit total.',
        }),
        installation: Type.Array(StatementTotalItem, {
          description:
            "Per variable and unit of measure over every register of the statement (the meter's, the unit's or the installation's).",
        }),
      },
      { description: 'Totals over every register of the statement, whatever the page: the same on every page.' },
    ),
    nextCursor: NextCursor,
  },
  {
    $id: 'ConsumptionStatement',
    description: 'A consumption statement for a billing period: one page of registers and the totals.',
  },
);
