import Type from 'typebox';
import { ConsumerId } from '@medido/contracts';

/**
 * What the admin endpoints read about API consumers, when a read model is at hand. The catalog
 * store (libs/catalog's CatalogReader) satisfies it structurally; the ingestor does not depend on
 * the catalog library, so a standalone ingestor can run without it (and then offers no GET). A view is
 * what GET /v1/admin/consumers/{consumerId} answers: its type is read from that schema.
 */
export const ConsumerItem = Type.Object(
  {
    consumerId: ConsumerId,
    name: Type.String({ description: 'Who the consumer is.' }),
    email: Type.String({ description: 'Contact address.' }),
    subject: Type.String({ description: "The identity provider's `sub` that signs in as this consumer." }),
    grants: Type.Array(Type.String(), { description: 'Private organizations the consumer may read.' }),
    expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
      description: 'When access ends; null: never.',
    }),
    disabled: Type.Boolean({ description: 'True once disabled: its tokens are refused.' }),
    disabledAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
      description: 'When it was disabled; null when enabled.',
    }),
  },
  { $id: 'ApiConsumer', description: 'An API consumer as the read model holds it.' },
);
export type ConsumerView = Type.Static<typeof ConsumerItem>;

export interface ConsumerDirectory {
  listConsumers(page: { after?: string; limit: number }): Promise<{ items: ConsumerView[]; next: string | null }>;
  getConsumer(consumerId: string): Promise<ConsumerView | null>;
}
