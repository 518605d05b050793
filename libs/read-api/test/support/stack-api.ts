import Fastify, { type FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import type { AccessTokenVerifier } from '@medido/auth';
import { problemHandler, type Resolve, type WebhookAllowList } from '@medido/platform';
import { openProjectionStack, type ProjectionStack } from '@medido/projection/testing/projection-stack';
import { testClickHouse } from '../../../../test/fixtures.ts';
import { readApi, type ReadApiOptions } from '../../src/read-api.plugin.ts';
import type { SubscriptionsOptions } from '../../src/subscriptions/subscription-options.ts';

/*
 * The read API on a projection stack, for specs whose catalog is written through Kafka and the projector
 * (subscriptions, changes, webhooks). Here rather than in libs/projection's testing entry because it
 * needs the suite's chDB client (test/fixtures.ts, which a lib's own code may not reach) and the read API;
 * the notifications specs import it from here, as they do the read API's test tokens.
 */

/** A projection stack isolated by `name`, on the Kafka, FerretDB and chDB the global setup provides. */
export const stackOnTestServices = (name: string): Promise<ProjectionStack> =>
  openProjectionStack({
    brokers: inject('kafkaBrokers'),
    mongoUrl: inject('mongoUrl'),
    clickhouse: testClickHouse(inject('clickhouseUrl')),
    name,
  });

/**
 * The read API over the stack's catalog and measurements, trusting `verifier`, plus `more` (changes,
 * subscriptions, another rate limit). Organization visibility reads through (no cache): a grant or a
 * visibility the projector just wrote shows at once. Not yet listening; `inject` readies it.
 */
export async function readApiOnStack(
  stack: Pick<ProjectionStack, 'catalog' | 'measurements'>,
  verifier: AccessTokenVerifier,
  more: Partial<ReadApiOptions> = {},
): Promise<FastifyInstance> {
  const api = Fastify({ logger: false });
  await api.register(problemHandler);
  await api.register(readApi, {
    catalog: stack.catalog,
    measurements: stack.measurements,
    verifier,
    cursorKeys: [Buffer.alloc(32, 7)],
    rateLimitPerMinute: 1_000,
    organizationCacheTtlMs: 0,
    scopeSnapshotTtlMs: 0,
    ...more,
  });
  return api;
}

/** /v1/subscriptions on the stack: commands published on its bus, read back from its catalog. */
export const subscriptionsOnStack = (
  stack: Pick<ProjectionStack, 'bus' | 'catalog'>,
  policy: { signingKey: Buffer; allowList: WebhookAllowList; resolve?: Resolve },
): SubscriptionsOptions => ({ commands: stack.bus, changeLog: stack.catalog, deliveries: stack.catalog, ...policy });
