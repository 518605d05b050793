import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedEventBus } from '../src/index.ts';
import { describeEventBusContract } from '../src/testing/event-bus.contract.ts';

describeEventBusContract('embedded (SQLite log)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'medido-bus-'));
  return {
    open: async () =>
      new EmbeddedEventBus({ path: join(dir, 'bus.sqlite'), retryBackoff: { initialMs: 20, maxMs: 200 } }),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
});
