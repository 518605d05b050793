export * from './address-policy.ts';
export * from './webhook-allow-list.ts';
export * from './webhook-secret.ts';
export * from './webhook-url-guard.ts';
