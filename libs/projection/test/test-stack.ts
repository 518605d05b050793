import { inject } from 'vitest';
import { testClickHouse } from '../../../test/fixtures.ts';
import { openProjectionStack, type ProjectionStack } from '../src/testing/projection-stack.ts';

/**
 * A projection stack named `name` on the run's test services: their Kafka and MongoDB, and the test
 * ClickHouse (chDB unless a server is given). It lives here, not in src/testing, because the test
 * ClickHouse comes from test/fixtures.ts, which a lib's own code may not import.
 */
export function openTestStack(name: string): Promise<ProjectionStack> {
  return openProjectionStack({
    brokers: inject('kafkaBrokers'),
    mongoUrl: inject('mongoUrl'),
    clickhouse: testClickHouse(inject('clickhouseUrl')),
    name,
  });
}
