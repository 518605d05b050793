import { beforeAll, describe, expect, it } from 'vitest';
import { harness, type Harness } from './fakes/harness.ts';

const WINDOW = 'from=2026-04-04T00:00:00-03:00&to=2026-04-05T00:00:00-04:00';

describe('measurements parameters: a precise 400 for every invalid combination', () => {
  let h: Harness;
  let token: string;
  beforeAll(async () => {
    h = await harness();
    token = h.tokens.consumer('consumer-1', ['priv']);
  });

  it.each([
    ['no scope', `${WINDOW}`, 'MEASUREMENTS_SCOPE_REQUIRED'],
    ['both scopes', `installationId=pub-inst&unitId=pub-unit-a&${WINDOW}`, 'MEASUREMENTS_SCOPE_REQUIRED'],
    ['from missing', 'installationId=pub-inst&to=2026-04-05T00:00:00Z', 'MEASUREMENTS_PARAMETER_INVALID'],
    [
      'from without offset',
      'installationId=pub-inst&from=2026-04-04T00:00:00&to=2026-04-05T00:00:00Z',
      'MEASUREMENTS_WINDOW_INVALID',
    ],
    [
      'from not a date',
      'installationId=pub-inst&from=yesterday&to=2026-04-05T00:00:00Z',
      'MEASUREMENTS_WINDOW_INVALID',
    ],
    [
      'impossible date',
      'installationId=pub-inst&from=2026-02-30T00:00:00Z&to=2026-04-05T00:00:00Z',
      'MEASUREMENTS_WINDOW_INVALID',
    ],
    [
      'from equal to to',
      'installationId=pub-inst&from=2026-04-04T00:00:00Z&to=2026-04-04T00:00:00Z',
      'MEASUREMENTS_WINDOW_INVALID',
    ],
    [
      'from after to',
      'installationId=pub-inst&from=2026-04-05T00:00:00Z&to=2026-04-04T00:00:00Z',
      'MEASUREMENTS_WINDOW_INVALID',
    ],
    [
      'raw over 32 days',
      'installationId=pub-inst&from=2026-01-01T00:00:00Z&to=2026-02-03T00:00:01Z&frequency=raw',
      'MEASUREMENTS_WINDOW_TOO_LARGE',
    ],
    [
      '15m over 367 days',
      'installationId=pub-inst&from=2025-01-01T00:00:00Z&to=2026-01-04T00:00:00Z&frequency=15m',
      'MEASUREMENTS_WINDOW_TOO_LARGE',
    ],
    [
      'grouped first over 367 days',
      'installationId=pub-inst&from=2024-01-01T00:00:00Z&to=2026-01-04T00:00:00Z&frequency=1mo&aggregation=first&groupBy=unit',
      'MEASUREMENTS_WINDOW_TOO_LARGE',
    ],
    ['unknown frequency', `installationId=pub-inst&${WINDOW}&frequency=5m`, 'MEASUREMENTS_PARAMETER_INVALID'],
    ['unknown aggregation', `installationId=pub-inst&${WINDOW}&aggregation=median`, 'MEASUREMENTS_PARAMETER_INVALID'],
    ['unknown groupBy', `installationId=pub-inst&${WINDOW}&groupBy=organization`, 'MEASUREMENTS_PARAMETER_INVALID'],
    ['unknown fill', `installationId=pub-inst&${WINDOW}&fill=zero`, 'MEASUREMENTS_PARAMETER_INVALID'],
    ['limit 0', `installationId=pub-inst&${WINDOW}&limit=0`, 'MEASUREMENTS_PARAMETER_INVALID'],
    ['misspelt parameter', `installationId=pub-inst&${WINDOW}&frequncy=15m`, 'MEASUREMENTS_PARAMETER_INVALID'],
    [
      'aggregation with raw',
      `installationId=pub-inst&${WINDOW}&frequency=raw&aggregation=avg`,
      'MEASUREMENTS_PARAMETER_INVALID',
    ],
    [
      'groupBy with raw',
      `installationId=pub-inst&${WINDOW}&frequency=raw&groupBy=unit`,
      'MEASUREMENTS_PARAMETER_INVALID',
    ],
    ['fill with raw', `installationId=pub-inst&${WINDOW}&frequency=raw&fill=null`, 'MEASUREMENTS_PARAMETER_INVALID'],
    [
      'delta on an instantaneous variable',
      `installationId=pub-inst&${WINDOW}&aggregation=delta&variables=active_power`,
      'MEASUREMENTS_PARAMETER_INVALID',
    ],
    ['malformed device id', `installationId=pub-inst&${WINDOW}&deviceIds=a b`, 'MEASUREMENTS_PARAMETER_INVALID'],
    ['empty deviceIds', `installationId=pub-inst&${WINDOW}&deviceIds=,`, 'MEASUREMENTS_PARAMETER_INVALID'],
    ['malformed variable', `installationId=pub-inst&${WINDOW}&variables=Energy`, 'MEASUREMENTS_PARAMETER_INVALID'],
    ['unknown time zone', `installationId=pub-inst&${WINDOW}&timezone=Mars/Olympus`, 'TIMEZONE_UNKNOWN'],
    ['offset instead of a zone', `installationId=pub-inst&${WINDOW}&timezone=-03:00`, 'TIMEZONE_UNKNOWN'],
    [
      'device of another installation',
      `installationId=pub-inst&${WINDOW}&deviceIds=priv-dev-1`,
      'MEASUREMENTS_DEVICE_NOT_IN_SCOPE',
    ],
    ['device of another unit', `unitId=pub-unit-a&${WINDOW}&deviceIds=pub-dev-b1`, 'MEASUREMENTS_DEVICE_NOT_IN_SCOPE'],
    [
      'variable no selected meter has',
      `installationId=pub-inst&${WINDOW}&deviceIds=pub-dev-n&variables=active_power`,
      'MEASUREMENTS_VARIABLE_UNKNOWN',
    ],
    ['forged cursor', `installationId=pub-inst&${WINDOW}&cursor=abc.def`, 'CURSOR_INVALID'],
  ])('%s → 400 %s', async (_name, query, code) => {
    const res = await h.get(`/v1/measurements?${query}`, token);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe(code);
    expect(res.body.detail).toEqual(expect.any(String));
  });

  it('names the offending parameter', async () => {
    const res = await h.get(`/v1/measurements?installationId=pub-inst&${WINDOW}&frequency=5m`, token);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: '/frequency' })]);
    const window = await h.get(
      '/v1/measurements?installationId=pub-inst&from=2026-04-05T00:00:00Z&to=2026-04-04T00:00:00Z',
      token,
    );
    expect(window.body.detail).toBe('from must be before to (the window is [from, to))');
    const large = await h.get(
      '/v1/measurements?installationId=pub-inst&from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z&frequency=raw',
      token,
    );
    expect(large.body.detail).toBe(
      'frequency=raw allows windows of at most 32 days; split the request or use a coarser frequency',
    );
  });

  it('accepts the longest allowed window and a calendar month with a DST change in raw', async () => {
    expect(
      (
        await h.get(
          '/v1/measurements?installationId=pub-inst&from=2026-10-01T00:00:00+02:00&to=2026-11-01T00:00:00+01:00&frequency=raw',
          token,
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await h.get(
          '/v1/measurements?installationId=pub-inst&from=2026-01-01T00:00:00Z&to=2026-02-02T00:00:00Z&frequency=raw',
          token,
        )
      ).status,
    ).toBe(200);
  });

  it('answers 406 when neither JSON nor CSV is acceptable', async () => {
    const res = await h.get(`/v1/measurements?installationId=pub-inst&${WINDOW}`, token, { accept: 'application/xml' });
    expect([res.status, res.body.code]).toEqual([406, 'NOT_ACCEPTABLE']);
  });
});
