import { describe, expect, it } from 'vitest';
import { keyedMutex } from '../src/keyed-mutex.ts';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('keyedMutex', () => {
  it('runs calls of one key one at a time in call order, other keys alongside, and survives a failure', async () => {
    const run = keyedMutex();
    const log: string[] = [];
    const task =
      (name: string, fail = false) =>
      async () => {
        log.push(`${name} start`);
        await tick();
        log.push(`${name} end`);
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([
      run('a', task('a1')),
      run('a', task('a2', true)),
      run('b', task('b1')),
      run('a', task('a3')),
    ]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      'a1',
      'a2',
      'b1',
      'a3',
    ]);
    const a = log.filter((l) => l.startsWith('a'));
    expect(a).toEqual(['a1 start', 'a1 end', 'a2 start', 'a2 end', 'a3 start', 'a3 end']);
    expect(log.indexOf('b1 start')).toBeLessThan(log.indexOf('a1 end'));
  });
});
