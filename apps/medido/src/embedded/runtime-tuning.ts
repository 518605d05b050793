/**
 * The Node and C-library settings of the embedded default, applied by re-executing the process once
 * at `medido start` (the settings below are read when a process starts, not later).
 *
 * Why each one (measured on the demo backfill, docs/benchmarks.md#memory-of-the-embedded-default):
 * - `--max-semi-space-size=2`: V8 sizes its young generation from the machine's memory (64 MB
 *   semi-spaces on 24 GiB); every projected batch parses readings that die young, so a small young
 *   generation costs more scavenges and saves peak memory: 8 MB saved ~100 MB against the default,
 *   2 MB another ~40 MB (peak 546–562 against 584–608 MiB, back to back), the backfill ~5 % slower.
 * - `--heap-growing-percent=20`: the old generation grows by 1.2× per collection instead of V8's
 *   default factor (up to 4×), so the heap follows the live set during a backfill. No hard cap: a
 *   process near a fixed limit dies, one that grows slowly does not.
 * - `--expose-gc`: lets the idle compaction (idle-compaction.ts) ask for a memory-reducing collection
 *   once the process is quiet; V8 otherwise keeps the pages of a busy minute for a long time.
 * - glibc malloc: chDB and node:sqlite allocate through it from ~30 threads. Two arenas and a fixed
 *   128 KiB mmap/trim threshold give freed engine buffers back to the system instead of keeping one
 *   arena per thread at its high-water mark.
 * Flags given by the user (node --…, NODE_OPTIONS) come after these, so they win.
 */
export const EMBEDDED_NODE_FLAGS = ['--max-semi-space-size=2', '--heap-growing-percent=20', '--expose-gc'] as const;
export const EMBEDDED_MALLOC_ENV = {
  MALLOC_ARENA_MAX: '2',
  MALLOC_MMAP_THRESHOLD_: '131072',
  MALLOC_TRIM_THRESHOLD_: '131072',
} as const;

/** Set on the re-executed process, so it does not re-execute again. */
const TUNED_MARKER = 'MEDIDO_EMBEDDED_RUNTIME';

/**
 * Replaces the current process with one running the same command under the embedded settings (same
 * pid, stdio and signals: `process.execve`). Returns when it is already tuned or cannot re-execute
 * (a platform without execve); the process then runs with Node's defaults, only using more memory.
 */
export function execWithEmbeddedRuntime(env: NodeJS.ProcessEnv = process.env): void {
  if (env[TUNED_MARKER] === 'tuned' || typeof process.execve !== 'function') return;
  const [script, ...args] = process.argv.slice(1);
  if (script === undefined) return;
  process.execve(process.execPath, [process.execPath, ...EMBEDDED_NODE_FLAGS, ...process.execArgv, script, ...args], {
    ...EMBEDDED_MALLOC_ENV,
    ...env,
    [TUNED_MARKER]: 'tuned',
  });
}
