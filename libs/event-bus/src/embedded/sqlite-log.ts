import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { IncomingRecord } from '../event-bus.port.ts';

export interface AppendRecord {
  partition: number;
  key: string;
  value: string | Buffer;
  headers: Record<string, string>;
}

/** How durable an append is once `append` returned. @see https://www.sqlite.org/pragma.html#pragma_synchronous */
export type Durability = 'process-crash' | 'power-loss';

interface Row {
  partition: number;
  offset: number | bigint;
  key: Uint8Array | null;
  value: Uint8Array | null;
  headers: string;
  timestamp: number | bigint;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS bus_topics (topic TEXT PRIMARY KEY, partitions INTEGER NOT NULL) STRICT;
CREATE TABLE IF NOT EXISTS bus_records (
  topic TEXT NOT NULL, partition INTEGER NOT NULL, offset INTEGER NOT NULL,
  key BLOB, value BLOB, headers TEXT NOT NULL, timestamp INTEGER NOT NULL,
  PRIMARY KEY (topic, partition, offset)
) STRICT;
CREATE TABLE IF NOT EXISTS bus_offsets (
  group_id TEXT NOT NULL, topic TEXT NOT NULL, partition INTEGER NOT NULL, next_offset INTEGER NOT NULL,
  PRIMARY KEY (group_id, topic, partition)
) STRICT;`;

const toBuffer = (bytes: Uint8Array | null) =>
  bytes ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : null;

/**
 * The embedded bus' write-ahead log: one SQLite file in WAL mode, records addressed by
 * (topic, partition, offset) like Kafka's, and each group's next offset per partition.
 * An append is one transaction: when it returns, every record of it is on disk (see Durability),
 * or none is. One process owns the file (offsets are assigned from memory).
 */
export class SqliteLog {
  readonly #db: DatabaseSync;
  readonly #partitions = new Map<string, number>();
  /** Next offset to assign, per `topic\0partition`. */
  readonly #ends = new Map<string, number>();
  readonly #insert: StatementSync;
  readonly #read: StatementSync;
  readonly #commit: StatementSync;
  readonly #committed: StatementSync;
  readonly #start: StatementSync;
  readonly #trim: StatementSync;

  constructor(path: string, durability: Durability = 'process-crash') {
    this.#db = new DatabaseSync(path);
    // WAL: readers do not block the writer. NORMAL survives a killed process (the WAL is written
    // before commit returns); FULL also fsyncs each commit, surviving a power loss.
    this.#db.exec(
      `PRAGMA journal_mode = WAL; PRAGMA synchronous = ${durability === 'power-loss' ? 'FULL' : 'NORMAL'}; PRAGMA busy_timeout = 5000;`,
    );
    this.#db.exec(SCHEMA);
    for (const row of this.#db.prepare('SELECT topic, partitions FROM bus_topics').all() as {
      topic: string;
      partitions: number;
    }[]) {
      this.#partitions.set(row.topic, row.partitions);
    }
    const ends = this.#db
      .prepare('SELECT topic, partition, MAX(offset) + 1 AS next FROM bus_records GROUP BY topic, partition')
      .all();
    for (const row of ends as { topic: string; partition: number; next: number }[])
      this.#ends.set(`${row.topic}\0${row.partition}`, Number(row.next));
    this.#insert = this.#db.prepare(
      'INSERT INTO bus_records (topic, partition, offset, key, value, headers, timestamp) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.#read = this.#db.prepare(
      'SELECT partition, offset, key, value, headers, timestamp FROM bus_records WHERE topic = ? AND partition = ? AND offset >= ? ORDER BY offset LIMIT ?',
    );
    this.#commit = this.#db.prepare(
      'INSERT INTO bus_offsets (group_id, topic, partition, next_offset) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET next_offset = excluded.next_offset',
    );
    this.#committed = this.#db.prepare(
      'SELECT next_offset FROM bus_offsets WHERE group_id = ? AND topic = ? AND partition = ?',
    );
    this.#start = this.#db.prepare('SELECT MIN(offset) AS first FROM bus_records WHERE topic = ? AND partition = ?');
    this.#trim = this.#db.prepare(`DELETE FROM bus_records WHERE topic = ? AND partition = ? AND offset <
      (SELECT MIN(next_offset) FROM bus_offsets WHERE topic = ? AND partition = ?) - ?`);
  }

  partitions(topic: string): number | undefined {
    return this.#partitions.get(topic);
  }

  ensureTopic(topic: string, partitions: number): void {
    this.#db
      .prepare('INSERT INTO bus_topics (topic, partitions) VALUES (?, ?) ON CONFLICT DO NOTHING')
      .run(topic, partitions);
    if (!this.#partitions.has(topic)) this.#partitions.set(topic, partitions);
  }

  /** Appends records in one transaction; returns the partitions written. */
  append(topic: string, records: AppendRecord[], timestamp: number): Set<number> {
    const touched = new Set<number>();
    const assigned = new Map<string, number>();
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      for (const r of records) {
        const slot = `${topic}\0${r.partition}`;
        const offset = assigned.get(slot) ?? this.#ends.get(slot) ?? 0;
        this.#insert.run(
          topic,
          r.partition,
          offset,
          Buffer.from(r.key),
          typeof r.value === 'string' ? Buffer.from(r.value) : r.value,
          JSON.stringify(r.headers),
          timestamp,
        );
        assigned.set(slot, offset + 1);
        touched.add(r.partition);
      }
      this.#db.exec('COMMIT');
    } catch (error) {
      this.#db.exec('ROLLBACK');
      throw error;
    }
    for (const [slot, next] of assigned) this.#ends.set(slot, next);
    return touched;
  }

  /** Up to `limit` records from offset `from`, stopping once their values reach `maxBytes` (at least one record). */
  read(
    topic: string,
    partition: number,
    from: number,
    limit: number,
    maxBytes = Number.POSITIVE_INFINITY,
  ): IncomingRecord[] {
    const records: IncomingRecord[] = [];
    let bytes = 0;
    // Iterated, not all(): rows past the byte budget are never loaded.
    for (const row of this.#read.iterate(topic, partition, from, limit) as IterableIterator<Row>) {
      const value = toBuffer(row.value);
      records.push({
        topic,
        partition,
        offset: String(row.offset),
        key: toBuffer(row.key),
        value,
        headers: Object.fromEntries(
          Object.entries(JSON.parse(row.headers) as Record<string, string>).map(([k, v]) => [k, Buffer.from(v)]),
        ),
        timestamp: Number(row.timestamp),
      });
      bytes += value?.length ?? 0;
      if (bytes >= maxBytes) break;
    }
    return records;
  }

  /** Next offset to be written (Kafka's high watermark). */
  end(topic: string, partition: number): number {
    return this.#ends.get(`${topic}\0${partition}`) ?? 0;
  }

  /** Oldest offset still kept (Kafka's log start offset). */
  start(topic: string, partition: number): number {
    const row = this.#start.get(topic, partition) as { first: number | null };
    return row.first ?? this.end(topic, partition);
  }

  committed(groupId: string, topic: string, partition: number): number | undefined {
    const row = this.#committed.get(groupId, topic, partition) as { next_offset: number } | undefined;
    return row?.next_offset;
  }

  commit(groupId: string, topic: string, partition: number, next: number): void {
    this.#commit.run(groupId, topic, partition, next);
  }

  /** Deletes records every known group has committed past, except the last `keep` of them. */
  trim(topic: string, partition: number, keep: number): void {
    this.#trim.run(topic, partition, topic, partition, keep);
  }

  ping(): void {
    this.#db.prepare('SELECT 1').get();
  }

  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }
}
