/**
 * What the admin endpoints read about API consumers, when a read model is at hand. The catalog
 * store (libs/catalog's CatalogReader) satisfies it structurally; the ingestor does not depend on
 * the catalog library, so a standalone ingestor can run without it (and then offers no GET).
 */
export interface ConsumerView {
  consumerId: string;
  name: string;
  email: string;
  subject: string;
  grants: string[];
  expiresAt: string | null;
  disabled: boolean;
  disabledAt: string | null;
}

export interface ConsumerDirectory {
  listConsumers(page: { after?: string; limit: number }): Promise<{ items: ConsumerView[]; next: string | null }>;
  getConsumer(consumerId: string): Promise<ConsumerView | null>;
}
