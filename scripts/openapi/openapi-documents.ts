import Fastify from 'fastify';
import type { CatalogStore } from '@medido/catalog';
import type { EventBus } from '@medido/event-bus';
import { generateSigningJwk, signingKeyFromPrivateJwk } from '@medido/auth';
import { Credentials, ingestorPlugin, type ConsumerDirectory } from '@medido/ingest';
import { loadConfig, problemHandler } from '@medido/platform';
import { apiRole } from '@medido/read-api';

/** An OpenAPI 3.1 document as far as the tools in scripts/openapi read it. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, unknown>; [key: string]: unknown };
  [key: string]: unknown;
}

export interface OpenApiDocuments {
  api: OpenApiDocument;
  ingestor: OpenApiDocument;
}

const PUBLIC_URL = 'https://api.medido.example';

/**
 * Both OpenAPI documents, in English or Spanish, as the embedded default serves them (every optional
 * route present: the consumer directory and the access log), built from the route schemas alone. No store is opened:
 * the documents never call one, so every dependency is a stub that throws if used.
 */
export async function openApiDocuments(language: 'en' | 'es' = 'en'): Promise<OpenApiDocuments> {
  const unused = new Proxy(
    {},
    {
      get: (_t, name) =>
        name === 'then'
          ? undefined
          : () => {
              throw new Error(`openApiDocuments: ${String(name)} is not used`);
            },
    },
  );
  const config = loadConfig(
    {},
    { MEDIDO_PUBLIC_URL: PUBLIC_URL, MEDIDO_OIDC_ISSUER: 'https://idp.medido.example', LOG_LEVEL: 'silent' },
  );
  const keys = [signingKeyFromPrivateJwk(generateSigningJwk())];
  const app = Fastify({ logger: false });
  await app.register(problemHandler);
  const metrics = new Proxy({}, { get: () => ({ inc: () => {}, set: () => {} }) });
  await app.register(apiRole, {
    config,
    publicUrl: PUBLIC_URL,
    catalog: unused as CatalogStore,
    measurements: unused as never,
    keys,
    metrics: metrics as never,
    accessEvents: { publish: async () => {} },
    oidcClientSecret: 'unused',
    webhookSigningKey: Buffer.alloc(32),
  });
  const never = async (): Promise<never> => {
    throw new Error('openApiDocuments: the directory is not used');
  };
  const directory = { listConsumers: never, getConsumer: never, listAccess: never } as unknown as ConsumerDirectory;
  await app.register(ingestorPlugin, {
    bus: unused as EventBus,
    credentials: Credentials.fromLists({ ingest: 'i'.repeat(43), admin: 'a'.repeat(43) }),
    maxBodyBytes: 1 << 20,
    consumers: directory,
  });
  await app.ready();
  try {
    // English unless asked: the typed client and its drift test are made from the English documents.
    const api = (await app.inject({ url: `/openapi.${language}.json` })).json() as OpenApiDocument;
    const ingestor = (await app.inject({ url: `/ingestor/openapi.${language}.json` })).json() as OpenApiDocument;
    return { api, ingestor };
  } finally {
    await app.close();
  }
}
