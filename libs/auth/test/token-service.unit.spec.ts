import { describe, expect, it } from 'vitest';
import { createAccessTokenIssuer, createAccessTokenVerifier } from '../src/access-token.ts';
import { hashRefreshToken, REFRESH_TOKEN_PREFIX } from '../src/refresh-token.ts';
import { signingKeyFromPrivateJwk, generateSigningJwk } from '../src/signing-keys.ts';
import { createTokenService } from '../src/token-service.ts';
import { consumer, InMemoryConsumers, InMemoryRefreshTokens, manualClock } from '../src/testing/fakes.ts';

const DAY = 86_400_000;
const keys = [signingKeyFromPrivateJwk(generateSigningJwk())];
const settings = { issuer: 'https://api.medido.test', audience: 'https://api.medido.test/v1' };
const verifier = createAccessTokenVerifier(keys, settings);

function setup() {
  const clock = manualClock();
  const consumers = new InMemoryConsumers([
    consumer(),
    consumer({ consumerId: 'other', subject: 'other-sub', grants: [] }),
  ]);
  const store = new InMemoryRefreshTokens();
  const service = createTokenService({
    catalog: consumers,
    refreshTokens: store,
    now: clock.now,
    accessTokens: createAccessTokenIssuer(keys, { ...settings, ttlSeconds: 900 }),
    refreshIdleTtlSeconds: 14 * 86_400,
    refreshAbsoluteTtlSeconds: 30 * 86_400,
  });
  return { clock, consumers, store, service };
}

describe('token service', () => {
  it('issues a verifiable access token and an opaque refresh token stored only as its SHA-256', async () => {
    const { service, store } = setup();
    const tokens = await service.issue(consumer());
    expect(tokens).toMatchObject({
      consumerId: 'acme',
      tokenType: 'Bearer',
      expiresIn: 900,
      refreshExpiresIn: 14 * 86_400,
      scope: 'read',
    });
    expect(tokens.refreshToken).toMatch(new RegExp(`^${REFRESH_TOKEN_PREFIX}[A-Za-z0-9_-]{43}$`));
    const verified = verifier.verify(tokens.accessToken);
    expect(verified).toMatchObject({
      ok: true,
      claims: { sub: 'acme', client_id: 'acme', role: 'api_consumer', grants: ['org-private'], scope: 'read' },
    });
    const [family] = [...store.families.values()];
    expect(family!.currentHash).toBe(hashRefreshToken(tokens.refreshToken));
    expect(JSON.stringify(family)).not.toContain(tokens.refreshToken);
  });

  it('rotates on every use: the new token works, the old one is refused', async () => {
    const { service } = setup();
    const first = await service.issue(consumer());
    const second = await service.refresh(first.refreshToken);
    expect(second.ok).toBe(true);
    if (!second.ok) return;
    expect(second.tokens.refreshToken).not.toBe(first.refreshToken);
    const third = await service.refresh(second.tokens.refreshToken);
    expect(third.ok).toBe(true);
  });

  it('revokes the whole family when a rotated-out token is presented again (RFC 9700 §4.14.2)', async () => {
    const { service, store } = setup();
    const first = await service.issue(consumer());
    const second = await service.refresh(first.refreshToken);
    if (!second.ok) throw new Error('refresh failed');
    expect(await service.refresh(first.refreshToken)).toEqual({ ok: false, reason: 'reused' });
    expect(await service.refresh(second.tokens.refreshToken)).toEqual({ ok: false, reason: 'revoked' });
    expect([...store.families.values()][0]).toMatchObject({ revokedReason: 'reuse' });
  });

  it('treats two concurrent uses of one token as reuse: one wins, then the family is revoked', async () => {
    const { service } = setup();
    const first = await service.issue(consumer());
    const results = await Promise.all([service.refresh(first.refreshToken), service.refresh(first.refreshToken)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: 'reused' }]);
    const winner = results.find((r) => r.ok);
    if (!winner?.ok) throw new Error('no winner');
    expect(await service.refresh(winner.tokens.refreshToken)).toEqual({ ok: false, reason: 'revoked' });
  });

  it('expires a token left unused for the idle lifetime, and every family at its absolute lifetime', async () => {
    const { service, clock } = setup();
    const idle = await service.issue(consumer());
    clock.advance(14 * DAY);
    expect(await service.refresh(idle.refreshToken)).toEqual({ ok: false, reason: 'expired' });

    let current = (await service.issue(consumer())).refreshToken;
    for (let day = 0; day < 29; day++) {
      clock.advance(DAY);
      const next = await service.refresh(current);
      if (!next.ok) throw new Error(`refresh failed on day ${day}: ${next.reason}`);
      current = next.tokens.refreshToken;
      // Idle expiry is capped by the absolute one.
      expect(next.tokens.refreshExpiresIn).toBe(Math.min(14, 30 - (day + 1)) * 86_400);
    }
    clock.advance(DAY);
    expect(await service.refresh(current)).toEqual({ ok: false, reason: 'expired' });
  });

  it('re-reads the consumer: changed grants land in the next access token', async () => {
    const { service, consumers } = setup();
    const first = await service.issue(consumer());
    consumers.update('acme', { grants: ['org-private', 'org-second'] });
    const next = await service.refresh(first.refreshToken);
    if (!next.ok) throw new Error('refresh failed');
    expect(verifier.verify(next.tokens.accessToken)).toMatchObject({
      ok: true,
      claims: { grants: ['org-private', 'org-second'] },
    });
  });

  it('refuses and revokes when the consumer was disabled or has expired; re-enabling does not revive the family', async () => {
    const { service, consumers, clock } = setup();
    const disabled = await service.issue(consumer());
    consumers.update('acme', { disabled: true, disabledAt: new Date(clock.now()).toISOString() });
    expect(await service.refresh(disabled.refreshToken)).toEqual({ ok: false, reason: 'consumer_inactive' });
    consumers.update('acme', { disabled: false, disabledAt: null });
    expect(await service.refresh(disabled.refreshToken)).toEqual({ ok: false, reason: 'revoked' });

    const expiring = await service.issue(consumer());
    consumers.update('acme', { expiresAt: new Date(clock.now() + 1000).toISOString() });
    clock.advance(1000);
    expect(await service.refresh(expiring.refreshToken)).toEqual({ ok: false, reason: 'consumer_inactive' });
  });

  it('refuses guessed, malformed and foreign-client tokens without touching the family', async () => {
    const { service, store } = setup();
    const issued = await service.issue(consumer());
    const guessed = `${REFRESH_TOKEN_PREFIX}${'A'.repeat(43)}`;
    expect(await service.refresh(guessed)).toEqual({ ok: false, reason: 'unknown' });
    expect(await service.refresh('not-a-token')).toEqual({ ok: false, reason: 'malformed' });
    expect(await service.refresh(issued.refreshToken, { clientId: 'other' })).toEqual({
      ok: false,
      reason: 'client_mismatch',
    });
    expect([...store.families.values()][0]).toMatchObject({ revokedAt: null });
    expect((await service.refresh(issued.refreshToken, { clientId: 'acme' })).ok).toBe(true);
  });

  it('revokes a family through any of its tokens, ignores unknown ones and other clients', async () => {
    const { service } = setup();
    const issued = await service.issue(consumer());
    await service.revoke(`${REFRESH_TOKEN_PREFIX}${'B'.repeat(43)}`);
    await service.revoke(issued.refreshToken, { clientId: 'other' });
    const next = await service.refresh(issued.refreshToken);
    if (!next.ok) throw new Error('refresh failed');
    await service.revoke(next.tokens.refreshToken);
    expect(await service.refresh(next.tokens.refreshToken)).toEqual({ ok: false, reason: 'revoked' });
  });
});
