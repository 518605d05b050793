import { parseArgs } from 'node:util';
import { isMedidoError, loadConfig, MedidoError } from '@medido/platform';
import {
  MAX_BATCH_SIZE,
  MAX_SPEED,
  resolveSimulatorOptions,
  SIMULATOR_DEFAULTS,
  startSimulator,
  stderrLogger,
  stderrProgress,
  type SimulatorOptions,
} from '@medido/simulator';
import type { Command, CommandIo } from './command.ts';

/** The command line's patience: a person at a terminal wants to hear about a wrong --url soon. */
const CLI_RETRY_BUDGET = '30s';

export const SIMULATE_USAGE = `Usage: npm run medido -- simulate [options]

Sends the demo fleet's meter readings to a Medido ingestor through its public endpoints,
as meter pipelines do: registers the fleet, backfills history up to now, then goes live.

Options:
  --url <url>            ingestor base URL (default http://127.0.0.1:$PORT, PORT 3000 by default)
  --token <token>        ingest credential (default $MEDIDO_INGEST_TOKEN)
  --days <n>             days of history to backfill (default ${SIMULATOR_DEFAULTS.days}; 0: none)
  --seed <text>          seed of every reading (default ${SIMULATOR_DEFAULTS.seed}); same seed, same readings
  --live, --no-live      keep sending new readings after the backfill, until Ctrl-C (default --live)
  --batch-size <n>       readings per request, 1 to ${MAX_BATCH_SIZE} (default ${SIMULATOR_DEFAULTS.batchSize})
  --speed <factor>       live: a reading every 15 min ÷ factor, for demos (default 1, at most ${MAX_SPEED})
  --interval <duration>  live: send what is due every <duration>, e.g. 500ms, 30s, 5m (default: at each reading)
  --give-up-after <duration>
                         stop with exit code 1 when a request could not be delivered for that long
                         (ingestor unreachable or answering 503; default ${CLI_RETRY_BUDGET})
  -h, --help             show this help
`;

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `30s`, `5m`, `500ms`, `1h`; a bare number is seconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match)
    throw new MedidoError('REQUEST_INVALID', `not a duration: ${JSON.stringify(text)} (try 30s, 5m or 500ms)`);
  return Math.round(Number(match[1]) * (DURATION_UNITS[match[2] ?? 's'] ?? 1000));
}

function numberOption(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value))
    throw new MedidoError('REQUEST_INVALID', `--${name} must be a number, not ${JSON.stringify(text)}`);
  return value;
}

export type SimulateArgs = { help: true } | { help: false; options: SimulatorOptions };

/** Reads `simulate`'s arguments; the token falls back to MEDIDO_INGEST_TOKEN and the URL to PORT. */
export function parseSimulateArgs(argv: string[], env: Record<string, string | undefined> = process.env): SimulateArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      allowPositionals: false,
      allowNegative: true,
      strict: true,
      options: {
        url: { type: 'string' },
        token: { type: 'string' },
        days: { type: 'string' },
        seed: { type: 'string' },
        live: { type: 'boolean' },
        'batch-size': { type: 'string' },
        speed: { type: 'string' },
        interval: { type: 'string' },
        'give-up-after': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new MedidoError('REQUEST_INVALID', error instanceof Error ? error.message : String(error));
  }
  if (values.help) return { help: true };
  const config = loadConfig(env);
  const options: SimulatorOptions = {
    url: values.url ?? `http://127.0.0.1:${config.PORT}`,
    token: values.token ?? config.MEDIDO_INGEST_TOKEN,
    days: numberOption('days', values.days),
    seed: values.seed,
    live: values.live,
    batchSize: numberOption('batch-size', values['batch-size']),
    speed: numberOption('speed', values.speed),
    intervalMs: values.interval === undefined ? undefined : parseDuration(values.interval),
    retryBudgetMs: parseDuration(values['give-up-after'] ?? CLI_RETRY_BUDGET),
  };
  if (!options.token)
    throw new MedidoError('REQUEST_INVALID', 'an ingest token is required: pass --token or set MEDIDO_INGEST_TOKEN');
  return { help: false, options };
}

/**
 * `medido simulate`: runs the simulator (libs/simulator) until the backfill is sent (`--no-live`) or until
 * SIGINT/SIGTERM. Resolves to the process exit code: 0 done, 1 failed, 2 bad arguments.
 */
async function runSimulate(argv: string[], io: CommandIo): Promise<number> {
  const { stdout, stderr } = io;
  let parsed: SimulateArgs;
  try {
    parsed = parseSimulateArgs(argv, io.env);
    if (!parsed.help) resolveSimulatorOptions(parsed.options);
  } catch (error) {
    stderr.write(
      `medido simulate: ${error instanceof Error ? error.message : String(error)}\nRun with --help for the options.\n`,
    );
    return 2;
  }
  if (parsed.help) {
    stdout.write(SIMULATE_USAGE);
    return 0;
  }
  const simulator = startSimulator({
    ...parsed.options,
    logger: stderrLogger(stderr),
    onProgress: stderrProgress(stderr),
  });
  const onSignal = () => {
    void simulator.stop();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await simulator.finished;
    return 0;
  } catch (error) {
    stderr.write(`medido simulate: ${isMedidoError(error) ? `${error.code}: ${error.message}` : String(error)}\n`);
    return 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

export const simulateCommand: Command = {
  summary: 'run the meter simulator against an ingestor (backfill, then live readings)',
  run: runSimulate,
};
