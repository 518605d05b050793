import type { AccessRecord } from '../access-log.port.ts';

/** One answered read as the access log keeps it: a day of two meters of inst-1 read by c-1; override what a test is about. */
export function accessRecord(eventId: string, overrides: Partial<AccessRecord> = {}): AccessRecord {
  return {
    eventId,
    consumerId: 'c-1',
    clientId: 'client-1',
    method: 'GET',
    route: '/v1/measurements',
    url: '/v1/measurements?installationId=inst-1&from=2026-04-01T00:00:00Z&to=2026-04-02T00:00:00Z',
    status: 200,
    requestId: `req-${eventId}`,
    organizationIds: ['org-1'],
    installationIds: ['inst-1'],
    unitId: null,
    deviceIds: ['dev-1', 'dev-2'],
    from: '2026-04-01T00:00:00.000Z',
    to: '2026-04-02T00:00:00.000Z',
    rows: 48,
    answeredAt: '2026-04-07T10:00:00.000Z',
    ...overrides,
  };
}
