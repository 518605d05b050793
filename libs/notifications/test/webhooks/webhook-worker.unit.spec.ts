import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '@medido/platform/testing/eventually';
import { webhookWorker } from '../../src/webhooks/webhook-worker.ts';
import { fakeWebhookCatalog } from './fake-webhook-catalog.ts';
import { startReceiver } from './receiver.ts';

const KEY = Buffer.from('unit-test operator key, thirty-two characters or more');
const CONFIG = {
  MEDIDO_WEBHOOK_ALLOW_LIST: '127.0.0.1',
  MEDIDO_WEBHOOK_MAX_ATTEMPTS: 3,
  MEDIDO_WEBHOOK_RETRY_BASE_MS: 20,
  MEDIDO_WEBHOOK_RETRY_MAX_MS: 40,
  MEDIDO_WEBHOOK_TIMEOUT_MS: 2_000,
};
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

describe('webhook worker of the notifier role', () => {
  it('reads the change log the role starts it with, not the catalog store it was built with', async () => {
    // The role hands its workers a window of what its notifier appended (answered from memory); a worker that
    // asked the store instead would put a log query on FerretDB at every poll. Here only the role's log has it.
    const store = fakeWebhookCatalog();
    const rolesLog = fakeWebhookCatalog();
    const receiver = await startReceiver();
    cleanup.push(receiver.close);
    store.subscribe('sub-1', receiver.url);
    const change = rolesLog.append('m-1');

    const worker = await webhookWorker({ catalog: store.catalog, config: CONFIG, signingKey: KEY }).start({
      changes: rolesLog.catalog,
      logger: pino({ level: 'silent' }),
    });
    cleanup.push(() => worker.stop());

    await eventually(
      () => store.states.get('sub-1')?.deliveredCursor === change.cursor,
      'the change delivered',
      10_000,
    );
    expect(receiver.received.map((r) => r.headers['webhook-id'])).toEqual([change.id]);
  });
});
