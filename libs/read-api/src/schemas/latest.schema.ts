import Type from 'typebox';
import { READING_QUALITIES } from '@medido/contracts';
import type { ReadApiLimits } from '../limits.ts';

const List = (description: string) =>
  Type.Array(Type.String({ maxLength: 8192 }), { description: `${description} Comma-separated, repeated, or both.` });
const Instant = (description: string) =>
  Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description });

export function latestQuerystring(limits: ReadApiLimits) {
  return Type.Object({
    installationId: Type.Optional(
      Type.String({
        maxLength: 128,
        description: 'Every meter of this installation (exactly one of installationId, unitId and deviceIds).',
      }),
    ),
    unitId: Type.Optional(
      Type.String({
        maxLength: 128,
        description: 'Every meter of this unit (exactly one of installationId, unitId and deviceIds).',
      }),
    ),
    deviceIds: Type.Optional(
      List(
        `These meters, of any installations the caller may read (at most ${limits.maxDeviceIds}; exactly one of installationId, unitId and deviceIds).`,
      ),
    ),
    variables: Type.Optional(
      List(`Only these variables (at most ${limits.maxVariables}); each must exist on a selected meter.`),
    ),
  });
}

export const LatestItem = Type.Object(
  {
    deviceId: Type.String({ description: 'The meter.' }),
    installationId: Type.String({ description: "The meter's installation." }),
    unitId: Type.Union([Type.String(), Type.Null()], {
      description: "The meter's unit; null for a meter of the installation as a whole.",
    }),
    variable: Type.String({ description: 'The variable (register) of the series.' }),
    unit: Type.String({ description: 'Unit of measure of the value.' }),
    ts: Instant('Time of the newest reading of the series (UTC, RFC 3339); null when the series has no reading.'),
    value: Type.Union([Type.Number(), Type.Null()], {
      description:
        "Its value, rounded to the variable's declared decimals (6 when not declared), as measurements answers are; null when no reading.",
    }),
    quality: Type.Union([Type.Enum(READING_QUALITIES), Type.Null()], {
      description: 'Its quality as the meter or head-end reported it; null when no reading.',
    }),
    ingestedAt: Instant('When the platform received that reading (UTC, RFC 3339); null when no reading.'),
  },
  { $id: 'LatestReading', description: "The newest reading of one series (a meter's variable)." },
);

export const LatestResponse = Type.Object(
  {
    series: Type.Array(LatestItem, {
      description:
        'Every series of the selected meters (each declared variable, or those asked), in deviceId then variable order, including those without readings.',
    }),
  },
  { $id: 'LatestReadings', description: 'The newest reading of every selected series.' },
);
