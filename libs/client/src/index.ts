export * from './transport.ts';
export * from './retrying-transport.ts';
export * from './pages.ts';
export * as api from './generated/api.ts';
export * as ingestor from './generated/ingestor.ts';
export { apiClient } from './generated/api.ts';
export { ingestorClient } from './generated/ingestor.ts';
