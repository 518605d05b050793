import type { RunningSimulator } from '@medido/simulator';
import { asksForHelp, type Command } from './command.ts';

/**
 * `medido start` (npm start): the embedded default. Listens at once; the demo data (when the data
 * directory is new and MEDIDO_DEMO is on) arrives in the background through the ingestor's own
 * endpoints, so readiness never waits for it. SIGTERM/SIGINT drain: the simulator stops between
 * requests, in-flight HTTP requests finish, the projector commits its current batch, stores close.
 */
export const startCommand: Command = {
  summary: 'run Medido on its embedded default: api, ingestor and projector in one process (npm start)',
  async run(args, io) {
    const usage =
      'Usage: npm start   (or medido start; settings come from the environment: PORT, MEDIDO_DATA_DIR, MEDIDO_DEMO=false, … see docs/configuration.md)\n';
    if (asksForHelp(args)) {
      io.stdout.write(usage);
      return 0;
    }
    if (args.length > 0) {
      io.stderr.write(`medido start: takes no arguments\n\n${usage}`);
      return 2;
    }
    // Loaded when run, so `medido help` lists this command without loading the engines (chDB).
    const [
      { default: closeWithGrace },
      { createLogger, loadConfig },
      { startDemo },
      { buildEmbeddedMedido },
      { welcomeText, writeWelcomeFile },
      { startIdleCompaction },
    ] = await Promise.all([
      import('close-with-grace'),
      import('@medido/platform'),
      import('../embedded/demo-seed.ts'),
      import('../embedded/embedded-medido.ts'),
      import('../embedded/welcome.ts'),
      import('../embedded/idle-compaction.ts'),
    ]);
    const config = loadConfig(io.env);
    const logger = createLogger(config, 'medido');
    const medido = await buildEmbeddedMedido(config, logger);
    await medido.app.listen({ port: config.PORT, host: config.HOST });
    const compaction = startIdleCompaction({ logger });

    let simulator: RunningSimulator | undefined;
    closeWithGrace({ delay: 20_000 }, async ({ err, signal }) => {
      if (err) logger.error({ err }, 'stopping after an error');
      else logger.info({ signal }, 'stopping: draining requests and the current projection batch');
      compaction.stop();
      await simulator?.stop();
      await medido.close();
    });

    const text = welcomeText(medido.publicUrl, medido.credentials, medido.dataDir, config.MEDIDO_DEMO);
    io.stdout.write(`${text}\n  (also written to ${writeWelcomeFile(medido.dataDir, text)})\n\n`);
    if (config.MEDIDO_DEMO) {
      const url = `http://127.0.0.1:${(medido.app.server.address() as { port: number }).port}`;
      simulator = await startDemo({
        url,
        dataDir: medido.dataDir,
        ingestToken: medido.credentials.ingestToken,
        adminToken: medido.credentials.adminToken,
        logger: logger.child({ component: 'simulator' }),
      });
      simulator.backfillDone.then(
        (summary) => logger.info({ summary }, 'demo backfill sent'),
        (error: unknown) => logger.error({ err: error }, 'demo simulator failed'),
      );
    }
    await new Promise(() => {}); // runs until a signal; closeWithGrace exits the process
    return 0;
  },
};
