import { isStorableInstant, STORABLE_RANGE_TEXT } from '@medido/contracts';
import type { StoredReading } from './measurements-store.port.ts';

/**
 * The store will never accept these readings, however often they are sent: out of the storable range
 * (READING_LIMITS in @medido/contracts) or refused by the engine as bad data. Any other failure of
 * `insert` (connection, timeout, memory, too many parts, an unknown error) may pass on a retry.
 */
export class ReadingsRefusedError extends Error {
  override name = 'ReadingsRefusedError';
  /** The engine's error code and name ("41 CANNOT_PARSE_DATETIME"), when the engine refused them. */
  readonly engineCode: string | undefined;
  constructor(message: string, options: { cause?: unknown; engineCode?: string } = {}) {
    super(message, { cause: options.cause });
    this.engineCode = options.engineCode;
  }
}

export function isReadingsRefused(error: unknown): error is ReadingsRefusedError {
  return error instanceof ReadingsRefusedError;
}

/**
 * ClickHouse codes that mean "this data can never be parsed or held", whatever the server's state.
 * Deliberately narrow: a code that could also come from a systematic fault (a missing column after a
 * bad migration, a type error in a statement) would make the projector dead-letter every record, while
 * an unknown error retried stalls one partition visibly (the stuck-partition signal) and loses nothing.
 * @see https://github.com/ClickHouse/ClickHouse/blob/master/src/Common/ErrorCodes.cpp
 */
const BAD_DATA_CODES = new Map<string, string>([
  ['6', 'CANNOT_PARSE_TEXT'],
  ['25', 'CANNOT_PARSE_ESCAPE_SEQUENCE'],
  ['26', 'CANNOT_PARSE_QUOTED_STRING'],
  ['27', 'CANNOT_PARSE_INPUT_ASSERTION_FAILED'],
  ['38', 'CANNOT_PARSE_DATE'],
  ['41', 'CANNOT_PARSE_DATETIME'],
  ['69', 'ARGUMENT_OUT_OF_BOUND'],
  ['70', 'CANNOT_CONVERT_TYPE'],
  ['72', 'CANNOT_PARSE_NUMBER'],
  ['117', 'INCORRECT_DATA'],
  ['131', 'TOO_LARGE_STRING_SIZE'],
  ['321', 'VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE'],
  ['407', 'DECIMAL_OVERFLOW'],
  ['691', 'UNKNOWN_ELEMENT_OF_ENUM'],
]);

/**
 * Refuses, before anything is sent, a batch with a reading the store cannot hold: its ts outside the
 * storable range (the engine would misread it, or its buckets could not be addressed), a value that is
 * not finite, or an ingestedAt that is not an instant. Names up to three offenders.
 */
export function assertStorable(readings: StoredReading[]): void {
  const bad = readings.filter(
    (r) =>
      !isStorableInstant(r.ts) || !Number.isFinite(r.value) || !Number.isSafeInteger(r.ingestedAt) || r.ingestedAt < 0,
  );
  if (bad.length === 0) return;
  const named = bad
    .slice(0, 3)
    .map(
      (r) =>
        `${r.deviceId}/${r.variable}@${Number.isFinite(r.ts) ? new Date(r.ts).toISOString() : String(r.ts)} (value ${r.value})`,
    );
  throw new ReadingsRefusedError(
    `${bad.length} reading(s) cannot be stored: ts must lie in ${STORABLE_RANGE_TEXT} and value be finite: ${named.join(', ')}${bad.length > 3 ? ', …' : ''}`,
  );
}

/**
 * The engine's refusals of bad data become ReadingsRefusedError with the engine's message; every other
 * error passes through unchanged (transient). Both @clickhouse/client and chDB's connection reject with
 * a ClickHouseError whose `code` is the numeric code as a string; network errors carry Node's codes
 * (ECONNREFUSED), which are not numeric.
 */
export async function refusedOnBadData<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    const name = typeof code === 'string' ? BAD_DATA_CODES.get(code) : undefined;
    if (!name) throw error;
    throw new ReadingsRefusedError(`the measurements engine refused the readings: ${(error as Error).message}`, {
      cause: error,
      engineCode: `${code} ${name}`,
    });
  }
}
