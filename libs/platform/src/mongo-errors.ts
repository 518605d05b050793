// What the libraries that keep documents on MongoDB (or FerretDB) read from its errors. Only the documented
// codes are looked at, so this needs no driver: libs/catalog and libs/ingest each bring their own `Db`.

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

/** An insert keyed by a unique `_id`: true if it went in, false if that key was there already. */
export async function insertedOnce(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

/** Creates a collection unless it exists (a migration run again, or by another process at the same time). */
export async function ensureCollection(
  db: { createCollection(name: string): Promise<unknown> },
  name: string,
): Promise<void> {
  try {
    await db.createCollection(name);
  } catch (error) {
    if (!isNamespaceExists(error)) throw error;
  }
}
