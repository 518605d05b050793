import type { Db } from 'mongodb';
import type { DeliveryState, DeliveryStateStore } from '../webhook-delivery.port.ts';

export const DELIVERIES_COLLECTION = 'webhook_deliveries';

type Stored = Omit<DeliveryState, 'subscriptionId'> & { _id: string };

/** One document per subscription, replaced whole: the deliverer is its only writer. */
export function mongoDeliveryStates(db: Db): DeliveryStateStore {
  const states = db.collection<Stored>(DELIVERIES_COLLECTION);
  return {
    async getDeliveryStates(ids) {
      if (ids.length === 0) return new Map();
      const found = await states.find({ _id: { $in: ids } }).toArray();
      return new Map(found.map(({ _id, ...rest }) => [_id, { subscriptionId: _id, ...rest }]));
    },
    async saveDeliveryState({ subscriptionId, ...rest }) {
      await states.replaceOne({ _id: subscriptionId }, rest, { upsert: true });
    },
  };
}
