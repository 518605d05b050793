import type { Command } from './cli/command.ts';
import { medidoVersion } from './cli/version.ts';

// `medido <command> …`: each subcommand lives in its own module, loaded only when called.
// Conventions (POSIX utility syntax, GNU --help/--version): help on stdout and exit 0; a usage error
// on stderr and exit 2; a failure exit 1.
const commands: Record<string, () => Promise<Command>> = {
  start: async () => (await import('./cli/start.command.ts')).startCommand,
  consumers: async () => (await import('./cli/consumers.command.ts')).consumersCommand,
  access: async () => (await import('./cli/access.command.ts')).accessCommand,
  credentials: async () => (await import('./cli/credentials.command.ts')).credentialsCommand,
  simulate: async () => (await import('./cli/simulate.command.ts')).simulateCommand,
  replay: async () => (await import('./cli/replay.command.ts')).replayCommand,
};

async function usage(): Promise<string> {
  const list = await Promise.all(
    Object.entries(commands).map(async ([n, l]) => `  ${n.padEnd(12)} ${(await l()).summary}`),
  );
  return (
    `Usage: medido <command> [options]   (npm run medido -- <command> …)\n\n${list.join('\n')}\n\n` +
    'medido <command> --help shows the options of a command; medido --version its version.\n'
  );
}

const [name, ...args] = process.argv.slice(2);
const load = name === undefined ? undefined : commands[name];
// The embedded default runs under its own memory settings, which only apply to a new process.
if (name === 'start' && args.length === 0) (await import('./embedded/runtime-tuning.ts')).execWithEmbeddedRuntime();
if (load) {
  process.exitCode = await (
    await load()
  ).run(args, { env: process.env, stdout: process.stdout, stderr: process.stderr });
} else if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
  const topic = name === 'help' && args[0] !== undefined ? commands[args[0]] : undefined;
  if (topic)
    process.exitCode = await (
      await topic()
    ).run(['--help'], { env: process.env, stdout: process.stdout, stderr: process.stderr });
  else process.stdout.write(await usage());
} else if (name === '--version' || name === '-V' || name === 'version') {
  process.stdout.write(`medido ${medidoVersion()}\n`);
} else {
  process.stderr.write(`medido: unknown command "${name}"\n\n${await usage()}`);
  process.exitCode = 2;
}
