export * from './measurements-store.port.ts';
export * from './clickhouse-client.ts';
