import { createHash, randomUUID } from 'node:crypto';
import type { CreateApiConsumer } from '@medido/contracts';
import { MedidoError } from '@medido/platform';
import type { ConsumerRegistry } from './registry/consumer-registry.port.ts';

/** The event to publish for a creation: the one built now, or the one a repeated command already stored. */
export interface Creation {
  consumerId: string;
  event: string;
}

/** Digest of a create command as sent: an identical repeat (a retry after 503 or a lost answer) has the same. */
export function fingerprintOf(command: CreateApiConsumer): string {
  const canonical = {
    consumerId: command.consumerId ?? null,
    name: command.name,
    email: command.email,
    subject: command.subject,
    grants: command.grants ?? [],
    expiresAt: command.expiresAt === undefined ? null : new Date(command.expiresAt).toISOString(),
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('base64url');
}

/**
 * Decides a creation against the registry, before anything is published: the subject is claimed,
 * then the id recorded, each by an insert that exactly one of concurrent attempts wins.
 * - The same command again gets the event stored the first time (same id and time, so downstream it
 *   changes nothing), and the caller publishes it again: retries are safe, even after a 503 that did
 *   reach Kafka, and a crash between the two inserts is completed by the retry.
 * - Another command for a taken subject: 409 CONSUMER_SUBJECT_TAKEN; for a taken id: 409
 *   CONSUMER_ALREADY_EXISTS, and the subject this attempt claimed is released.
 */
export async function decideCreation(
  registry: ConsumerRegistry,
  command: CreateApiConsumer,
  build: (consumerId: string) => string,
): Promise<Creation> {
  const fingerprint = fingerprintOf(command);
  const token = randomUUID();
  let consumerId = command.consumerId ?? randomUUID();
  const claimed = await registry.claimSubject({ subject: command.subject, consumerId, fingerprint, token });
  if (!claimed) {
    const holder = await registry.findSubject(command.subject);
    // Held for the very consumer this command names: whether that one exists is the id's question (step 2).
    const sameConsumer = holder !== null && holder.consumerId === command.consumerId;
    if (holder?.fingerprint !== fingerprint && !sameConsumer) {
      throw new MedidoError(
        'CONSUMER_SUBJECT_TAKEN',
        `subject ${JSON.stringify(command.subject)} already belongs to API consumer ${holder?.consumerId ?? '(being released)'}`,
      );
    }
    consumerId = holder!.consumerId;
  }
  const event = build(consumerId);
  if (await registry.recordConsumer({ consumerId, subject: command.subject, fingerprint, event }))
    return { consumerId, event };
  const existing = await registry.findConsumer(consumerId);
  if (existing?.fingerprint === fingerprint && existing.event !== null) return { consumerId, event: existing.event };
  if (claimed) await registry.releaseSubject(command.subject, token);
  throw new MedidoError('CONSUMER_ALREADY_EXISTS', `API consumer ${consumerId} already exists`);
}

/** The command side's answer to "does this consumer exist": it was recorded (created through here, or adopted). */
export async function requireRecorded(registry: ConsumerRegistry, consumerId: string): Promise<void> {
  if (!(await registry.findConsumer(consumerId)))
    throw new MedidoError('CONSUMER_NOT_FOUND', `no API consumer ${consumerId}`);
}
