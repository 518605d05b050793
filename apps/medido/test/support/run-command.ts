import { Writable } from 'node:stream';
import type { Command } from '../../src/cli/command.ts';

/** A stream keeping what the command wrote (writes complete synchronously, so `text` is current at once). */
export const capture = () => {
  const out: Writable & { text: string } = Object.assign(
    new Writable({
      write(chunk, _encoding, done) {
        out.text += String(chunk);
        done();
      },
    }),
    { text: '' },
  );
  return out;
};

/** Runs a command in-process, as `medido` would with this environment: its exit code and what it wrote. */
export async function runCommand(command: Command, args: string[], env: Record<string, string>) {
  const stdout = capture();
  const stderr = capture();
  const code = await command.run(args, { env, stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
