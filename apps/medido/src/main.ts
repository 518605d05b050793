import type { Command } from './cli/command.ts';

// `medido <command> …`: each subcommand lives in its own module, loaded only when called.
const commands: Record<string, () => Promise<Command>> = {
  start: async () => (await import('./cli/start.command.ts')).startCommand,
  consumers: async () => (await import('./cli/consumers.command.ts')).consumersCommand,
  access: async () => (await import('./cli/access.command.ts')).accessCommand,
  credentials: async () => (await import('./cli/credentials.command.ts')).credentialsCommand,
  simulate: async () => (await import('./cli/simulate.command.ts')).simulateCommand,
  replay: async () => (await import('./cli/replay.command.ts')).replayCommand,
};

const [name, ...args] = process.argv.slice(2);
const load = name === undefined ? undefined : commands[name];
if (load) {
  process.exitCode = await (await load()).run(args, { env: process.env, stdout: process.stdout, stderr: process.stderr });
} else {
  const asked = name === undefined || name === 'help' || name === '--help';
  const list = await Promise.all(Object.entries(commands).map(async ([n, l]) => `  ${n.padEnd(12)} ${(await l()).summary}`));
  (asked ? process.stdout : process.stderr).write(`${asked ? '' : `unknown command "${name}"\n\n`}Usage: medido <command> …\n\n${list.join('\n')}\n`);
  process.exitCode = asked ? 0 : 2;
}
