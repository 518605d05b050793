import { randomBytes } from 'node:crypto';
import type { Command } from './command.ts';

/** Prints a new random credential (256 bits, base64url) for MEDIDO_INGEST_TOKENS / MEDIDO_ADMIN_TOKENS. */
export const credentialsCommand: Command = {
  summary: 'generate a new ingest or admin credential (see docs/credentials.md)',
  async run(args, io) {
    if (args[0] !== 'generate' || args.length > 1) {
      io.stderr.write('Usage: medido credentials generate\n');
      return args[0] === '--help' || args[0] === '-h' ? 0 : 2;
    }
    io.stdout.write(`${randomBytes(32).toString('base64url')}\n`);
    return 0;
  },
};
