import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startIngestRecorder, type IngestRecorder } from '@medido/simulator/testing/ingest-recorder';
import { parseDuration, parseSimulateArgs, SIMULATE_USAGE, simulateCommand } from '../src/cli/simulate.command.ts';
import { capture } from './support/run-command.ts';

describe('medido simulate: arguments', () => {
  it('defaults the URL to PORT and the token to MEDIDO_INGEST_TOKEN, leaving the rest to the simulator defaults', () => {
    expect(parseSimulateArgs([], { PORT: '4100', MEDIDO_INGEST_TOKEN: 'tok' })).toEqual({
      help: false,
      options: {
        url: 'http://127.0.0.1:4100',
        token: 'tok',
        days: undefined,
        seed: undefined,
        live: undefined,
        batchSize: undefined,
        speed: undefined,
        intervalMs: undefined,
        retryBudgetMs: 30_000,
      },
    });
  });

  it('reads every option', () => {
    const parsed = parseSimulateArgs(
      [
        '--url',
        'http://ingest:3000',
        '--token',
        't',
        '--days',
        '7',
        '--seed',
        's',
        '--no-live',
        '--batch-size',
        '5000',
        '--speed',
        '60',
        '--interval',
        '30s',
        '--give-up-after',
        '2m',
      ],
      {},
    );
    expect(parsed).toEqual({
      help: false,
      options: {
        url: 'http://ingest:3000',
        token: 't',
        days: 7,
        seed: 's',
        live: false,
        batchSize: 5000,
        speed: 60,
        intervalMs: 30_000,
        retryBudgetMs: 120_000,
      },
    });
  });

  it('reads durations in ms, s, m and h, a bare number being seconds', () => {
    expect([parseDuration('500ms'), parseDuration('2'), parseDuration('1.5m'), parseDuration('1h')]).toEqual([
      500, 2000, 90_000, 3_600_000,
    ]);
    expect(() => parseDuration('soon')).toThrow('not a duration: "soon"');
  });

  it('prints the usage on --help and exits 0', async () => {
    const stdout = capture();
    expect(await simulateCommand.run(['--help'], { stdout, stderr: capture(), env: {} })).toBe(0);
    expect(stdout.text).toBe(SIMULATE_USAGE);
  });

  it.each([
    [['--days', 'ten'], '--days must be a number, not "ten"'],
    [['--days=-1'], 'days must be an integer from 0 to 3660'],
    [['--batch-size', '0'], 'batch size must be an integer from 1 to 50000'],
    [['--speed', '1000'], 'speed must be above 0 and at most 900'],
    [['--frobnicate'], "Unknown option '--frobnicate'"],
  ])('refuses %j with exit code 2 and a message naming the problem', async (argv, message) => {
    const stderr = capture();
    expect(await simulateCommand.run([...argv, '--token', 't'], { stdout: capture(), stderr, env: {} })).toBe(2);
    expect(stderr.text).toContain(message);
  });

  it('needs a token', async () => {
    const stderr = capture();
    expect(await simulateCommand.run([], { stdout: capture(), stderr, env: {} })).toBe(2);
    expect(stderr.text).toContain('an ingest token is required: pass --token or set MEDIDO_INGEST_TOKEN');
  });
});

describe('medido simulate: a run', () => {
  let recorder: IngestRecorder;
  beforeEach(async () => {
    recorder = await startIngestRecorder();
  });
  afterEach(async () => {
    await recorder.close();
  });

  it('backfills, shows its progress on stderr and exits 0 with --no-live', async () => {
    const stderr = capture();
    const code = await simulateCommand.run(
      ['--url', recorder.url, '--days', '2', '--no-live', '--batch-size', '2000'],
      {
        stdout: capture(),
        stderr,
        env: { MEDIDO_INGEST_TOKEN: recorder.token },
      },
    );
    expect(code).toBe(0);
    const readings = recorder.measurements.reduce((n, r) => n + r.items.length, 0);
    const lines = stderr.text.trim().split('\n');
    // Issue 17 § 8: the progress said "(0 catalog events)" while the summary said 34: both count what was sent.
    const catalogEvents = recorder.catalog.reduce((n, r) => n + r.items.length, 0);
    expect(catalogEvents).toBeGreaterThan(0);
    expect(lines[0]).toBe('registering the demo fleet');
    expect(lines[1]).toMatch(
      new RegExp(`^demo fleet registered \\(${catalogEvents} catalog events\\); backfill 0/2 days, `),
    );
    expect(lines.at(-2)).toContain(`catalogEvents=${catalogEvents},`);
    expect(lines.filter((l) => l.startsWith('backfill ')).length).toBeGreaterThanOrEqual(1);
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(`^backfill 2/2 days, ${readings.toLocaleString('en-US')} readings sent, [\\d,]+ readings/s$`),
      ),
    );
    expect(lines.at(-2)).toMatch(
      /^simulator info: backfill sent \(from=.*, daysTotal=2, daysDone=2, .*completed=true\)$/,
    );
    expect(lines.at(-1)).toBe(
      `stopped after ${readings.toLocaleString('en-US')} readings in ${recorder.measurements.length + recorder.catalog.length} requests`,
    );
  });

  it("exits 1 with the ingestor's problem when the credential is refused", async () => {
    const stderr = capture();
    expect(
      await simulateCommand.run(['--url', recorder.url, '--token', 'nope', '--days', '1'], {
        stdout: capture(),
        stderr,
        env: {},
      }),
    ).toBe(1);
    expect(stderr.text).toContain(
      'medido simulate: AUTH_CREDENTIAL_INVALID: /v1/ingest/catalog answered 401: unknown ingest credential',
    );
  });
});
