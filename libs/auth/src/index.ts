export * from './signing-keys.ts';
export * from './access-token.ts';
