import { createRequire } from 'node:module';

/**
 * A CommonJS dependency loaded by the first call instead of at import: for drivers a process may never
 * use (the embedded default uses neither MongoDB's nor parquet-wasm's; a server image has no chDB),
 * whose import alone costs memory. `from` is the caller's `import.meta.url`, so the specifier resolves
 * as it would from the caller's own library.
 */
export function loadOnFirstUse<T>(from: string, specifier: string): () => T {
  const require = createRequire(from);
  let loaded: T | undefined;
  return () => (loaded ??= require(specifier) as T);
}
