import { TOPICS, type ValidationIssue } from '@medido/contracts';
import type { EventBus, IncomingRecord, OutgoingRecord } from '@medido/event-bus';

/**
 * Why a record can never be projected. Stable codes: dashboards and alerts group by them.
 * `STORE_REFUSED`: the read model's store refused its data as something it can never hold (the
 * message carries the store's or engine's own words).
 */
export interface ProjectionFailure {
  code:
    | 'RECORD_NOT_JSON'
    | 'RECORD_MEMBER_REFUSED'
    | 'EVENT_ENVELOPE_INVALID'
    | 'EVENT_TYPE_UNKNOWN'
    | 'EVENT_DATA_INVALID'
    | 'EVENT_TYPE_UNEXPECTED'
    | 'STORE_REFUSED';
  message: string;
  issues?: ValidationIssue[];
}

/** The dead-letter record: everything needed to inspect, fix and re-publish the original. */
export interface DeadLetter {
  topic: string;
  partition: number;
  offset: string;
  timestamp: number;
  /** Original key and value, base64, byte for byte. */
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  error: ProjectionFailure;
  failedAt: string;
}

export function deadLetterOf(record: IncomingRecord, error: ProjectionFailure, now = new Date()): DeadLetter {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(record.headers)) if (value) headers[name] = value.toString('base64');
  return {
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    timestamp: record.timestamp,
    key: record.key?.toString('base64') ?? null,
    value: record.value?.toString('base64') ?? null,
    headers,
    error,
    failedAt: now.toISOString(),
  };
}

/**
 * Publishes dead letters before the batch commits: if this fails the batch is retried, so a poison
 * record is never silently dropped. Key = original key (dead letters of a device stay together).
 */
export async function publishDeadLetters(bus: EventBus, letters: DeadLetter[]): Promise<void> {
  if (letters.length === 0) return;
  const records: OutgoingRecord[] = letters.map((letter) => ({
    key: letter.key
      ? Buffer.from(letter.key, 'base64').toString('utf8')
      : `${letter.topic}:${letter.partition}:${letter.offset}`,
    value: JSON.stringify(letter),
    headers: { 'content-type': 'application/json', 'medido-error-code': letter.error.code },
  }));
  await bus.publish(TOPICS.deadLetter, records);
}
