import type { CommandIo } from './command.ts';

/**
 * `medido consumers adopt`: records the consumers of the catalog read model in the admin commands'
 * registry, for a deployment upgraded from before the registry (libs/ingest README § Admin commands).
 * It works on the stores of the environment (MEDIDO_MONGO_URL, else MEDIDO_DATA_DIR), not through an
 * ingestor; idempotent. The embedded default does it at every start by itself.
 */
export async function adoptConsumers(io: CommandIo): Promise<number> {
  // Loaded when run: the catalog and its drivers are not needed for the other actions.
  const [{ createCatalogStore }, { adoptProjectedConsumers, createConsumerRegistry }, { loadConfig }] =
    await Promise.all([import('@medido/catalog'), import('@medido/ingest'), import('@medido/platform')]);
  const config = loadConfig(io.env);
  const catalog = createCatalogStore(config);
  const registry = createConsumerRegistry(config);
  try {
    await catalog.migrate();
    await registry.migrate();
    const adopted = await adoptProjectedConsumers(registry, catalog);
    io.stdout.write(
      `${adopted} consumers of the catalog newly recorded in the admin registry (${config.MEDIDO_MONGO_URL ? 'MongoDB' : config.MEDIDO_DATA_DIR}).\n`,
    );
    return 0;
  } catch (error) {
    io.stderr.write(`medido consumers: adopt failed: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await Promise.allSettled([catalog.close(), registry.close()]);
  }
}
