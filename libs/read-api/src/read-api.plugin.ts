import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { AccessTokenVerifier } from '@medido/auth';
import type { CatalogReader, ChangeLogReader } from '@medido/catalog';
import { Problem } from '@medido/contracts';
import type { MeasurementsStore } from '@medido/measurements';
import { accessLog } from './access/access-log.plugin.ts';
import type { AccessRecorder } from './access/access-recorder.ts';
import { createMeterLists } from './auth/meter-lists.ts';
import { createScopeCatalog } from './auth/scope-catalog.ts';
import { createOrganizationDirectory } from './auth/organization-directory.ts';
import { createCursorCodec } from './http/cursor-codec.ts';
import { resolveLimits, type ReadApiLimits } from './limits.ts';
import { readModelPlugin } from './read-model.ts';
import v1Routes from './routes/v1/index.ts';
import type { SubscriptionsOptions } from './subscriptions/subscription-options.ts';

export interface ReadApiOptions {
  catalog: CatalogReader;
  measurements: Pick<MeasurementsStore, 'query' | 'lastSeen' | 'latest' | 'registerStatements'>;
  verifier: AccessTokenVerifier;
  /** HMAC keys of page cursors, newest first; shared by every replica (see `cursorKeysFromSigningKeys`). */
  cursorKeys: Buffer[];
  rateLimitPerMinute: number;
  /**
   * Where every answered read is recorded (who read what; see access/access-log.plugin.ts). `apiRole`,
   * which production mounts, always gives one; tests and benches of the routes alone may leave it out.
   */
  accessRecorder?: AccessRecorder;
  onAccessRefused?: () => void;
  limits?: Partial<ReadApiLimits>;
  /** How long organization visibility may be served from memory (default 5 s; 0 reads through). */
  organizationCacheTtlMs?: number;
  /**
   * How long scope lookups — an installation, a unit's installation, a meter, an installation's or unit's
   * meter list — may be served from memory (default 5 s; 0 reads through; see auth/snapshots.ts).
   */
  scopeSnapshotTtlMs?: number;
  /** `Cache-Control: private, max-age` of catalog answers (default 60 s; they also carry an ETag). */
  catalogMaxAgeSeconds?: number;
  /** The notifier's change log: GET /v1/changes and /v1/stream. Absent: no such routes. */
  changes?: ChangeLogReader;
  /** Webhook subscriptions (/v1/subscriptions): their commands' bus and the operator's webhook policy. Absent: no such routes. */
  subscriptions?: SubscriptionsOptions;
}

/**
 * The read API (ARCHITECTURE.md §2.2): /v1 catalog, measurements and identity routes for API consumers.
 * Mountable in a shared instance (the embedded default mounts the ingestor beside it): its hooks stay in
 * its own /v1 context, and it installs no error handler — the application registers `problemHandler`.
 * Register `apiDocs` before it to have its routes in the OpenAPI document.
 */
export const readApi = fp(
  async (app: FastifyInstance, opts: ReadApiOptions) => {
    // Shared by every route's problem responses; another plugin of the same instance may have added it.
    if (!app.getSchema('Problem')) app.addSchema(Problem);
    const limits = resolveLimits(opts.limits);
    const scopeTtlMs = opts.scopeSnapshotTtlMs ?? 5_000;
    await app.register(async (v1) => {
      await v1.register(readModelPlugin, {
        readModel: {
          catalog: opts.catalog,
          measurements: opts.measurements,
          limits,
          organizations: createOrganizationDirectory(opts.catalog, opts.organizationCacheTtlMs ?? 5_000),
          meters: createMeterLists(opts.catalog, { ttlMs: scopeTtlMs }),
          scopes: createScopeCatalog(opts.catalog, { ttlMs: scopeTtlMs }),
          cursors: createCursorCodec(opts.cursorKeys),
          catalogMaxAgeSeconds: opts.catalogMaxAgeSeconds ?? 60,
        },
      });
      await v1.register(accessLog, {
        ...(opts.accessRecorder ? { recorder: opts.accessRecorder } : {}),
        ...(opts.onAccessRefused ? { onRefused: opts.onAccessRefused } : {}),
      });
      await v1.register(v1Routes, {
        prefix: '/v1',
        verifier: opts.verifier,
        rateLimitPerMinute: opts.rateLimitPerMinute,
        ...(opts.changes && { changes: opts.changes }),
        ...(opts.subscriptions && { subscriptions: opts.subscriptions }),
      });
    });
  },
  { name: 'read-api' },
);
