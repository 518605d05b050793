import { parseArgs } from 'node:util';
import { ADMIN_OPTIONS, adminClientOf, adminCommand, type AdminClient } from './admin-client.ts';
import { UsageError } from './command.ts';
import { adoptConsumers } from './consumers-adopt.ts';

const USAGE = `Usage: medido consumers <create|grants|disable|enable|list|adopt> …

  create  --name <name> --email <email> --subject <idp subject> [--grant <organizationId>]… [--expires <ISO 8601>] [--id <consumerId>]
  grants  <consumerId> --grant <organizationId>… | --none     replaces the whole grant list
  disable <consumerId> [--reason <text>]                       revokes its refresh tokens, blocks login
  enable  <consumerId>                                         lets a disabled consumer log in again
  list    [--after <consumerId>] [--limit <n>]                 needs an ingestor with the catalog read model
  adopt   once after an upgrade: records the catalog's consumers in the admin registry; uses the stores
          of the environment (MEDIDO_MONGO_URL, else MEDIDO_DATA_DIR), no ingestor and no credential

Common: --url <ingestor URL> (or MEDIDO_INGESTOR_URL, default http://127.0.0.1:3000)
        --token <admin credential> (or MEDIDO_ADMIN_TOKEN; prefer the variable: arguments show in process lists)
        --json  print the ingestor's JSON answer instead of a sentence
        -h, --help  this help

Exit codes: 0 done, 1 refused or failed (the ingestor's code is printed, e.g. 409 CONSUMER_SUBJECT_TAKEN), 2 usage error.`;

const OPTIONS = {
  ...ADMIN_OPTIONS,
  name: { type: 'string' },
  email: { type: 'string' },
  subject: { type: 'string' },
  grant: { type: 'string', multiple: true },
  none: { type: 'boolean' },
  expires: { type: 'string' },
  id: { type: 'string' },
  reason: { type: 'string' },
  after: { type: 'string' },
  limit: { type: 'string' },
} as const;

/**
 * Text from the read model as a terminal shows it: control characters, line separators and bidirectional
 * overrides (stored before the commands refused them) are printed as \u escapes, never interpreted.
 */
export function printable(text: string): string {
  return text.replace(
    /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/gu,
    (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`,
  );
}

const ACTIONS = ['create', 'grants', 'disable', 'enable', 'list', 'adopt'];

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];
/** --limit is sent as typed: the ingestor validates it (a CLI-side Number() would read 1e3 as 1000). */
const asTyped = (text: string) => text as unknown as number;

function required(values: Values, name: 'name' | 'email' | 'subject'): string {
  const value = values[name];
  if (!value) throw new UsageError(`--${name} is required`);
  return value;
}

function onlyId(positionals: string[], action: string): string {
  if (positionals.length !== 1) throw new UsageError(`${action} takes exactly one consumer id`);
  return encodeURIComponent(positionals[0]!);
}

async function execute(
  action: string | undefined,
  positionals: string[],
  values: Values,
  client: AdminClient,
  print: (json: unknown, text: string) => void,
): Promise<void> {
  switch (action) {
    case 'create': {
      if (positionals.length) throw new UsageError('create takes no positional argument');
      const body = {
        name: required(values, 'name'),
        email: required(values, 'email'),
        subject: required(values, 'subject'),
        grants: values.grant ?? [],
        ...(values.id ? { consumerId: values.id } : {}),
        ...(values.expires ? { expiresAt: values.expires } : {}),
      };
      const result = await client.postAdminConsumers({ body });
      return print(
        result,
        `Consumer ${result.consumerId} created (event ${result.eventId}); it can log in once the projector applied it.`,
      );
    }
    case 'grants': {
      const id = onlyId(positionals, 'grants');
      if (!values.grant?.length && !values.none)
        throw new UsageError('give the new grants with --grant (repeatable), or --none to remove every grant');
      if (values.grant?.length && values.none) throw new UsageError('--grant and --none exclude each other');
      const result = await client.putAdminConsumersByConsumerIdGrants({
        params: { consumerId: id },
        body: { grants: values.grant ?? [] },
      });
      return print(
        result,
        `Grants of ${result.consumerId} set to [${(values.grant ?? []).join(', ')}] (event ${result.eventId}).`,
      );
    }
    case 'disable': {
      const id = onlyId(positionals, 'disable');
      const result = await client.postAdminConsumersByConsumerIdDisable({
        params: { consumerId: id },
        body: values.reason ? { reason: values.reason } : {},
      });
      return print(result, `Consumer ${result.consumerId} disabled (event ${result.eventId}).`);
    }
    case 'enable': {
      const id = onlyId(positionals, 'enable');
      const result = await client.postAdminConsumersByConsumerIdEnable({
        params: { consumerId: id },
        body: {},
      });
      return print(result, `Consumer ${result.consumerId} enabled (event ${result.eventId}).`);
    }
    case 'list': {
      const page = await client.getAdminConsumers({
        query: {
          ...(values.after ? { after: values.after } : {}),
          ...(values.limit ? { limit: asTyped(values.limit) } : {}),
        },
      });
      const lines = page.items.map(
        (c) =>
          `${c.consumerId}\t${printable(c.name)} <${printable(c.email)}>\t${c.disabled ? 'disabled' : 'active'}\tgrants: ${c.grants.join(',') || '-'}`,
      );
      return print(
        page,
        [...lines, ...(page.next ? [`(more: --after ${page.next})`] : [])].join('\n') || 'No consumers.',
      );
    }
    default:
      throw new UsageError(action ? `unknown action "${action}"` : 'an action is required');
  }
}

export const consumersCommand = adminCommand(
  'consumers',
  'create API consumers, change their grants, disable and enable them (through the ingestor)',
  USAGE,
  async (args, io) => {
    const { values, positionals } = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
    const [action, ...rest] = positionals;
    if (!ACTIONS.includes(action ?? ''))
      throw new UsageError(action ? `unknown action "${action}"` : 'an action is required');
    if (action === 'adopt') {
      if (rest.length) throw new UsageError('adopt takes no argument');
      return await adoptConsumers(io);
    }
    const client = adminClientOf(values, io.env);
    const print = (json: unknown, text: string) => {
      io.stdout.write(`${values.json ? JSON.stringify(json, null, 2) : text}\n`);
    };
    await execute(action, rest, values, client, print);
    return 0;
  },
);
