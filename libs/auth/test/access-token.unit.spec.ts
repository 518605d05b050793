import { describe, expect, it } from 'vitest';
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
