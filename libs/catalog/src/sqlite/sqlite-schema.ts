import type { DatabaseSync } from 'node:sqlite';

/**
 * Versioned schema of the embedded catalog (PRAGMA user_version = migrations applied). Append new
 * migrations; never edit an applied one. Documents are JSON with a revision, like the MongoDB adapter;
 * the columns beside them exist only to be indexed for the read API's queries.
 * @see https://www.sqlite.org/stricttables.html
 */
const MIGRATIONS: string[] = [
  `
  CREATE TABLE organizations (id TEXT PRIMARY KEY, rev INTEGER NOT NULL, live INTEGER NOT NULL, doc TEXT NOT NULL) STRICT;
  CREATE TABLE installations (id TEXT PRIMARY KEY, rev INTEGER NOT NULL, live INTEGER NOT NULL, doc TEXT NOT NULL,
    organization_id TEXT) STRICT;
  CREATE INDEX installations_by_organization ON installations (organization_id, id);
  -- The live units of each installation (the doc's "units"), rewritten with it: installation by unit.
  CREATE TABLE installation_units (unit_id TEXT NOT NULL, installation_id TEXT NOT NULL,
    PRIMARY KEY (unit_id, installation_id)) STRICT, WITHOUT ROWID;
  CREATE INDEX installation_units_by_installation ON installation_units (installation_id);
  CREATE TABLE devices (id TEXT PRIMARY KEY, rev INTEGER NOT NULL, live INTEGER NOT NULL, doc TEXT NOT NULL,
    installation_id TEXT, unit_id TEXT) STRICT;
  CREATE INDEX devices_by_installation ON devices (installation_id, id);
  CREATE INDEX devices_by_unit ON devices (unit_id, id);
  CREATE TABLE consumers (id TEXT PRIMARY KEY, rev INTEGER NOT NULL, live INTEGER NOT NULL, doc TEXT NOT NULL,
    subject TEXT) STRICT;
  CREATE INDEX consumers_by_subject ON consumers (subject);
  CREATE TABLE device_activity (id TEXT PRIMARY KEY, last_seen_at INTEGER NOT NULL) STRICT;

  CREATE TABLE refresh_families (family_id TEXT PRIMARY KEY, consumer_id TEXT NOT NULL, created_at INTEGER NOT NULL,
    absolute_expires_at INTEGER NOT NULL, first_hash TEXT NOT NULL UNIQUE, first_issued_at INTEGER NOT NULL,
    first_idle_expires_at INTEGER NOT NULL) STRICT;
  CREATE INDEX refresh_families_by_consumer ON refresh_families (consumer_id);
  CREATE INDEX refresh_families_by_expiry ON refresh_families (absolute_expires_at);
  CREATE TABLE refresh_token_uses (hash TEXT PRIMARY KEY, family_id TEXT NOT NULL, used_at INTEGER NOT NULL,
    absolute_expires_at INTEGER NOT NULL, next_hash TEXT NOT NULL UNIQUE, next_issued_at INTEGER NOT NULL,
    next_idle_expires_at INTEGER NOT NULL) STRICT;
  CREATE INDEX refresh_token_uses_by_family ON refresh_token_uses (family_id);
  CREATE INDEX refresh_token_uses_by_expiry ON refresh_token_uses (absolute_expires_at);
  CREATE TABLE refresh_revocations (family_id TEXT PRIMARY KEY, consumer_id TEXT NOT NULL, revoked_at INTEGER NOT NULL,
    reason TEXT NOT NULL, absolute_expires_at INTEGER NOT NULL) STRICT;
  CREATE INDEX refresh_revocations_by_expiry ON refresh_revocations (absolute_expires_at);
  `,
  // Last-seen times moved to the measurements store (it knows every reading's time; a catalog copy on the
  // projector's write path was its slowest step with large fleets).
  `DROP TABLE device_activity;`,
  // The access read model (who read what): records by event id, plus one row per organization they name.
  `
  CREATE TABLE access_events (id TEXT PRIMARY KEY, sort_key TEXT NOT NULL, consumer_id TEXT NOT NULL, doc TEXT NOT NULL) STRICT;
  CREATE INDEX access_events_by_key ON access_events (sort_key);
  CREATE INDEX access_events_by_consumer ON access_events (consumer_id, sort_key);
  CREATE TABLE access_event_organizations (organization_id TEXT NOT NULL, sort_key TEXT NOT NULL, id TEXT NOT NULL,
    PRIMARY KEY (organization_id, sort_key, id)) STRICT, WITHOUT ROWID;
  `,
  // The status filter of device lists, by installation or unit (the expression sqlite-documents.ts queries).
  // @see https://www.sqlite.org/expridx.html
  `
  CREATE INDEX devices_by_installation_status ON devices (installation_id, coalesce(json_extract(doc, '$.status'), 'active'), id);
  CREATE INDEX devices_by_unit_status ON devices (unit_id, coalesce(json_extract(doc, '$.status'), 'active'), id);
  `,
  // The change log (libs/notifications writes it): the sequence is the cursor, the event id the dedup key;
  // one row per meter a change names. The notifier's own watermarks beside it.
  `
  CREATE TABLE change_events (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, organization_id TEXT NOT NULL,
    installation_id TEXT NOT NULL, unit_id TEXT, doc TEXT NOT NULL) STRICT;
  CREATE INDEX change_events_by_organization ON change_events (organization_id, seq);
  CREATE INDEX change_events_by_installation ON change_events (installation_id, seq);
  CREATE TABLE change_event_devices (device_id TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (device_id, seq)) STRICT, WITHOUT ROWID;
  CREATE TABLE notifier_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
  `,
  // Webhook subscriptions (projected from the consumers topic) and the deliverer's progress per subscription.
  `
  CREATE TABLE subscriptions (id TEXT PRIMARY KEY, rev INTEGER NOT NULL, live INTEGER NOT NULL, doc TEXT NOT NULL,
    consumer_id TEXT) STRICT;
  CREATE INDEX subscriptions_by_consumer ON subscriptions (consumer_id, id);
  CREATE TABLE webhook_deliveries (id TEXT PRIMARY KEY, doc TEXT NOT NULL) STRICT;
  `,
];

/** Runs `fn` in one write transaction (IMMEDIATE: takes the write lock up front, so no upgrade deadlock). */
export function inTransaction<T>(db: DatabaseSync, fn: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = fn();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}

export function migrateSqlite(db: DatabaseSync): void {
  inTransaction(db, () => {
    const { user_version: applied } = db.prepare('PRAGMA user_version').get() as { user_version: number };
    for (let version = applied; version < MIGRATIONS.length; version++) db.exec(MIGRATIONS[version] ?? '');
    // PRAGMA takes no parameters; the value is our own integer.
    db.exec(`PRAGMA user_version = ${MIGRATIONS.length}`);
  });
}
