import { ApiError, fetchTransport, ingestorClient } from '@medido/client';
import { UsageError, type CommandIo } from './command.ts';

export type AdminClient = ReturnType<typeof ingestorClient>;

/**
 * The ingestor's typed admin operations for a CLI command: the one client of libs/client over its fetch
 * transport, without retries (a person is waiting and re-runs the command; the simulator's client is the
 * same one with `withRetries`).
 */
export function adminClient(baseUrl: string, token: string): AdminClient {
  return ingestorClient(fetchTransport({ baseUrl, token, serverName: 'the ingestor' }));
}

/**
 * How an admin command ends on an error: the ingestor's refusal (or no answer) is printed with exit 1, a
 * usage error with the usage and exit 2; anything else is a fault and is thrown on.
 */
export function adminCommandFailure(command: string, usage: string, error: unknown, io: CommandIo): number {
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
