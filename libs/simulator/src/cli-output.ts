import type { SimulatorLogger, SimulatorProgress } from './simulator-options.ts';

interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

const number = new Intl.NumberFormat('en-US');

function details(obj: object): string {
  const entries = Object.entries(obj)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => {
      if (v instanceof Error) return `${k}=${v.message}`;
      return `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`;
    });
  return entries.length > 0 ? ` (${entries.join(', ')})` : '';
}

/** Human-readable log lines for the `simulate` command, on stderr so stdout stays free for pipes. */
export function stderrLogger(out: Output = process.stderr): SimulatorLogger {
  const line =
    (level: string) =>
    (obj: object, msg = '') => {
      out.write(`simulator ${level}: ${msg}${details(obj)}\n`);
    };
  return { info: line('info'), warn: line('warn'), error: line('error') };
}

export function describeProgress(p: SimulatorProgress): string {
  const counts = `${number.format(p.readingsSent)} readings sent, ${number.format(p.readingsPerSecond)} readings/s`;
  const extras = [p.retries ? `${p.retries} retries` : '', p.rejected ? `${p.rejected} rejected` : '']
    .filter(Boolean)
    .join(', ');
  const tail = extras ? `, ${extras}` : '';
  switch (p.phase) {
    // The count only once something was sent: the phase's first line comes before any request.
    case 'catalog':
      return p.catalogEvents
        ? `registering the demo fleet: ${p.catalogEvents} catalog events sent`
        : 'registering the demo fleet';
    case 'backfill':
      return `${p.daysDone === 0 && p.catalogEvents ? `demo fleet registered (${p.catalogEvents} catalog events); ` : ''}backfill ${p.daysDone}/${p.daysTotal} days, ${counts}${tail}`;
    case 'live':
      return `live: ${p.liveTicks} ticks, newest reading ${p.lastReadingAt ?? '—'}, ${number.format(p.readingsSent)} readings sent${tail}`;
    case 'stopped':
      return `stopped after ${number.format(p.readingsSent)} readings in ${p.requests} requests${tail}`;
    case 'failed':
      return `failed after ${number.format(p.readingsSent)} readings${tail}`;
    default: {
      const _exhaustive: never = p.phase;
      return _exhaustive;
    }
  }
}

/**
 * Progress on stderr: one line rewritten in place on a terminal (at most 10 times a second), else a
 * line per phase change, per tenth of the backfill and per live send (at most one each 10 s), so logs stay short.
 */
export function stderrProgress(out: Output = process.stderr): (p: SimulatorProgress) => void {
  let lastPhase = '';
  let lastTenth = -1;
  let lastDraw = 0;
  let lastLiveLine = 0;
  return (p) => {
    const phaseChanged = p.phase !== lastPhase;
    if (out.isTTY) {
      if (!phaseChanged && p.phase !== 'stopped' && Date.now() - lastDraw < 100) return;
      lastDraw = Date.now();
      if (phaseChanged && lastPhase !== '') out.write('\n');
      out.write(`\r\x1b[2K${describeProgress(p)}`);
      if (p.phase === 'stopped' || p.phase === 'failed') out.write('\n');
    } else {
      const tenth = p.daysTotal > 0 ? Math.floor((p.daysDone * 10) / p.daysTotal) : 10;
      const newTenth = p.phase === 'backfill' && tenth !== lastTenth;
      const liveLine = p.phase === 'live' && Date.now() - lastLiveLine >= 10_000;
      if (!phaseChanged && !newTenth && !liveLine) return;
      lastTenth = tenth;
      if (p.phase === 'live') lastLiveLine = Date.now();
      out.write(`${describeProgress(p)}\n`);
    }
    lastPhase = p.phase;
  };
}
