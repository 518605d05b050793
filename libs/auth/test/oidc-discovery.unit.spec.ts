import { describe, expect, it } from 'vitest';
import { discoverProvider } from '../src/oidc-discovery.ts';

const ISSUER = 'https://idp.example/realms/medido';
const metadata = {
  issuer: ISSUER,
  authorization_endpoint: `${ISSUER}/auth`,
  token_endpoint: `${ISSUER}/token`,
  jwks_uri: `${ISSUER}/certs`,
  response_types_supported: ['code', 'id_token'],
  code_challenge_methods_supported: ['plain', 'S256'],
  id_token_signing_alg_values_supported: ['HS256', 'RS256', 'ES256', 'none'],
};
const serve =
  (document: unknown, status = 200): typeof fetch =>
  async (input) => {
    expect(String(input)).toBe(`${ISSUER}/.well-known/openid-configuration`);
    return new Response(JSON.stringify(document), { status, headers: { 'content-type': 'application/json' } });
  };

describe('OpenID provider discovery', () => {
  it('keeps only the asymmetric ID-token algorithms Medido accepts', async () => {
    const discovered = await discoverProvider(`${ISSUER}/`, serve(metadata));
    expect(discovered.idTokenAlgorithms).toEqual(['RS256', 'ES256']);
    expect(discovered.token_endpoint).toBe(`${ISSUER}/token`);
  });

  it('assumes RS256 when the provider lists no algorithm', async () => {
    const { id_token_signing_alg_values_supported: _omitted, ...rest } = metadata;
    expect((await discoverProvider(ISSUER, serve(rest))).idTokenAlgorithms).toEqual(['RS256']);
  });

  it.each([
    ['names another issuer', { ...metadata, issuer: 'https://evil.example' }, 'names another issuer'],
    ['lacks a token endpoint', { ...metadata, token_endpoint: undefined }, 'lacks a valid token_endpoint'],
    ['has a non-http jwks_uri', { ...metadata, jwks_uri: 'javascript:alert(1)' }, 'lacks a valid jwks_uri'],
    ['offers no code flow', { ...metadata, response_types_supported: ['id_token'] }, 'authorization code flow'],
    ['offers no S256 PKCE', { ...metadata, code_challenge_methods_supported: ['plain'] }, 'PKCE with S256'],
    [
      'signs only with HMAC or none',
      { ...metadata, id_token_signing_alg_values_supported: ['HS256', 'none'] },
      'no algorithm Medido accepts',
    ],
  ])('refuses a provider that %s', async (_name, document, message) => {
    await expect(discoverProvider(ISSUER, serve(document))).rejects.toThrow(message);
  });

  it('refuses when discovery answers an error', async () => {
    await expect(discoverProvider(ISSUER, serve({}, 503))).rejects.toThrow('answered 503');
  });
});
