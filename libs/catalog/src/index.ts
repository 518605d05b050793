export * from './catalog-store.port.ts';
