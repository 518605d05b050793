import type { ClickHouseClient } from '@clickhouse/client';
import { afterAll, beforeAll, inject } from 'vitest';
import { testClickHouse, uniqueName } from '../../fixtures.ts';
import { openFaultStack, type FaultStack, type FaultStackOptions } from './fault-stack.ts';

/** The run's test ClickHouse (its server, or chDB), where the fault specs' measurements databases live. */
export const testEngine = (): ClickHouseClient => testClickHouse(inject('clickhouseUrl'));

/**
 * A measurements database of the spec's own (`name` and a unique suffix), dropped after its tests.
 * Call it in the module scope, before the spec's own `afterAll`: hooks after run in reverse, so the
 * database goes last, once whatever the spec stops after its tests is stopped.
 */
export function measurementsDatabase(name: string): string {
  const database = uniqueName(name);
  afterAll(async () => {
    await testEngine().command({ query: `DROP DATABASE IF EXISTS ${database}` });
  });
  return database;
}

/**
 * The setup of a fault spec on the shared Kafka and MongoDB, in its module scope: a fault stack named
 * `name` opened before the tests and disposed of after them, and a measurements database of the same
 * name. `stack` is set once the tests run: read it inside them.
 */
export function faultSpec(options: Pick<FaultStackOptions, 'name' | 'retryBackoff'>): {
  readonly stack: FaultStack;
  database: string;
} {
  const spec = { stack: undefined as unknown as FaultStack, database: measurementsDatabase(options.name) };
  beforeAll(async () => {
    spec.stack = await openFaultStack({ brokers: inject('kafkaBrokers'), mongoUrl: inject('mongoUrl'), ...options });
  });
  afterAll(async () => {
    await spec.stack?.dispose();
  });
  return spec;
}
