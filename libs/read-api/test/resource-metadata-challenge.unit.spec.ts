import { describe, expect, it } from 'vitest';
import {
  createAccessTokenVerifier,
  generateSigningJwk,
  protectedResourceMetadataUrl,
  signingKeyFromPrivateJwk,
} from '@medido/auth';
import { harness } from './fakes/harness.ts';
import { AUDIENCE, ISSUER } from './fakes/tokens.ts';

/**
 * A generic client that meets a 401 learns from the challenge where the resource's RFC 9728 metadata
 * is (§5.1), and from there Medido's token endpoint: nothing to hard-code.
 */
describe("the read API's 401 challenges name its protected-resource metadata", () => {
  it.each([
    ['no token', null, /^Bearer realm="medido", resource_metadata="([^"]+)"$/],
    [
      'a forged token',
      'eyJhbGciOiJFZERTQSJ9.e30.AAAA',
      /^Bearer realm="medido", resource_metadata="([^"]+)", error="invalid_token"/,
    ],
  ])('%s', async (_name, token, challenge) => {
    const verifier = createAccessTokenVerifier([signingKeyFromPrivateJwk(generateSigningJwk())], {
      issuer: ISSUER,
      audience: AUDIENCE,
      resourceMetadataUrl: protectedResourceMetadataUrl(ISSUER),
    });
    const h = await harness({ overrides: { verifier } });
    const response = await h.get('/v1/organizations', token);
    expect(response.status).toBe(401);
    const [, url] = challenge.exec(String(response.headers['www-authenticate'])) ?? [];
    expect(url).toBe(`${ISSUER}/.well-known/oauth-protected-resource/v1`);
    await h.app.close();
  });
});
