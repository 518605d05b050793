import { describe, expect, it } from 'vitest';
import type { MeasurementsRecorded } from '@medido/contracts';
import { DEFAULT_TIMEZONE } from '../../read-api/src/measurements/zoned-time.ts';
import { closeDays } from '../src/day-closure.ts';
import {
  deriveChanges,
  emptyPartitionState,
  planDerivation,
  type Placement,
  type SourceRecord,
} from '../src/derive-changes.ts';
import { DEFAULT_ZONE } from '../src/local-days.ts';

const TOPIC = 'medido.measurements.v1';
const placement: Placement = {
  organizationId: 'org-1',
  installationId: 'inst-1',
  unitId: 'unit-1',
  timezone: 'America/Santiago',
};
const at = '2026-04-08T12:00:00.000Z';

function record(offset: number, deviceId: string, readings: [variable: string, ts: string][]): SourceRecord {
  const event = {
    data: { deviceId, readings: readings.map(([variable, ts]) => ({ variable, ts, value: 1 })) },
  } as unknown as MeasurementsRecorded;
  return { topic: TOPIC, partition: 3, offset: String(offset), event };
}

describe('deriveChanges', () => {
  it('tells new readings per meter, with a window [from, to) and deterministic ids', () => {
    const records = [
      record(10, 'm-1', [
        ['energy', '2026-04-07T10:00:00Z'],
        ['energy', '2026-04-07T10:15:00Z'],
        ['power', '2026-04-07T10:15:00Z'],
      ]),
    ];
    const first = deriveChanges(records, emptyPartitionState(), () => placement, at);
    expect(first.changes).toEqual([
      {
        id: `${TOPIC}/3/10/measurements.available`,
        type: 'measurements.available',
        occurredAt: at,
        organizationId: 'org-1',
        installationId: 'inst-1',
        unitId: 'unit-1',
        deviceIds: ['m-1'],
        data: {
          deviceId: 'm-1',
          variables: ['energy', 'power'],
          from: '2026-04-07T10:00:00.000Z',
          to: '2026-04-07T10:15:00.001Z',
          readings: 3,
        },
      },
    ]);
    expect(first.state.offset).toBe('10');
    expect(first.advanced).toEqual(new Map([['m-1', Date.parse('2026-04-07T10:15:00Z')]]));
    // The same records from the same state (a re-delivery before the state was saved): the same changes.
    expect(deriveChanges(records, emptyPartitionState(), () => placement, at).changes).toEqual(first.changes);
    // From the saved state: already derived, nothing again.
    expect(deriveChanges(records, first.state, () => placement, at)).toMatchObject({ changes: [], state: first.state });
  });

  it("folds a meter's records of one derivation into one change per kind, named by its first record", () => {
    const { changes } = deriveChanges(
      [
        record(20, 'm-1', [['energy', '2026-04-07T10:00:00Z']]),
        record(21, 'm-2', [['energy', '2026-04-07T10:00:00Z']]),
        record(22, 'm-1', [
          ['energy', '2026-04-07T10:15:00Z'],
          ['power', '2026-04-07T10:30:00Z'],
        ]),
        record(23, 'm-1', [['energy', '2026-04-07T10:15:00Z']]), // re-sent: the newest instant again
      ],
      emptyPartitionState(),
      () => placement,
      at,
    );
    expect(changes.map((c) => [c.id, c.data])).toEqual([
      [
        `${TOPIC}/3/20/measurements.available`,
        {
          deviceId: 'm-1',
          variables: ['energy', 'power'],
          from: '2026-04-07T10:00:00.000Z',
          to: '2026-04-07T10:30:00.001Z',
          readings: 3,
        },
      ],
      [
        `${TOPIC}/3/20/bucket.changed/resent`,
        {
          deviceId: 'm-1',
          variables: ['energy'],
          from: '2026-04-07T10:00:00.000Z',
          to: '2026-04-07T10:30:00.000Z',
          reason: 'resent',
        },
      ],
      [
        `${TOPIC}/3/21/measurements.available`,
        {
          deviceId: 'm-2',
          variables: ['energy'],
          from: '2026-04-07T10:00:00.000Z',
          to: '2026-04-07T10:00:00.001Z',
          readings: 1,
        },
      ],
    ]);
  });

  it('plans a re-delivery after a crash up to the saved cut, and refuses one that ends before it', () => {
    const records = [10, 11, 12, 13].map((offset) => record(offset, 'm-1', [['energy', '2026-04-07T10:00:00Z']]));
    const offsets = (rs: SourceRecord[]) => rs.map((r) => r.offset);
    // No cut, or one the state has passed: the derivation before finished.
    expect(planDerivation(records, '13', '9', undefined)).toEqual({ kind: 'whole', records });
    expect(planDerivation(records, '13', '9', '9')).toEqual({ kind: 'whole', records });
    // A cut beyond the state: the same records as then first, then the rest.
    const resumed = planDerivation(records, '13', '9', '11');
    expect(resumed.kind === 'resume' && [offsets(resumed.head), offsets(resumed.rest)]).toEqual([
      ['10', '11'],
      ['12', '13'],
    ]);
    expect(planDerivation(records.slice(0, 1), '10', '9', '11')).toEqual({ kind: 'short' });
    expect(planDerivation(records, '13', null, '12')).toMatchObject({ kind: 'resume' });
  });

  it('reports a re-sent instant and a late reading into a day the meter already passed, on 15-minute boundaries', () => {
    const day1 = record(1, 'm-1', [
      ['energy', '2026-04-07T04:00:00Z'],
      ['energy', '2026-04-08T04:00:00Z'],
    ]); // Santiago midnights (UTC−4)
    const { state } = deriveChanges([day1], emptyPartitionState(), () => placement, at);
    const later = record(2, 'm-1', [
      ['energy', '2026-04-07T09:07:00Z'],
      ['energy', '2026-04-08T04:00:00Z'],
      ['energy', '2026-04-08T05:00:00Z'],
    ]);
    const { changes } = deriveChanges([later], state, () => placement, at);
    expect(changes.map((c) => [c.id, c.data])).toEqual([
      [
        `${TOPIC}/3/2/measurements.available`,
        {
          deviceId: 'm-1',
          variables: ['energy'],
          from: '2026-04-08T05:00:00.000Z',
          to: '2026-04-08T05:00:00.001Z',
          readings: 1,
        },
      ],
      [
        `${TOPIC}/3/2/bucket.changed/late`,
        {
          deviceId: 'm-1',
          variables: ['energy'],
          from: '2026-04-07T09:00:00.000Z',
          to: '2026-04-07T09:15:00.000Z',
          reason: 'late',
        },
      ],
      [
        `${TOPIC}/3/2/bucket.changed/resent`,
        {
          deviceId: 'm-1',
          variables: ['energy'],
          from: '2026-04-08T03:45:00.000Z',
          to: '2026-04-08T04:15:00.000Z',
          reason: 'resent',
        },
      ],
    ]);
  });

  it('counts a late reading inside a day still open as available (its window covers it)', () => {
    const { state } = deriveChanges(
      [record(1, 'm-1', [['energy', '2026-04-07T12:00:00Z']])],
      emptyPartitionState(),
      () => placement,
      at,
    );
    const { changes } = deriveChanges(
      [record(2, 'm-1', [['energy', '2026-04-07T11:00:00Z']])],
      state,
      () => placement,
      at,
    );
    expect(changes.map((c) => c.type)).toEqual(['measurements.available']);
  });

  it('moves the watermarks of meters the catalog does not place yet, telling nobody', () => {
    const out = deriveChanges(
      [record(5, 'ghost', [['energy', '2026-04-07T12:00:00Z']])],
      emptyPartitionState(),
      () => null,
      at,
    );
    expect(out.changes).toEqual([]);
    expect(out.state.offset).toBe('5');
    expect(Object.values(out.state.series)).toEqual([Date.parse('2026-04-07T12:00:00Z')]);
  });

  it('defaults to the read API zone', () => {
    expect(DEFAULT_ZONE).toBe(DEFAULT_TIMEZONE);
  });
});

describe('closeDays', () => {
  const base = { organizationId: 'org-1', installationId: 'inst-1', timezone: 'America/Santiago' };
  const t = (iso: string) => Date.parse(iso);

  it('closes a day once every meter has a reading at or after its end, not before', () => {
    const start = closeDays(
      {
        ...base,
        meters: [
          { deviceId: 'b', last: t('2026-04-07T10:00:00Z') },
          { deviceId: 'a', last: t('2026-04-07T06:00:00Z') },
        ],
        closedThrough: undefined,
      },
      at,
    );
    expect(start).toEqual({ changes: [], closedThrough: t('2026-04-07T04:00:00Z') });
    const waiting = closeDays(
      {
        ...base,
        meters: [
          { deviceId: 'b', last: t('2026-04-09T10:00:00Z') },
          { deviceId: 'a', last: t('2026-04-08T03:59:59Z') },
        ],
        closedThrough: start.closedThrough,
      },
      at,
    );
    expect(waiting.changes).toEqual([]);
    const closed = closeDays(
      {
        ...base,
        meters: [
          { deviceId: 'b', last: t('2026-04-09T10:00:00Z') },
          { deviceId: 'a', last: t('2026-04-08T04:00:00Z') },
        ],
        closedThrough: start.closedThrough,
      },
      at,
    );
    expect(closed.changes).toEqual([
      {
        id: 'day.closed/inst-1/2026-04-07',
        type: 'day.closed',
        occurredAt: at,
        organizationId: 'org-1',
        installationId: 'inst-1',
        deviceIds: ['a', 'b'],
        data: {
          day: '2026-04-07',
          timezone: 'America/Santiago',
          from: '2026-04-07T04:00:00.000Z',
          to: '2026-04-08T04:00:00.000Z',
          deviceIds: ['a', 'b'],
        },
      },
    ]);
    expect(closed.closedThrough).toBe(t('2026-04-08T04:00:00Z'));
  });

  it('starts a first closure at the day every meter had begun in, so a backfill in one batch closes its days', () => {
    const meters = [
      { deviceId: 'a', first: t('2026-04-07T04:00:00Z'), last: t('2026-04-09T04:00:00Z') },
      { deviceId: 'b', first: t('2026-04-07T05:00:00Z'), last: t('2026-04-09T05:00:00Z') },
    ];
    expect(
      closeDays({ ...base, meters, closedThrough: undefined }, at).changes.map((c) => (c.data as { day: string }).day),
    ).toEqual(['2026-04-07', '2026-04-08']);
  });

  it('waits for a meter with no reading at all', () => {
    expect(
      closeDays(
        {
          ...base,
          meters: [
            { deviceId: 'a', last: t('2026-04-09T00:00:00Z') },
            { deviceId: 'b', last: undefined },
          ],
          closedThrough: t('2026-04-07T04:00:00Z'),
        },
        at,
      ).changes,
    ).toEqual([]);
  });

  it('closes DST days of 25 and 23 hours in the installation zone', () => {
    // Chile leaves DST at the end of Saturday 4 April 2026 (UTC−3 → UTC−4) and enters it at the end of Saturday 5 September.
    const april = closeDays(
      {
        ...base,
        meters: [{ deviceId: 'a', last: t('2026-04-05T04:00:00Z') }],
        closedThrough: t('2026-04-04T03:00:00Z'),
      },
      at,
    );
    expect(april.changes.map((c) => c.data)).toEqual([
      {
        day: '2026-04-04',
        timezone: 'America/Santiago',
        from: '2026-04-04T03:00:00.000Z',
        to: '2026-04-05T04:00:00.000Z',
        deviceIds: ['a'],
      },
    ]);
    const september = closeDays(
      {
        ...base,
        meters: [{ deviceId: 'a', last: t('2026-09-07T03:00:00Z') }],
        closedThrough: t('2026-09-06T04:00:00Z'),
      },
      at,
    );
    const data = september.changes.map((c) => c.data as { from: string; to: string });
    expect(data.map((d) => (Date.parse(d.to) - Date.parse(d.from)) / 3_600_000)).toEqual([23]);
  });
});
