import { createMongoCatalogStore } from '@medido/catalog';
import { createEventBus } from '@medido/event-bus';
import { createLogger, loadConfig } from '@medido/platform';
import { buildNotifierApp } from '../../../apps/notifier/src/app.ts';

/**
 * apps/notifier/src/main.ts without the measurements store: the fault test runs no projector, so
 * notices must not wait for readings to become readable (wait-until-stored.ts). Same bus, catalog and
 * role plugin, and it is killed the same way.
 */
const config = loadConfig();
const logger = createLogger(config, 'notifier');
const bus = createEventBus(config, { role: 'notifier', logger });
const catalog = createMongoCatalogStore({ url: config.MEDIDO_MONGO_URL, database: config.MEDIDO_MONGO_DATABASE });
const app = await buildNotifierApp({ bus, catalog, logger, config });
await app.http.listen({ port: 0, host: '127.0.0.1' });
await app.started;
logger.info('notifier child consuming');
process.once('SIGTERM', () => {
  void app
    .close()
    .then(() => bus.close())
    .then(() => catalog.close())
    .then(() => process.exit(0));
});
