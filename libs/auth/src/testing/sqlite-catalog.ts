import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteCatalogStore, type CatalogStore } from '@medido/catalog';
import { EVENT_SOURCES, type ConsumerEvent, type EventDataOf } from '@medido/contracts';
import { DEMO_CONSUMER } from './auth-test-app.ts';

/** The embedded default's real catalog store (node:sqlite) in a temporary directory, for e2e tests. */
export function temporaryCatalog(): { store: CatalogStore; dispose(): Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'medido-auth-e2e-'));
  const store = createSqliteCatalogStore({ path: join(dir, 'catalog.sqlite') });
  return {
    store,
    async dispose() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An admin's consumer event as the projector receives it. */
export function consumerEvent<T extends ConsumerEvent['type']>(type: T, data: EventDataOf<T>): ConsumerEvent {
  return {
    specversion: '1.0',
    id: randomUUID(),
    source: EVENT_SOURCES.admin,
    type,
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    data,
  } as ConsumerEvent;
}

/** The demo consumer's creation (DEMO_CONSUMER, the demo account's subject), with `grants`. */
export function demoConsumerCreated(grants: string[]): ConsumerEvent {
  const { consumerId, name, email, subject } = DEMO_CONSUMER;
  return consumerEvent('ApiConsumerCreated', { consumerId, name, email, subject, grants });
}
