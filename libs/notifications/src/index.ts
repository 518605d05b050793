export * from './derive-changes.ts';
export * from './day-closure.ts';
export * from './notifier-groups.ts';
export * from './notifier.ts';
export * from './notifier-role.plugin.ts';
export { notifierMetrics, type NotifierMetrics } from './notifier-metrics.ts';
export { DEFAULT_ZONE, localDate } from './local-days.ts';
export * from './webhooks/index.ts';
