import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../../bench/harness/ports.ts';

/**
 * Issue 17 § 8, as a person at a terminal meets it: `medido …` run as a child process. Help goes to
 * stdout with exit code 0, a usage error to stderr with exit code 2, a failure exits 1; help never asks
 * for a credential.
 */
const MAIN = join(import.meta.dirname, '../src/main.ts');
const VERSION = (
  JSON.parse(readFileSync(join(import.meta.dirname, '../../../package.json'), 'utf8')) as { version: string }
).version;
// No credential, URL or data directory from the environment of whoever runs the tests.
const ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('MEDIDO_') && k !== 'PORT'));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

function medido(args: string[], timeoutMs = 60_000): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(process.execPath, [MAIN, ...args], { env: ENV, timeout: timeoutMs }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** Runs the cases a few at a time: the machine is shared, and each run starts a Node process. */
async function all(cases: string[][]): Promise<Run[]> {
  const runs: Run[] = [];
  for (let i = 0; i < cases.length; i += 4)
    runs.push(...(await Promise.all(cases.slice(i, i + 4).map((args) => medido(args)))));
  return runs;
}

describe('medido command-line conventions', { timeout: 120_000 }, () => {
  it('prints help on stdout with exit code 0, from every command, without asking for a credential', async () => {
    const cases: [string[], RegExp][] = [
      [[], /^Usage: medido <command>/],
      [['-h'], /^Usage: medido <command>/],
      [['--help'], /^Usage: medido <command>/],
      [['help'], /^Usage: medido <command>/],
      [['help', 'consumers'], /^Usage: medido consumers /],
      [['consumers', 'help'], /^Usage: medido consumers /],
      [['consumers', '--help'], /^Usage: medido consumers /],
      [['consumers', 'create', '-h'], /^Usage: medido consumers /],
      [['consumers', 'enable', '--help'], /^Usage: medido consumers /],
      [['credentials', '--help'], /^Usage: medido credentials generate/],
      [['credentials', 'generate', '--help'], /^Usage: medido credentials generate/],
      [['credentials', 'help'], /^Usage: medido credentials generate/],
      [['simulate', '--help'], /^Usage: npm run medido -- simulate/],
      [['simulate', '-h'], /^Usage: npm run medido -- simulate/],
      [['replay', '--help'], /^Usage: npm run medido -- replay/],
      [['start', '--help'], /^Usage: npm start/],
      [['access', 'help'], /^Usage: medido access list/],
      [['access', 'list', '-h'], /^Usage: medido access list/],
    ];
    const runs = await all(cases.map(([args]) => args));
    runs.forEach((run, i) => {
      const [args, usage] = cases[i]!;
      expect({ args, code: run.code, stderr: run.stderr }).toEqual({ args, code: 0, stderr: '' });
      expect(run.stdout, args.join(' ')).toMatch(usage);
    });
    expect(runs[0]!.stdout).toContain('  consumers ');
    expect(runs[0]!.stdout).toContain('  replay ');
  });

  it('prints its version with --version, -V or version, exit code 0', async () => {
    for (const run of await Promise.all([['--version'], ['-V'], ['version']].map((args) => medido(args)))) {
      expect(run).toMatchObject({ code: 0, stdout: `medido ${VERSION}\n`, stderr: '' });
    }
  });

  it('explains a usage error on stderr with exit code 2 and nothing on stdout', async () => {
    const cases: [string[], RegExp][] = [
      [['frobnicate'], /^medido: unknown command "frobnicate"\n\nUsage: medido/],
      [['credentials'], /^medido credentials: an action is required\n\nUsage: medido credentials generate/],
      [['credentials', 'generate', 'twice'], /^medido credentials: unexpected "generate twice"/],
      [['consumers', 'rename', 'c-1'], /^medido consumers: unknown action "rename"/],
      [['consumers', 'list'], /no admin credential: set MEDIDO_ADMIN_TOKEN/],
      [['simulate', '--colour', 'red'], /^medido simulate: Unknown option '--colour'/],
      [['replay', '--groups'], /^medido replay: unexpected "--groups"\n\nUsage: npm run medido -- replay/],
      [['start', 'now'], /^medido start: takes no arguments/],
    ];
    const runs = await all(cases.map(([args]) => args));
    runs.forEach((run, i) => {
      const [args, message] = cases[i]!;
      expect({ args, code: run.code, stdout: run.stdout }).toEqual({ args, code: 2, stdout: '' });
      expect(run.stderr, args.join(' ')).toMatch(message);
    });
  });

  it('generates a credential on stdout, exit code 0', async () => {
    expect(await medido(['credentials', 'generate'])).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^[A-Za-z0-9_-]{43}\n$/),
      stderr: '',
    });
  });

  it('gives up on an unreachable ingestor within --give-up-after, with a clear message and exit code 1', async () => {
    const port = await freePort();
    const run = await medido(
      [
        'simulate',
        '--url',
        `http://127.0.0.1:${port}`,
        '--token',
        't',
        '--days',
        '1',
        '--no-live',
        '--give-up-after',
        '3s',
      ],
      30_000,
    );
    expect(run.code).toBe(1);
    expect(run.ms).toBeLessThan(20_000);
    expect(run.stderr).toMatch(
      new RegExp(
        `medido simulate: DEPENDENCY_UNAVAILABLE: gave up on http://127\\.0\\.0\\.1:${port}/v1/ingest/catalog after \\d+ attempts in [0-9] s \\(last: .*ECONNREFUSED.*\\); is the ingestor running there\\?\\n$`,
      ),
    );
  });
});
