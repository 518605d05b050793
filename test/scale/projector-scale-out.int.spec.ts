import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TOPICS, type CatalogEvent } from '@medido/contracts';
import { PROJECTOR_GROUPS } from '@medido/projection';
import { publishCatalogEvents } from '@medido/projection/testing/catalog.fixture';
import { startRole, type RoleProcess } from '../faults/harness/child-process.ts';
import { chdbProjectorEnv, openFaultStack, type FaultStack } from '../faults/harness/fault-stack.ts';
import { eventually } from '../support/eventually.ts';

/**
 * Scale-out (issue: deployment): two projector processes in one consumer group share the catalog
 * topic's partitions; one is killed and the survivor takes its partitions over; every record ends up
 * projected exactly once. The catalog projection on FerretDB is the read model here: chDB data cannot
 * be shared between processes, a MongoDB-protocol server can. Also: one reading traced by its request
 * id from the ingestor's HTTP request to the projector's write, in the projector's log.
 */
const MAIN = join(import.meta.dirname, '../../apps/projector/src/main.ts');
const ORGS_PER_ROUND = 40;

let stack: FaultStack;
const dataDirs: string[] = [];
const projectors: RoleProcess[] = [];

function startProjector(): RoleProcess {
  const dataDir = mkdtempSync(join(tmpdir(), 'medido-scale-'));
  dataDirs.push(dataDir);
  const role = startRole(MAIN, stack.roleEnv({ ...chdbProjectorEnv(dataDir, 'scale_out'), LOG_LEVEL: 'info' }));
  projectors.push(role);
  return role;
}

function organizations(round: number): CatalogEvent[] {
  return Array.from(
    { length: ORGS_PER_ROUND },
    (_, i) =>
      ({
        specversion: '1.0',
        id: randomUUID(),
        source: '/tests/scale',
        type: 'OrganizationRegistered',
        time: new Date().toISOString(),
        data: { organizationId: `org-${round}-${i}`, name: `Organization ${round}-${i}`, visibility: 'public' },
      }) as CatalogEvent,
  );
}

/** Catalog partitions assigned to each live member of the projector's catalog group. */
async function catalogAssignment(): Promise<number[][]> {
  const [group] = (await stack.admin.describeGroups([stack.prefix + PROJECTOR_GROUPS.catalog])).groups;
  const { AssignerProtocol } = await import('kafkajs');
  return (group?.members ?? []).map((member) => {
    const assignment = AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
    return [...(assignment?.assignment[stack.prefix + TOPICS.catalog] ?? [])].sort();
  });
}

beforeAll(async () => {
  stack = await openFaultStack({ brokers: inject('kafkaBrokers'), mongoUrl: inject('mongoUrl'), name: 'scale_out' });
});
afterAll(async () => {
  await Promise.all(projectors.map((p) => p.stop('SIGKILL')));
  await stack?.dispose();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

describe('two projector processes in one consumer group', () => {
  it('split the partitions, and after one is killed every record is still projected once', async () => {
    startProjector();
    const second = startProjector();
    await eventually(
      async () => {
        const members = await catalogAssignment();
        return members.length === 2 && members.every((partitions) => partitions.length > 0);
      },
      'both projectors to own catalog partitions',
      90_000,
      250,
    );
    const split = await catalogAssignment();
    expect(split.flat().sort()).toEqual([0, 1, 2, 3]); // 4 catalog partitions, each owned once

    await publishCatalogEvents(stack.bus, organizations(1));
    await eventually(async () => (await stack.lag()) === 0, 'both projectors to catch up', 60_000, 250);

    await second.stop('SIGKILL');
    await publishCatalogEvents(stack.bus, organizations(2));
    await eventually(
      async () => (await catalogAssignment()).length === 1,
      'the survivor to take the partitions over',
      60_000,
      250,
    );
    await eventually(async () => (await stack.lag()) === 0, 'the survivor to project the rest', 60_000, 250);

    const all = await stack.catalog.listOrganizations({ limit: 1000 });
    expect(all.items.map((o) => o.organizationId).sort()).toEqual(
      [...organizations(1), ...organizations(2)]
        .map((e) => (e.data as { organizationId: string }).organizationId)
        .sort(),
    );
    expect(all.next).toBeNull();
  });

  it('logs one reading from the HTTP request that ingested it to the projector write, by request id', async () => {
    await stack.registerDevices(['trace-meter']);
    const requestId = `trace-${randomUUID()}`;
    const answer = await stack.ingestor.inject({
      method: 'POST',
      url: '/v1/ingest/measurements',
      headers: { authorization: `Bearer ${stack.token}`, 'x-request-id': requestId },
      payload: {
        readings: [
          { deviceId: 'trace-meter', variable: 'active_energy_import', ts: '2026-04-04T03:00:00.000Z', value: 1 },
        ],
      },
    });
    expect(answer.statusCode).toBe(202);
    expect(answer.headers['x-request-id']).toBe(requestId);
    const survivor = projectors.find((p) => p.child.exitCode === null && p.child.signalCode === null)!;
    const line = await survivor.waitForLog(
      (l) =>
        l.msg === 'measurements projected' &&
        Array.isArray(l.requestIds) &&
        (l.requestIds as string[]).includes(requestId),
      `the projector's write of request ${requestId}`,
      60_000,
    );
    expect(line).toMatchObject({ readings: 1, topic: TOPICS.measurements });
    expect((line.eventIds as string[]).length).toBe(1);
  });
});
