export * from './catalog-store.port.ts';
export * from './refresh-token.port.ts';
export { allDevices } from './all-devices.ts';
export { keyedMutex, type KeyedMutex } from './keyed-mutex.ts';
export * from './event-routes.ts';
export * from './access-log.port.ts';
export * from './change-log.port.ts';
export { changeMatches, withRecentChanges } from './recent-changes.ts';
export * from './notifier-state.port.ts';
export * from './webhook-delivery.port.ts';
export { CURSOR_DIGITS, cursorOf, isChangeCursor } from './change-cursor.ts';
export { accessRecordOf } from './projection/access-projection.ts';
export { emptyConsumer } from './projection/consumer-projection.ts';
export { emptyDevice } from './projection/device-projection.ts';
export { emptyInstallation } from './projection/installation-projection.ts';
export { emptyOrganization } from './projection/organization-projection.ts';
export { emptySubscription } from './projection/subscription-projection.ts';
export type {
  ConsumerDoc,
  DeviceDoc,
  InstallationDoc,
  OrganizationDoc,
  SubscriptionDoc,
  UnitEntry,
} from './projection/documents.ts';
export { DEFAULT_DEVICE_STATUS } from './read-model-views.ts';
export { createMongoCatalogStore, migrateMongo, type MongoCatalogStoreOptions } from './mongo/mongo-catalog-store.ts';
export { createSqliteCatalogStore, type SqliteCatalogStoreOptions } from './sqlite/sqlite-catalog-store.ts';
export { createCatalogStore, EMBEDDED_CATALOG_FILE } from './create-catalog-store.ts';
