import { asksForHelp, UsageError, type Command } from './command.ts';

const USAGE = `Usage: npm run medido -- replay [--groups <suffix>]

Rebuilds the read models from the topics: a projector in fresh consumer groups reads every topic from the
beginning into the stores of the environment (point MEDIDO_CLICKHOUSE_DATABASE and MEDIDO_MONGO_DATABASE at
new, empty databases), prints progress, and stops when nothing is left. Idempotent: safe to interrupt and rerun.
  --groups <suffix>  consumer-group suffix; reuse the one a previous replay printed to continue from its offsets
`;

function parseArgs(args: string[]): { groupSuffix?: string } {
  if (args.length === 0) return {};
  if (args[0] === '--groups' && args[1] && args.length === 2) return { groupSuffix: args[1] };
  throw new UsageError(USAGE);
}

/** `medido replay`: docs/operations.md § Replay. */
export const replayCommand: Command = {
  summary: 'rebuild the read models from the topics (fresh consumer groups, progress, summary)',
  async run(args, io) {
    if (asksForHelp(args)) {
      io.stdout.write(USAGE);
      return 0;
    }
    let options: { groupSuffix?: string };
    try {
      options = parseArgs(args);
    } catch {
      io.stderr.write(`medido replay: unexpected ${JSON.stringify(args.join(' '))}\n\n${USAGE}`);
      return 2;
    }
    // Loaded when run, so `medido help` lists this command without loading the engines (chDB).
    const [
      { pino },
      { createCatalogStore },
      { createEventBus, medidoTopics },
      { createMeasurementsStore },
      { loadConfig, loggerOptions },
      { replay },
    ] = await Promise.all([
      import('pino'),
      import('@medido/catalog'),
      import('@medido/event-bus'),
      import('@medido/measurements'),
      import('@medido/platform'),
      import('@medido/projection'),
    ]);
    const config = loadConfig(io.env);
    const logger = pino(loggerOptions(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, 'replay'));
    const bus = createEventBus(config, { role: 'replay', logger });
    const measurements = createMeasurementsStore(config);
    const catalog = createCatalogStore(config);
    try {
      await bus.ensureTopics(medidoTopics());
      await measurements.migrate();
      await catalog.migrate();
      const summary = await replay(
        { bus, measurements, catalog, logger },
        {
          ...options,
          onProgress: ({ elapsedMs, remaining, lag }) =>
            io.stderr.write(
              `replay ${(elapsedMs / 1000).toFixed(0)} s: ${remaining} records left (${Object.entries(lag)
                .map(([t, n]) => `${t} ${n}`)
                .join(', ')})\n`,
            ),
        },
      );
      const total = Object.values(summary.startLag).reduce((sum, n) => sum + n, 0);
      io.stdout.write(
        `replay done in ${(summary.elapsedMs / 1000).toFixed(1)} s (${total} records were left at the first progress check; consumer groups suffix: ${summary.groupSuffix})\n`,
      );
      return 0;
    } catch (error) {
      io.stderr.write(`replay failed: ${(error as Error).message}\n`);
      return 1;
    } finally {
      await bus.close();
      await Promise.allSettled([measurements.close(), catalog.close()]);
    }
  },
};
