import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { ConsumerRegistry } from '../src/admin/registry/consumer-registry.port.ts';
import { createSqliteConsumerRegistry } from '../src/admin/registry/sqlite-consumer-registry.ts';
import { describeConsumerRegistryContract } from '../src/testing/consumer-registry.contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'medido-registry-'));
const opened: ConsumerRegistry[] = [];
afterAll(async () => {
  await Promise.all(opened.map((r) => r.close()));
  rmSync(dir, { recursive: true, force: true });
});

describeConsumerRegistryContract('node:sqlite', async () => {
  const registry = createSqliteConsumerRegistry({ path: join(dir, `${opened.length}.sqlite`) });
  opened.push(registry);
  await registry.migrate();
  return registry;
});
