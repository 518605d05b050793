/**
 * The one polling helper of the tests and benchmarks (re-exported by test/support): calls `check` every
 * `everyMs` until it answers something other than `undefined` or `false`, and resolves to that answer.
 * A check that throws counts as "not yet" (a server still starting refuses connections); the last error
 * is named when the time runs out. To stop waiting at once (a process died), race it with that event.
 */
export async function eventually<T>(
  check: () => T | Promise<T>,
  what: string,
  timeoutMs = 60_000,
  everyMs = 50,
): Promise<Exclude<T, undefined | false>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value as Exclude<T, undefined | false>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${lastError === undefined ? '' : `: ${String(lastError)}`}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
