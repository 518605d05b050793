import { accessTokenAudience, accessTokenIssuer, createAccessTokenIssuer, loadSigningKeys } from '@medido/auth';

/**
 * Access tokens of an API consumer `consumerId` with no grants, for a server running at `url` on
 * `dataDir`: signed with the keys that server generated there (the same issuer and audience it checks),
 * so a harness can call the read API without a login. Each call issues a fresh 15-minute token.
 */
export async function accessTokensOf(url: string, dataDir: string, consumerId: string): Promise<() => Promise<string>> {
  const keys = await loadSigningKeys({ json: '', dir: dataDir });
  const issuer = createAccessTokenIssuer(keys, {
    issuer: accessTokenIssuer(url),
    audience: accessTokenAudience(url),
    ttlSeconds: 900,
  });
  return async () => issuer.issue({ consumerId, grants: [] }).token;
}
