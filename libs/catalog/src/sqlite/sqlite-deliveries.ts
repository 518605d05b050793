import type { DatabaseSync } from 'node:sqlite';
import type { DeliveryState, DeliveryStateStore } from '../webhook-delivery.port.ts';

/** One JSON row per subscription, replaced whole: the deliverer is its only writer. */
export function sqliteDeliveryStates(db: DatabaseSync): DeliveryStateStore {
  const upsert = db.prepare(
    'INSERT INTO webhook_deliveries (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc',
  );
  const byIds = db.prepare('SELECT doc FROM webhook_deliveries WHERE id IN (SELECT value FROM json_each(?))');
  return {
    async getDeliveryStates(ids) {
      const rows = byIds.all(JSON.stringify(ids)) as { doc: string }[];
      return new Map(
        rows.map((r) => {
          const s = JSON.parse(r.doc) as DeliveryState;
          return [s.subscriptionId, s];
        }),
      );
    },
    async saveDeliveryState(state) {
      upsert.run(state.subscriptionId, JSON.stringify(state));
    },
  };
}
