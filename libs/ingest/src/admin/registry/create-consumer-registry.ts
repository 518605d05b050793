import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '@medido/platform';
import type { ConsumerRegistry } from './consumer-registry.port.ts';
import { createMongoConsumerRegistry } from './mongo-consumer-registry.ts';
import { createSqliteConsumerRegistry } from './sqlite-consumer-registry.ts';

export const EMBEDDED_REGISTRY_FILE = 'consumer-registry.sqlite';

/**
 * MongoDB when MEDIDO_MONGO_URL is set (the catalog's database, shared by every ingestor replica),
 * else a node:sqlite file in MEDIDO_DATA_DIR, which guards one ingestor process only.
 */
export function createConsumerRegistry(
  config: Pick<Config, 'MEDIDO_MONGO_URL' | 'MEDIDO_MONGO_DATABASE' | 'MEDIDO_DATA_DIR'>,
): ConsumerRegistry {
  if (config.MEDIDO_MONGO_URL)
    return createMongoConsumerRegistry({ url: config.MEDIDO_MONGO_URL, database: config.MEDIDO_MONGO_DATABASE });
  mkdirSync(config.MEDIDO_DATA_DIR, { recursive: true, mode: 0o700 });
  return createSqliteConsumerRegistry({ path: join(config.MEDIDO_DATA_DIR, EMBEDDED_REGISTRY_FILE) });
}
