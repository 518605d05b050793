import { randomBytes } from 'node:crypto';
import { asksForActionHelp, type Command } from './command.ts';

const USAGE = `Usage: medido credentials generate

Prints a new random credential (256 bits, base64url) for MEDIDO_INGEST_TOKENS or MEDIDO_ADMIN_TOKENS
(see docs/credentials.md).
`;

export const credentialsCommand: Command = {
  summary: 'generate a new ingest or admin credential (see docs/credentials.md)',
  async run(args, io) {
    if (asksForActionHelp(args)) {
      io.stdout.write(USAGE);
      return 0;
    }
    if (args[0] !== 'generate' || args.length > 1) {
      io.stderr.write(
        `medido credentials: ${args.length === 0 ? 'an action is required' : `unexpected ${JSON.stringify(args.join(' '))}`}\n\n${USAGE}`,
      );
      return 2;
    }
    io.stdout.write(`${randomBytes(32).toString('base64url')}\n`);
    return 0;
  },
};
