import { DatabaseSync } from 'node:sqlite';
import type { ConsumerRecord, ConsumerRegistry, SubjectClaim } from './consumer-registry.port.ts';

/** Created if missing; a change of shape would be new tables beside these. */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS command_consumer_ids (consumer_id TEXT PRIMARY KEY, subject TEXT NOT NULL, fingerprint TEXT, event TEXT) STRICT;
  CREATE TABLE IF NOT EXISTS command_consumer_subjects (subject TEXT PRIMARY KEY, consumer_id TEXT NOT NULL, fingerprint TEXT, token TEXT NOT NULL) STRICT;
`;

/** The registry in a node:sqlite file; a primary key refuses the second insert, as MongoDB's `_id` does. */
export function createSqliteConsumerRegistry(options: { path: string }): ConsumerRegistry {
  const db = new DatabaseSync(options.path);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;');
  db.exec(SCHEMA);
  const insertRecord = db.prepare(
    'INSERT INTO command_consumer_ids (consumer_id, subject, fingerprint, event) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const record = db.prepare(
    'SELECT consumer_id AS consumerId, subject, fingerprint, event FROM command_consumer_ids WHERE consumer_id = ?',
  );
  const insertClaim = db.prepare(
    'INSERT INTO command_consumer_subjects (subject, consumer_id, fingerprint, token) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const claim = db.prepare(
    'SELECT subject, consumer_id AS consumerId, fingerprint, token FROM command_consumer_subjects WHERE subject = ?',
  );
  const release = db.prepare('DELETE FROM command_consumer_subjects WHERE subject = ? AND token = ?');
  return {
    async recordConsumer(r) {
      return Number(insertRecord.run(r.consumerId, r.subject, r.fingerprint, r.event).changes) === 1;
    },
    async findConsumer(consumerId) {
      return (record.get(consumerId) as ConsumerRecord | undefined) ?? null;
    },
    async claimSubject(c) {
      return Number(insertClaim.run(c.subject, c.consumerId, c.fingerprint, c.token).changes) === 1;
    },
    async findSubject(subject) {
      return (claim.get(subject) as SubjectClaim | undefined) ?? null;
    },
    async releaseSubject(subject, token) {
      release.run(subject, token);
    },
    async migrate() {
      db.exec(SCHEMA);
    },
    async close() {
      if (db.isOpen) db.close();
    },
  };
}
