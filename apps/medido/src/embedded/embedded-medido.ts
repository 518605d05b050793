import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { embeddedOidcProvider, loadOrCreateProviderSecrets, loadSigningKeys } from '@medido/auth';
import { createCatalogStore, type CatalogStore } from '@medido/catalog';
import { createEventBus, medidoTopics, type EventBus } from '@medido/event-bus';
import { Credentials, ingestorPlugin } from '@medido/ingest';
import { createMeasurementsStore } from '@medido/measurements/create-measurements-store';
import type { MeasurementsStore } from '@medido/measurements';
import { createMetrics, healthRoutes, httpServerOptions, metricsPlugin, problemHandler, publicUrlOf, requestId, type Config, type Metrics } from '@medido/platform';
import { startProjector, type Projector } from '@medido/projection';
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

const LAG_POLL_MS = 5_000;

/**
 * All three roles in one process on one port — the embedded default. Every adapter follows the
 * configuration like the production roles do; with nothing configured they are the embedded ones:
 * the node:sqlite event log, chDB and the node:sqlite catalog, all under one data directory, plus the
 * embedded OpenID provider and generated keys and credentials. Not listening yet: the caller listens.
 */
export async function buildEmbeddedMedido(baseConfig: Config, logger: Logger): Promise<EmbeddedMedido> {
  const dataDir = resolve(baseConfig.MEDIDO_DATA_DIR);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const credentials = loadOrCreateCredentials(dataDir, { ingest: baseConfig.MEDIDO_INGEST_TOKENS, admin: baseConfig.MEDIDO_ADMIN_TOKENS });
  const config: Config = {
    ...baseConfig, MEDIDO_DATA_DIR: dataDir,
    MEDIDO_INGEST_TOKENS: baseConfig.MEDIDO_INGEST_TOKENS || credentials.ingestToken,
    MEDIDO_ADMIN_TOKENS: baseConfig.MEDIDO_ADMIN_TOKENS || credentials.adminToken,
  };
  const publicUrl = publicUrlOf(config);
  const metrics: Metrics = createMetrics('medido');

  const bus = createEventBus(config, { role: 'medido', logger });
  const measurements = createMeasurementsStore(config);
  const catalog = createCatalogStore(config);
  await bus.ensureTopics(medidoTopics());
  await measurements.migrate();
  await catalog.migrate();
  const keys = await loadSigningKeys({ json: config.MEDIDO_JWT_KEYS, dir: dataDir });
  const providerSecrets = config.MEDIDO_OIDC_ISSUER ? null : await loadOrCreateProviderSecrets(dataDir);
  const projector = await startProjector({ bus, measurements, catalog, logger, metrics });

  const app = Fastify({ ...httpServerOptions(), loggerInstance: logger as FastifyBaseLogger, genReqId: requestId });
  app.addHook('onRequest', async (request, reply) => { reply.header('x-request-id', request.id); });
  app.register(problemHandler);
  app.register(metricsPlugin, { metrics });
  app.register(healthRoutes, {
    checks: [
      { name: 'event-bus', check: () => bus.ping() },
      { name: 'measurements', check: () => measurements.ping() },
      { name: 'catalog', check: () => catalog.ping() },
    ],
  });
  const clientSecret = providerSecrets?.clientSecret ?? config.MEDIDO_OIDC_CLIENT_SECRET;
  if (providerSecrets) {
    app.register(embeddedOidcProvider, {
      issuer: `${publicUrl}/oidc`, secrets: providerSecrets,
      clients: [{ clientId: config.MEDIDO_OIDC_CLIENT_ID, clientSecret, redirectUris: [`${publicUrl}/auth/callback`] }],
    });
  }
  app.register(apiRole, { config, publicUrl, catalog, measurements, keys, metrics, oidcClientSecret: clientSecret });
  app.register(ingestorPlugin, {
    bus, credentials: Credentials.fromLists({ ingest: config.MEDIDO_INGEST_TOKENS, admin: config.MEDIDO_ADMIN_TOKENS }),
    maxBodyBytes: config.MEDIDO_INGEST_MAX_BODY_BYTES, docsPrefix: '/ingestor', consumers: catalog,
    onIngested: (accepted, rejected, items) => {
      if (items === 'readings') metrics.ingestedReadings.inc(accepted);
      for (const { code } of rejected) metrics.rejectedItems.inc({ code });
    },
  });

  const lagTimer = setInterval(() => {
    projector.lag().then((lag) => { for (const [topic, n] of Object.entries(lag)) metrics.consumerLag.set({ topic }, n); }, () => {});
  }, LAG_POLL_MS);
  lagTimer.unref();

  return {
    app, publicUrl, dataDir, credentials, bus, catalog, measurements, projector,
    async close() {
      clearInterval(lagTimer);
      await app.close();
      await projector.stop();
      await bus.close();
      await Promise.all([measurements.close(), catalog.close()]);
    },
  };
}
