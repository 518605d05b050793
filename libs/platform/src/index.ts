export * from './errors.ts';
export * from './problem-handler.ts';
export * from './config.schema.ts';
export * from './config.ts';
export * from './logger.ts';
export * from './health.ts';
export * from './metrics.ts';
export * from './request-id.ts';
