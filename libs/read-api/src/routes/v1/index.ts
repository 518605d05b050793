import type { FastifyInstance } from 'fastify';
import { v1Hooks, type V1HookOptions } from './autohooks.ts';
import consumptionRoutes from './consumption/index.ts';
import deviceRoutes from './devices/index.ts';
import installationRoutes from './installations/index.ts';
import latestRoutes from './latest/index.ts';
import measurementsRoutes from './measurements/index.ts';
import meRoutes from './me/index.ts';
import organizationRoutes from './organizations/index.ts';
import changesRoutes from './changes/index.ts';
import type { ChangeLogReader } from '@medido/catalog';
import subscriptionRoutes from './subscriptions/index.ts';
import type { SubscriptionsOptions } from '../../subscriptions/subscription-options.ts';

/** The /v1 read routes. Hooks first: they must see every route registered after them. */
export default async function v1Routes(
  app: FastifyInstance,
  opts: V1HookOptions & { changes?: ChangeLogReader } & { subscriptions?: SubscriptionsOptions },
) {
  await app.register(v1Hooks, opts);
  await app.register(organizationRoutes);
  await app.register(installationRoutes);
  await app.register(deviceRoutes);
  await app.register(measurementsRoutes);
  await app.register(latestRoutes);
  await app.register(consumptionRoutes);
  await app.register(meRoutes);
  // Only where the host has the notifier's change log (route tests of the reads alone leave it out).
  if (opts.changes) await app.register(changesRoutes, { changes: opts.changes });
  // Only where the host wires the bus and the webhook policy (route tests of the reads alone leave it out).
  if (opts.subscriptions) await app.register(subscriptionRoutes, { subscriptions: opts.subscriptions });
}
