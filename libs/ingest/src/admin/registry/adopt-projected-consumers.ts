import type { ConsumerView } from '../consumer-directory.ts';
import type { ConsumerRegistry } from './consumer-registry.port.ts';

const PAGE = 500;

/** The read model's consumers (libs/catalog's CatalogReader satisfies it). */
export interface ProjectedConsumers {
  listConsumers(page: { after?: string; limit: number }): Promise<{ items: ConsumerView[]; next: string | null }>;
  findConsumerBySubject(subject: string): Promise<{ consumerId: string } | null>;
}

/**
 * Records the consumers the read model already holds (created before the registry existed), so the
 * commands know them: their ids exist, and each subject belongs to its first consumer. Idempotent
 * (inserts that find the key taken change nothing); runs at start, after the stores migrated.
 * Consumers whose events are still on their way to the read model at the upgrade are not seen.
 */
export async function adoptProjectedConsumers(registry: ConsumerRegistry, reader: ProjectedConsumers): Promise<number> {
  let adopted = 0;
  for (let after: string | undefined; ;) {
    const page = await reader.listConsumers(after === undefined ? { limit: PAGE } : { after, limit: PAGE });
    for (const consumer of page.items) {
      if (
        await registry.recordConsumer({
          consumerId: consumer.consumerId,
          subject: consumer.subject,
          fingerprint: null,
          event: null,
        })
      )
        adopted++;
      const first = await reader.findConsumerBySubject(consumer.subject);
      if (first)
        await registry.claimSubject({
          subject: consumer.subject,
          consumerId: first.consumerId,
          fingerprint: null,
          token: 'adopted',
        });
    }
    if (page.next === null) return adopted;
    after = page.next;
  }
}
