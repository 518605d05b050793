import { describe, expect, it } from 'vitest';
import type { ConsumerRegistry } from '../admin/registry/consumer-registry.port.ts';

const record = (consumerId: string, subject: string, fingerprint = 'fp') => ({
  consumerId,
  subject,
  fingerprint,
  event: `{"id":"${consumerId}"}`,
});
const claim = (subject: string, consumerId: string, token: string) => ({
  subject,
  consumerId,
  fingerprint: 'fp',
  token,
});

/** What the admin commands rely on, for every registry adapter: a key is taken once, even under concurrency. */
export function describeConsumerRegistryContract(name: string, fresh: () => Promise<ConsumerRegistry>): void {
  describe(`consumer registry contract: ${name}`, () => {
    it('records a consumer id once and reads it back', async () => {
      const registry = await fresh();
      expect(await registry.findConsumer('c-1')).toBeNull();
      expect(await registry.recordConsumer(record('c-1', 'sub-1'))).toBe(true);
      expect(await registry.recordConsumer(record('c-1', 'sub-2', 'other'))).toBe(false);
      expect(await registry.findConsumer('c-1')).toEqual(record('c-1', 'sub-1'));
    });

    it('claims a subject once; only the token that claimed it releases it', async () => {
      const registry = await fresh();
      expect(await registry.claimSubject(claim('sub-1', 'c-1', 't-1'))).toBe(true);
      expect(await registry.claimSubject(claim('sub-1', 'c-2', 't-2'))).toBe(false);
      await registry.releaseSubject('sub-1', 't-2');
      expect(await registry.findSubject('sub-1')).toEqual(claim('sub-1', 'c-1', 't-1'));
      await registry.releaseSubject('sub-1', 't-1');
      expect(await registry.findSubject('sub-1')).toBeNull();
      expect(await registry.claimSubject(claim('sub-1', 'c-2', 't-2'))).toBe(true);
    });

    it('lets exactly one of concurrent claims of one subject and one id win', async () => {
      const registry = await fresh();
      const claims = await Promise.all(
        Array.from({ length: 8 }, (_, i) => registry.claimSubject(claim('sub-race', `c-${i}`, `t-${i}`))),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      const records = await Promise.all(
        Array.from({ length: 8 }, (_, i) => registry.recordConsumer(record('c-race', `sub-${i}`))),
      );
      expect(records.filter(Boolean)).toHaveLength(1);
    });

    it('keeps what it recorded across a migrate (idempotent)', async () => {
      const registry = await fresh();
      await registry.recordConsumer(record('c-1', 'sub-1'));
      await registry.migrate();
      await registry.migrate();
      expect(await registry.findConsumer('c-1')).toEqual(record('c-1', 'sub-1'));
    });
  });
}
