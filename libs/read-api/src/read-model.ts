import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { CatalogReader } from '@medido/catalog';
import type { MeasurementsStore } from '@medido/measurements';
import type { MeterLists } from './auth/meter-lists.ts';
import type { OrganizationDirectory } from './auth/organization-directory.ts';
import type { ScopeCatalog } from './auth/scope-catalog.ts';
import type { CursorCodec } from './http/cursor-codec.ts';
import type { ReadApiLimits } from './limits.ts';

/** What the read routes query: the read models behind their ports (no domain layer on the read side). */
export interface ReadModel {
  catalog: CatalogReader;
  measurements: Pick<MeasurementsStore, 'query' | 'lastSeen' | 'latest' | 'registerStatements'>;
  organizations: OrganizationDirectory;
  meters: MeterLists;
  /** The catalog lookups of scope resolution, through snapshots (auth/scope-catalog.ts). */
  scopes: ScopeCatalog;
  cursors: CursorCodec;
  limits: ReadApiLimits;
  catalogMaxAgeSeconds: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    readModel: ReadModel;
  }
}

export const readModelPlugin = fp(
  async (app: FastifyInstance, opts: { readModel: ReadModel }) => {
    app.decorate('readModel', opts.readModel);
  },
  { name: 'read-model' },
);

/** The read model as the measurement readers (measurements, consumption) take it. */
export function readersOf(model: ReadModel) {
  return {
    catalog: model.scopes,
    store: model.measurements,
    directory: model.organizations,
    meters: model.meters,
    cursors: model.cursors,
    limits: model.limits,
  };
}
