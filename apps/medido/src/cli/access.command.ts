import { parseArgs } from 'node:util';
import type { ingestor } from '@medido/client';
import { ADMIN_OPTIONS, adminClientOf, adminCommand } from './admin-client.ts';
import { UsageError } from './command.ts';

const USAGE = `Usage: medido access list [--consumer <consumerId>] [--organization <organizationId>] [--after <position>] [--limit <n>]

  Who read what through the read API: one line per answered read, newest first, of one consumer,
  of one organization's data, or both. Needs an ingestor with the catalog read model.

Common: --url <ingestor URL> (or MEDIDO_INGESTOR_URL, default http://127.0.0.1:3000)
        --token <admin credential> (or MEDIDO_ADMIN_TOKEN; prefer the variable: arguments show in process lists)
        --json  print the ingestor's JSON answer instead of lines`;

const OPTIONS = {
  ...ADMIN_OPTIONS,
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

export const accessCommand = adminCommand(
  'access',
  'list who read which meters (access records, through the ingestor)',
  USAGE,
  async (args, io) => {
    const { values, positionals } = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
    if (positionals[0] !== 'list' || positionals.length !== 1)
      throw new UsageError(positionals[0] ? `unknown action "${positionals.join(' ')}"` : 'an action is required');
    const page = await adminClientOf(values, io.env).getAdminAccess({
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
  },
);
