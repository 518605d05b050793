import type { Writable } from 'node:stream';

/** What a command may touch: injected, so tests run commands in-process and read their output. */
export interface CommandIo {
  env: Record<string, string | undefined>;
  stdout: Writable;
  stderr: Writable;
}

/** A `medido <name> …` subcommand. `run` returns the exit code: 0 done, 1 failed, 2 usage error. */
export interface Command {
  summary: string;
  run(args: string[], io: CommandIo): Promise<number>;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

/** `--help` or `-h` anywhere before a `--` (POSIX end of options): the command prints its help, exit 0. */
export function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/** A command with actions (`consumers create …`) also takes `help` as its only action. */
export const asksForActionHelp = (args: readonly string[]): boolean =>
  asksForHelp(args) || (args.length === 1 && args[0] === 'help');
