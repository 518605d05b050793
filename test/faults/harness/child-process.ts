import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A role started as its own process, with its pino JSON log lines kept for the test to wait on. */
export interface RoleProcess {
  child: ChildProcess;
  /** Every JSON log line so far (other stdout lines are ignored). */
  lines: Record<string, unknown>[];
  /** Resolves with the first log line (from the start) matching `match`, waiting for it up to `timeoutMs`. */
  waitForLog(
    match: (line: Record<string, unknown>) => boolean,
    what: string,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  /** Resolves with the exit code or signal once the process is gone. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends `signal` and waits for the exit. */
  stop(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startRole(script: string, env: Record<string, string>): RoleProcess {
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  const waiters = new Set<() => void>();
  const stderr: string[] = [];
  createInterface({ input: child.stdout! }).on('line', (text) => {
    try {
      lines.push(JSON.parse(text) as Record<string, unknown>);
    } catch {
      return;
    }
    for (const wake of waiters) wake();
  });
  createInterface({ input: child.stderr! }).on('line', (text) => {
    stderr.push(text);
    if (stderr.length > 50) stderr.shift();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      resolve({ code, signal });
      for (const wake of waiters) wake();
    });
  });
  let gone = false;
  void exited.then(() => {
    gone = true;
  });

  return {
    child,
    lines,
    exited,
    waitForLog(match, what, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = lines.find(match);
          if (found) return done(() => resolve(found));
          if (gone)
            return done(() => reject(new Error(`the process exited before ${what}; stderr:\n${stderr.join('\n')}`)));
        };
        const timer = setTimeout(
          () => done(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`))),
          timeoutMs,
        );
        const done = (settle: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          settle();
        };
        waiters.add(check);
        check();
      });
    },
    async stop(signal) {
      if (!gone) child.kill(signal);
      return exited;
    },
  };
}
