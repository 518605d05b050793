import type { Answer } from '../measurements/answer.ts';

/**
 * What a route tells the access log about its answer: whose data it holds. Routes note it just before
 * answering; a request that fails before that is recorded with its route, URL and status only.
 */
export interface AccessNote {
  organizationIds?: string[];
  installationIds?: string[];
  unitId?: string | null;
  deviceIds?: string[];
  /** Measurements window, [from, to) in ms. */
  from?: number;
  to?: number;
  /** Points (measurements) or items (lists) in the answer; 1 for one resource. */
  rows: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by a read route for the access log (access-log.plugin.ts). */
    accessNote: AccessNote | null;
  }
}

export function noteAccess(request: { accessNote: AccessNote | null }, note: AccessNote): void {
  request.accessNote = note;
}

const unique = (ids: Iterable<string>) => [...new Set(ids)].sort();

/** A measurements page: the meters whose series are on it (not every meter of the scope), and its points. */
export function measurementsAccess(answer: Answer): AccessNote {
  const { scope, plan, page, request } = answer;
  const deviceIds = unique(page.segments.flatMap((segment) => plan[segment.series]!.members.map((m) => m.deviceId)));
  return {
    organizationIds: [scope.installation.organizationId],
    installationIds: [scope.installation.installationId],
    unitId: scope.unitId,
    deviceIds,
    from: request.from,
    to: request.to,
    rows: page.segments.reduce((sum, segment) => sum + segment.data.points.length, 0),
  };
}

/** A catalog answer: the organizations, installations and meters of the items it lists. */
export function catalogAccess(
  items: readonly { organizationId?: string; installationId?: string; deviceId?: string }[],
  unitId?: string,
): AccessNote {
  return {
    organizationIds: unique(items.flatMap((i) => (i.organizationId ? [i.organizationId] : []))),
    installationIds: unique(items.flatMap((i) => (i.installationId ? [i.installationId] : []))),
    deviceIds: unique(items.flatMap((i) => (i.deviceId ? [i.deviceId] : []))),
    ...(unitId ? { unitId } : {}),
    rows: items.length,
  };
}
