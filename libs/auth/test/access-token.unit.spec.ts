import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  accessTokenAudience,
  accessTokenIssuer,
  createAccessTokenIssuer,
  createAccessTokenVerifier,
} from '../src/access-token.ts';
import { generateSigningJwk, jwks, signingKeyFromPrivateJwk } from '../src/signing-keys.ts';
import { attackTokens, signEdDSA, validClaims } from './forge.ts';

const key = signingKeyFromPrivateJwk(generateSigningJwk());
const stranger = signingKeyFromPrivateJwk(generateSigningJwk());
const issuer = accessTokenIssuer('https://api.medido.test/');
const audience = accessTokenAudience('https://api.medido.test/');
const settings = { issuer, audience };

describe('access tokens (RFC 9068)', () => {
  it('derives iss from the public URL and aud for the v1 read API', () => {
    expect({ issuer, audience }).toEqual({ issuer: 'https://api.medido.test', audience: 'https://api.medido.test/v1' });
  });

  it('carry typ at+jwt, EdDSA with the kid, role, grants, client_id, jti and a lifetime of at most 15 minutes', () => {
    const { token, claims, expiresIn } = createAccessTokenIssuer([key], { ...settings, ttlSeconds: 900 }).issue({
      consumerId: 'acme',
      grants: ['org-1'],
    });
    const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString());
    expect(header).toEqual({ alg: 'EdDSA', typ: 'at+jwt', kid: key.kid });
    expect(claims).toMatchObject({
      iss: issuer,
      aud: audience,
      sub: 'acme',
      client_id: 'acme',
      role: 'api_consumer',
      grants: ['org-1'],
      scope: 'read',
    });
    expect(claims.exp - claims.iat).toBe(900);
    expect(expiresIn).toBe(900);
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(() => createAccessTokenIssuer([key], { ...settings, ttlSeconds: 901 })).toThrow('at most 15 minutes');
  });

  it('verify with every published key, so tokens of the previous key survive a rotation', () => {
    const old = createAccessTokenIssuer([key], { ...settings, ttlSeconds: 600 }).issue({
      consumerId: 'acme',
      grants: [],
    }).token;
    const rotated = [stranger, key];
    const fresh = createAccessTokenIssuer(rotated, { ...settings, ttlSeconds: 600 }).issue({
      consumerId: 'acme',
      grants: [],
    }).token;
    const verifier = createAccessTokenVerifier(rotated, settings);
    expect(verifier.verify(old).ok).toBe(true);
    expect(verifier.verify(fresh).ok).toBe(true);
    expect(createAccessTokenVerifier([key], settings).verify(fresh).ok).toBe(false);
    expect(jwks(rotated).keys.map((k) => k.kid)).toEqual([stranger.kid, key.kid]);
  });

  describe('a token accepted once and remembered', () => {
    afterEach(() => vi.useRealTimers());
    const issue = () =>
      createAccessTokenIssuer([key], { ...settings, ttlSeconds: 60 }).issue({ consumerId: 'acme', grants: ['org-1'] })
        .token;

    it('is still refused as expired once its exp and the clock tolerance have passed', () => {
      vi.useFakeTimers({ now: Date.parse('2026-12-04T12:00:00Z') });
      const token = issue();
      const verifier = createAccessTokenVerifier([key], settings);
      expect(verifier.verify(token).ok).toBe(true);
      vi.setSystemTime(Date.parse('2026-12-04T12:01:04Z')); // 4 s past exp: within the 5 s tolerance
      expect(verifier.verify(token).ok).toBe(true);
      vi.setSystemTime(Date.parse('2026-12-04T12:01:06Z'));
      expect(verifier.verify(token)).toMatchObject({ ok: false, reason: 'expired' });
    });

    it('answers the same claims, which no caller can change for the next request', () => {
      const verifier = createAccessTokenVerifier([key], settings);
      const token = issue();
      const first = verifier.verify(token);
      const again = verifier.verify(token);
      if (!first.ok || !again.ok) throw new Error('the genuine token was refused');
      expect(() => first.claims.grants.push('org-2')).toThrow(TypeError);
      expect(again.claims.grants).toEqual(['org-1']);
    });

    it('is remembered by its exact text only: a one-character change is verified, and refused', () => {
      const verifier = createAccessTokenVerifier([key], settings);
      const token = issue();
      expect(verifier.verify(token).ok).toBe(true);
      const last = token.at(-2) === 'A' ? 'B' : 'A';
      expect(verifier.verify(`${token.slice(0, -2)}${last}${token.at(-1)}`)).toMatchObject({ ok: false });
    });
  });

  it('publish only public key material', () => {
    const [published] = jwks([key]).keys;
    expect(Object.keys(published!).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x']);
  });

  describe('refuse every forged or unacceptable token', () => {
    const genuine = signEdDSA(key, validClaims(issuer, audience));
    const verifier = createAccessTokenVerifier([key], settings);
    it('accepts the genuine token the attacks start from', () => {
      expect(verifier.verify(genuine)).toMatchObject({ ok: true, claims: { sub: 'acme' } });
    });
    for (const [name, attack] of Object.entries(attackTokens(key, stranger, issuer, audience, genuine))) {
      it(name, () => {
        const result = verifier.verify(attack.token);
        expect(result).toMatchObject({ ok: false, reason: attack.expect });
      });
    }
  });
});
