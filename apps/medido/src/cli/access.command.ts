import { parseArgs } from 'node:util';
import type { ingestor } from '@medido/client';
import { adminClient, adminCommandFailure } from './admin-client.ts';
import { asksForActionHelp, UsageError, type Command, type CommandIo } from './command.ts';

const USAGE = `Usage: medido access list [--consumer <consumerId>] [--organization <organizationId>] [--after <position>] [--limit <n>]

  Who read what through the read API: one line per answered read, newest first, of one consumer,
  of one organization's data, or both. Needs an ingestor with the catalog read model.

Common: --url <ingestor URL> (or MEDIDO_INGESTOR_URL, default http://127.0.0.1:3000)
        --token <admin credential> (or MEDIDO_ADMIN_TOKEN; prefer the variable: arguments show in process lists)
        --json  print the ingestor's JSON answer instead of lines`;

const OPTIONS = {
  url: { type: 'string' },
  token: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  consumer: { type: 'string' },
  organization: { type: 'string' },
  after: { type: 'string' },
  limit: { type: 'string' },
} as const;

type AccessItem = ingestor.AccessRecord;

// Ids come from the access records, whose schema allows only [A-Za-z0-9._:-]; control characters are
// stripped anyway so a record can never drive the terminal.
const printable = (text: string) => text.replace(/\p{Cc}/gu, '');

function line(r: AccessItem): string {
  const window = r.from && r.to ? `${r.from}/${r.to}` : '-';
  const list = (ids: string[]) => ids.join(',') || '-';
  return [
    r.answeredAt,
    r.consumerId,
    `${r.method} ${r.route}`,
    r.status,
    `rows=${r.rows}`,
    `org=${list(r.organizationIds)}`,
    `inst=${list(r.installationIds)}`,
    `devices=${list(r.deviceIds)}`,
    `window=${window}`,
    `request=${r.requestId}`,
  ]
    .map((field) => printable(String(field)))
    .join('\t');
}

export const accessCommand: Command = {
  summary: 'list who read which meters (access records, through the ingestor)',
  async run(args: string[], io: CommandIo): Promise<number> {
    // Help as every command gives it (apps/medido/src/cli/command.ts): before any other check.
    if (asksForActionHelp(args)) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    try {
      const { values, positionals } = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
      if (positionals[0] !== 'list' || positionals.length !== 1)
        throw new UsageError(positionals[0] ? `unknown action "${positionals.join(' ')}"` : 'an action is required');
      const token = values.token ?? io.env.MEDIDO_ADMIN_TOKEN;
      if (!token) throw new UsageError('no admin credential: set MEDIDO_ADMIN_TOKEN (or pass --token)');
      const client = adminClient(values.url ?? io.env.MEDIDO_INGESTOR_URL ?? 'http://127.0.0.1:3000', token);
      const page = await client.getAdminAccess({
        query: {
          ...(values.consumer ? { consumerId: values.consumer } : {}),
          ...(values.organization ? { organizationId: values.organization } : {}),
          // --limit is sent as typed: the ingestor validates it.
          ...(values.after ? { after: values.after } : {}),
          ...(values.limit ? { limit: values.limit as unknown as number } : {}),
        },
      });
      const text =
        [...page.items.map(line), ...(page.next ? [`(more: --after '${printable(page.next)}')`] : [])].join('\n') ||
        'No access records.';
      io.stdout.write(`${values.json ? JSON.stringify(page, null, 2) : text}\n`);
      return 0;
    } catch (error) {
      return adminCommandFailure('access', USAGE, error, io);
    }
  },
};
