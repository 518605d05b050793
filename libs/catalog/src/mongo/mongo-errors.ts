/** E11000: a unique index (or `_id`) refused the write — the signal of a lost insert race. */
export function isDuplicateKey(error: unknown): boolean {
  const e = error as { code?: unknown; writeErrors?: { code?: unknown }[] } | null;
  if (e?.code === 11000) return true;
  return Array.isArray(e?.writeErrors) && e.writeErrors.length > 0 && e.writeErrors.every((w) => w.code === 11000);
}

/** Mongo's NamespaceExists: createCollection on an existing collection. */
export function isNamespaceExists(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 48;
}
