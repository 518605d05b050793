import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import {
  embeddedOidcProvider,
  loadOrCreateProviderSecrets,
  loadSigningKeys,
  loadWebhookSigningKey,
} from '@medido/auth';
import { createCatalogStore, type CatalogStore } from '@medido/catalog';
import { createEventBus, EmbeddedEventBus, type EventBus } from '@medido/event-bus';
import { adoptProjectedConsumers, createConsumerRegistry, ingestorRole } from '@medido/ingest';
import { createMeasurementsStore } from '@medido/measurements';
import type { MeasurementsStore } from '@medido/measurements';
import { createHttpApp, createMetrics, publicUrlOf, type Config, type Metrics } from '@medido/platform';
import type { Projector } from '@medido/projection';
import { projectorRole } from '@medido/projection';
import { notifierRole, webhookWorker, type NotifierWorker } from '@medido/notifications';
import { apiRole } from '@medido/read-api';
import { loadOrCreateCredentials, type EmbeddedCredentials } from './embedded-credentials.ts';

export interface EmbeddedMedido {
  app: FastifyInstance;
  publicUrl: string;
  dataDir: string;
  credentials: EmbeddedCredentials;
  bus: EventBus;
  catalog: CatalogStore;
  measurements: MeasurementsStore;
  projector: Projector;
  /** Drains HTTP, stops consuming after the current batch, then closes the stores. */
  close(): Promise<void>;
}

/**
 * All three roles in one process on one port — the embedded default. Every adapter follows the
 * configuration like the production roles do; with nothing configured they are the embedded ones:
 * the node:sqlite event log, chDB and the node:sqlite catalog, all under one data directory, plus the
 * embedded OpenID provider and generated keys and credentials. Not listening yet: the caller listens.
 */
export async function buildEmbeddedMedido(baseConfig: Config, logger: Logger): Promise<EmbeddedMedido> {
  const dataDir = resolve(baseConfig.MEDIDO_DATA_DIR);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const credentials = loadOrCreateCredentials(dataDir, {
    ingest: baseConfig.MEDIDO_INGEST_TOKENS,
    admin: baseConfig.MEDIDO_ADMIN_TOKENS,
  });
  const config: Config = {
    ...baseConfig,
    MEDIDO_DATA_DIR: dataDir,
    MEDIDO_INGEST_TOKENS: baseConfig.MEDIDO_INGEST_TOKENS || credentials.ingestToken,
    MEDIDO_ADMIN_TOKENS: baseConfig.MEDIDO_ADMIN_TOKENS || credentials.adminToken,
    // /metrics on the one port, behind the admin credential unless configured otherwise.
    MEDIDO_METRICS_TOKEN: baseConfig.MEDIDO_METRICS_TOKEN || credentials.adminToken,
  };
  const publicUrl = publicUrlOf(config);
  const metrics: Metrics = createMetrics('medido');

  const bus = createEventBus(config, { role: 'medido', logger });
  const measurements = createMeasurementsStore(config);
  const catalog = createCatalogStore(config);
  const registry = createConsumerRegistry(config);
  await registry.migrate();
  const keys = await loadSigningKeys({ json: config.MEDIDO_JWT_KEYS, dir: dataDir });
  const webhookSigningKey = await loadWebhookSigningKey({
    configured: config.MEDIDO_WEBHOOK_SIGNING_KEY,
    dir: dataDir,
  });
  const providerSecrets = config.MEDIDO_OIDC_ISSUER ? null : await loadOrCreateProviderSecrets(dataDir);
  const clientSecret = providerSecrets?.clientSecret ?? config.MEDIDO_OIDC_CLIENT_SECRET;

  // The three roles' plugins on the one bootstrap, as each standalone role composes its own.
  const app = createHttpApp({ config, metrics, logger });
  if (providerSecrets) {
    app.register(embeddedOidcProvider, {
      issuer: `${publicUrl}/oidc`,
      secrets: providerSecrets,
      clients: [{ clientId: config.MEDIDO_OIDC_CLIENT_ID, clientSecret, redirectUris: [`${publicUrl}/auth/callback`] }],
      signInThrottle: {
        failuresPerAddress: config.MEDIDO_SIGNIN_FAILURES_PER_ADDRESS,
        failuresPerAccount: config.MEDIDO_SIGNIN_FAILURES_PER_ACCOUNT,
        windowSeconds: config.MEDIDO_SIGNIN_FAILURE_WINDOW_S,
      },
    });
  }
  app.register(apiRole, {
    config,
    publicUrl,
    catalog,
    measurements,
    keys,
    metrics,
    oidcClientSecret: clientSecret,
    accessEvents: bus,
    webhookSigningKey,
  });
  app.register(ingestorRole({ config, bus, metrics, consumers: catalog, registry }));
  let started: Promise<Projector | null> = Promise.resolve(null);
  app.register(projectorRole, {
    bus,
    measurements,
    catalog,
    logger,
    metrics,
    stuckAfterAttempts: config.MEDIDO_PROJECTOR_STUCK_AFTER_ATTEMPTS,
    onStarting: (s) => {
      started = s;
    },
  });
  // The change feed, the stream and webhooks read what the notifier appends; extra workers (the webhook deliverer) run inside it.
  const notifierWorkers: NotifierWorker[] = [webhookWorker({ catalog, config, signingKey: webhookSigningKey })];
  app.register(notifierRole, {
    bus,
    catalog,
    measurements,
    logger,
    metrics,
    workers: notifierWorkers,
    // On its own bus (npm start) one partition at a time: each batch waiting for the projector holds its
    // records in this memory-bounded process (every partition at once raised the backfill's peak by
    // ~18 MiB, test/bounds/embedded-memory.int.spec.ts). On Kafka every partition, as the notifier app.
    ...(bus instanceof EmbeddedEventBus ? { concurrency: 1 } : {}),
  });
  await app.ready();
  // Consuming before answering: the embedded default's stores are local, so this is quick.
  const projector = await started;
  if (!projector) throw new Error('the embedded projector did not start');
  // Consumers created before the admin commands had a registry become known to them (the catalog migrated in the projector role).
  await adoptProjectedConsumers(registry, catalog);

  return {
    app,
    publicUrl,
    dataDir,
    credentials,
    bus,
    catalog,
    measurements,
    projector,
    async close() {
      await app.close(); // drains HTTP, then the projector finishes its current batch
      await bus.close();
      await Promise.all([measurements.close(), catalog.close(), registry.close()]);
    },
  };
}
