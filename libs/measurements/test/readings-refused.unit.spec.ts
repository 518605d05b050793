import { describe, expect, it } from 'vitest';
import { assertStorable, isReadingsRefused, refusedOnBadData } from '../src/readings-refused.ts';

/** What the projector may dead-letter (refused for ever) and what it must retry (the store may recover). */
const clickHouseError = (code: string, type: string) =>
  Object.assign(new Error(`Code: ${code}. DB::Exception: … (${type})`), { code, type });
const outcome = async (error: unknown) =>
  refusedOnBadData(async () => {
    throw error;
  }).catch((e: unknown) => (isReadingsRefused(e) ? `refused ${e.engineCode}` : 'transient'));

describe("classifying the store's failures", () => {
  it.each([
    ['41', 'CANNOT_PARSE_DATETIME', 'refused 41 CANNOT_PARSE_DATETIME'],
    ['27', 'CANNOT_PARSE_INPUT_ASSERTION_FAILED', 'refused 27 CANNOT_PARSE_INPUT_ASSERTION_FAILED'],
    ['6', 'CANNOT_PARSE_TEXT', 'refused 6 CANNOT_PARSE_TEXT'],
    ['321', 'VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE', 'refused 321 VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE'],
    ['241', 'MEMORY_LIMIT_EXCEEDED', 'transient'],
    ['159', 'TIMEOUT_EXCEEDED', 'transient'],
    ['209', 'SOCKET_TIMEOUT', 'transient'],
    ['210', 'NETWORK_ERROR', 'transient'],
    ['252', 'TOO_MANY_PARTS', 'transient'],
    ['202', 'TOO_MANY_SIMULTANEOUS_QUERIES', 'transient'],
    // Systematic faults (a bad migration, a wrong statement) must stall visibly, not dead-letter everything.
    ['16', 'NO_SUCH_COLUMN_IN_TABLE', 'transient'],
    ['62', 'SYNTAX_ERROR', 'transient'],
  ])('ClickHouse code %s (%s) → %s', async (code, type, expected) => {
    expect(await outcome(clickHouseError(code, type))).toBe(expected);
  });

  it('treats connection errors and anything unknown as transient', async () => {
    expect(
      await outcome(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8123'), { code: 'ECONNREFUSED' })),
    ).toBe('transient');
    expect(await outcome(new Error('Timeout error.'))).toBe('transient');
    expect(await outcome('a string')).toBe('transient');
  });

  it("keeps the engine's message and the original error", async () => {
    const cause = clickHouseError('41', 'CANNOT_PARSE_DATETIME');
    const error = await refusedOnBadData(async () => {
      throw cause;
    }).catch((e: unknown) => e as Error);
    expect(error.message).toBe(
      'the measurements engine refused the readings: Code: 41. DB::Exception: … (CANNOT_PARSE_DATETIME)',
    );
    expect(error.cause).toBe(cause);
  });

  it('refuses out-of-range or non-finite readings before sending anything, naming them', () => {
    const ok = {
      deviceId: 'd',
      variable: 'v',
      ts: Date.parse('2026-01-01T00:00:00Z'),
      value: 1,
      quality: 'measured' as const,
      ingestedAt: 1,
    };
    expect(() => assertStorable([ok])).not.toThrow();
    const refused = (() => {
      try {
        assertStorable([ok, { ...ok, ts: 0 }, { ...ok, value: Number.NaN }]);
        return null;
      } catch (e) {
        return e;
      }
    })();
    expect(isReadingsRefused(refused)).toBe(true);
    expect((refused as Error).message).toBe(
      '2 reading(s) cannot be stored: ts must lie in [1970-01-02T00:00:00.000Z, 2106-01-01T00:00:00.000Z) and value be finite: ' +
        'd/v@1970-01-01T00:00:00.000Z (value 1), d/v@2026-01-01T00:00:00.000Z (value NaN)',
    );
  });
});
