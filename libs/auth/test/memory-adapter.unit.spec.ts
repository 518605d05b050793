import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryAdapterFactory } from '../src/embedded-oidc/memory-adapter.ts';

afterEach(() => vi.useRealTimers());

describe('embedded provider storage', () => {
  it('keeps models apart, finds sessions by uid, and forgets entries when they expire', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 3, 4) });
    const adapterFor = createMemoryAdapterFactory();
    const sessions = adapterFor('Session');
    await sessions.upsert('s1', { uid: 'u1', accountId: 'demo-consumer' }, 60);
    expect(await adapterFor('Grant').find('s1')).toBeUndefined();
    expect(await sessions.findByUid('u1')).toEqual({ uid: 'u1', accountId: 'demo-consumer' });
    vi.advanceTimersByTime(60_000);
    expect(await sessions.find('s1')).toBeUndefined();
    expect(await sessions.findByUid('u1')).toBeUndefined();
  });

  it('marks codes consumed and revokes everything of a grant', async () => {
    const adapterFor = createMemoryAdapterFactory();
    const codes = adapterFor('AuthorizationCode');
    const tokens = adapterFor('AccessToken');
    await codes.upsert('c1', { grantId: 'g1' }, 60);
    await tokens.upsert('t1', { grantId: 'g1' }, 600);
    await tokens.upsert('t2', { grantId: 'g2' }, 600);
    await codes.consume('c1');
    expect((await codes.find('c1'))?.consumed).toEqual(expect.any(Number));
    await tokens.revokeByGrantId('g1');
    expect([await codes.find('c1'), await tokens.find('t1')]).toEqual([undefined, undefined]);
    expect(await tokens.find('t2')).toEqual({ grantId: 'g2' });
  });
});
