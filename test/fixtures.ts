import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import { createClickHouseClient } from '@medido/measurements';

/** A name no other test (or earlier run) uses: topics, consumer groups, databases. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

let chdbClient: ClickHouseClient | undefined;

/**
 * A ClickHouse client for tests: the server at `url` if given, else chDB. chDB binds one data
 * directory per process, so every test file of a forked worker shares one directory; tests isolate
 * themselves with their own database (uniqueName('db')).
 */
export function testClickHouse(url: string): ClickHouseClient {
  if (url) return createClickHouseClient({ url });
  chdbClient ??= createClickHouseClient({ chdbPath: join(tmpdir(), `medido-test-chdb-${process.pid}`) });
  return chdbClient;
}
