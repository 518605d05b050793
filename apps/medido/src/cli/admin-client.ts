import { ApiError, fetchTransport, ingestorClient } from '@medido/client';
import { asksForActionHelp, UsageError, type Command, type CommandIo } from './command.ts';

export type AdminClient = ReturnType<typeof ingestorClient>;

/**
 * The ingestor's typed admin operations for a CLI command: the one client of libs/client over its fetch
 * transport, without retries (a person is waiting and re-runs the command; the simulator's client is the
 * same one with `withRetries`).
 */
export function adminClient(baseUrl: string, token: string): AdminClient {
  return ingestorClient(fetchTransport({ baseUrl, token, serverName: 'the ingestor' }));
}

/** The options every admin command takes (its usage's "Common:" lines). */
export const ADMIN_OPTIONS = {
  url: { type: 'string' },
  token: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The admin client of --url and --token, else of MEDIDO_INGESTOR_URL and MEDIDO_ADMIN_TOKEN: no credential is a usage error. */
export function adminClientOf(values: { url?: string; token?: string }, env: CommandIo['env']): AdminClient {
  const token = values.token ?? env.MEDIDO_ADMIN_TOKEN;
  if (!token) throw new UsageError('no admin credential: set MEDIDO_ADMIN_TOKEN (or pass --token)');
  return adminClient(values.url ?? env.MEDIDO_INGESTOR_URL ?? 'http://127.0.0.1:3000', token);
}

/**
 * How an admin command ends on an error: the ingestor's refusal (or no answer) is printed with exit 1, a
 * usage error with the usage and exit 2; anything else is a fault and is thrown on.
 */
function adminCommandFailure(command: string, usage: string, error: unknown, io: CommandIo): number {
  if (error instanceof ApiError) {
    const hint =
      error.code === 'ROUTE_NOT_FOUND' ? ' (is --url the ingestor, and does it have the catalog read model?)' : '';
    io.stderr.write(`medido ${command}: ${error.message}${hint}\n`);
    return 1;
  }
  // parseArgs reports unknown or malformed options with a TypeError whose code starts with ERR_PARSE_ARGS.
  const code = (error as { code?: string }).code ?? '';
  if (error instanceof UsageError || code.startsWith('ERR_PARSE_ARGS')) {
    io.stderr.write(`medido ${command}: ${(error as Error).message}\n\n${usage}\n`);
    return 2;
  }
  throw error;
}

/**
 * An admin command (`medido consumers`, `medido access`): help as every command gives it (command.ts), before any
 * other check, then `act`; its errors end as `adminCommandFailure` says.
 */
export function adminCommand(
  name: string,
  summary: string,
  usage: string,
  act: (args: string[], io: CommandIo) => Promise<number>,
): Command {
  return {
    summary,
    async run(args, io) {
      if (asksForActionHelp(args)) {
        io.stdout.write(`${usage}\n`);
        return 0;
      }
      try {
        return await act(args, io);
      } catch (error) {
        return adminCommandFailure(name, usage, error, io);
      }
    },
  };
}
