import { describe, expect, it } from 'vitest';
import type { RefreshTokenStore } from '@medido/catalog';
import { createAccessTokenIssuer } from '../src/access-token.ts';
import { generateSigningJwk, signingKeyFromPrivateJwk } from '../src/signing-keys.ts';
import { createTokenService, type RefreshResult } from '../src/token-service.ts';
import { consumer, InMemoryConsumers, manualClock } from '../src/testing/fakes.ts';

/**
 * "Log in once" (issue 12 §8): with no absolute lifetime (the default), a login used within its idle
 * window lives on indefinitely — across the internal storage segments — while rotation, reuse
 * detection and idle expiry still hold. Run against every RefreshTokenStore adapter.
 */
const DAY = 86_400_000;
const IDLE_DAYS = 14;
const keys = [signingKeyFromPrivateJwk(generateSigningJwk())];

function setup(store: RefreshTokenStore, absoluteDays = 0) {
  const clock = manualClock(Date.now());
  const service = createTokenService({
    catalog: new InMemoryConsumers([consumer()]),
    refreshTokens: store,
    now: clock.now,
    accessTokens: createAccessTokenIssuer(keys, {
      issuer: 'https://api.medido.test',
      audience: 'https://api.medido.test/v1',
      ttlSeconds: 900,
    }),
    refreshIdleTtlSeconds: IDLE_DAYS * 86_400,
    refreshAbsoluteTtlSeconds: absoluteDays * 86_400,
  });
  return { clock, service };
}

function ok(result: RefreshResult) {
  if (!result.ok) throw new Error(`refresh refused: ${result.reason}`);
  return result.tokens;
}

export function describeRefreshLifetime(
  name: string,
  makeStore: () => RefreshTokenStore | Promise<RefreshTokenStore>,
): void {
  describe(`refresh-token lifetime (${name})`, () => {
    it('a login refreshed every 10 days lives past the old 90-day mark (a year), then dies after 14 idle days', async () => {
      const store = await makeStore();
      const { clock, service } = setup(store);
      const login = await service.issue(consumer());
      expect(login.loginExpiresIn).toBeNull();
      let current = login.refreshToken;
      for (let day = 10; day <= 370; day += 10) {
        clock.advance(10 * DAY);
        const tokens = ok(await service.refresh(current));
        expect(tokens.refreshExpiresIn).toBe(IDLE_DAYS * 86_400);
        expect(tokens.loginExpiresIn).toBeNull();
        current = tokens.refreshToken;
      }
      // Storage stays bounded: expired segments are purged and the login goes on.
      expect(await store.purgeExpiredFamilies(clock.now())).toBeGreaterThan(0);
      clock.advance(IDLE_DAYS * DAY - 1);
      current = ok(await service.refresh(current)).refreshToken;
      clock.advance(IDLE_DAYS * DAY);
      expect(await service.refresh(current)).toEqual({ ok: false, reason: 'expired' });
    });

    it('a login left idle for 14 days dies, whether fresh or long-lived', async () => {
      const { clock, service } = setup(await makeStore());
      const fresh = await service.issue(consumer());
      clock.advance(IDLE_DAYS * DAY);
      expect(await service.refresh(fresh.refreshToken)).toEqual({ ok: false, reason: 'expired' });
    });

    it('a token rotated out before a segment change, presented after it, revokes the whole login', async () => {
      const { clock, service } = setup(await makeStore());
      const first = await service.issue(consumer());
      let current = first.refreshToken;
      for (let day = 0; day < 100; day += 7) {
        clock.advance(7 * DAY);
        current = ok(await service.refresh(current)).refreshToken;
      }
      expect(await service.refresh(first.refreshToken)).toEqual({ ok: false, reason: 'reused' });
      expect(await service.refresh(current)).toEqual({ ok: false, reason: 'revoked' });
    });

    it('two concurrent uses of the token that changes segment: one wins, then the login is revoked', async () => {
      const { clock, service } = setup(await makeStore());
      let current = (await service.issue(consumer())).refreshToken;
      // 13 days before a 30-day segment ends, the next refresh would outlive it by its idle window.
      for (let day = 0; day < 17; day += 1) {
        clock.advance(DAY);
        current = ok(await service.refresh(current)).refreshToken;
      }
      const results = await Promise.all([service.refresh(current), service.refresh(current)]);
      expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: 'reused' }]);
      const winner = results.find((r) => r.ok);
      if (!winner?.ok) throw new Error('no winner');
      expect(await service.refresh(winner.tokens.refreshToken)).toEqual({ ok: false, reason: 'revoked' });
    });

    it('revoking (RFC 7009) with a token of an earlier segment ends the current one too', async () => {
      const { clock, service } = setup(await makeStore());
      const first = await service.issue(consumer());
      let current = first.refreshToken;
      for (let day = 0; day < 60; day += 10) {
        clock.advance(10 * DAY);
        current = ok(await service.refresh(current)).refreshToken;
      }
      await service.revoke(first.refreshToken);
      expect(await service.refresh(current)).toEqual({ ok: false, reason: 'revoked' });
    });

    it('an operator-set absolute lifetime (90 days) still ends a login whatever its use', async () => {
      const { clock, service } = setup(await makeStore(), 90);
      const login = await service.issue(consumer());
      expect(login.loginExpiresIn).toBe(90 * 86_400);
      let current = login.refreshToken;
      for (let day = 0; day < 84; day += 7) {
        clock.advance(7 * DAY);
        current = ok(await service.refresh(current)).refreshToken;
      }
      clock.advance(5 * DAY);
      const last = ok(await service.refresh(current));
      expect(last.refreshExpiresIn).toBe(86_400);
      expect(last.loginExpiresIn).toBe(86_400);
      clock.advance(DAY);
      expect(await service.refresh(last.refreshToken)).toEqual({ ok: false, reason: 'expired' });
    });
  });
}
