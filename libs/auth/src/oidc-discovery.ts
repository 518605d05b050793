/**
 * OpenID Provider metadata, fetched from the issuer and checked before any login uses it.
 * @see https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderConfig
 */
export interface ProviderMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  response_types_supported?: string[];
  code_challenge_methods_supported?: string[];
  id_token_signing_alg_values_supported?: string[];
  /** RFC 9207 §3: every authorization response then carries `iss`. */
  authorization_response_iss_parameter_supported?: boolean;
}

/**
 * Asymmetric algorithms Medido accepts for ID tokens. `none` and the HS* family are never accepted:
 * an HMAC "signature" keyed with the client secret or a public key proves nothing about the provider.
 */
export const ID_TOKEN_ALGORITHMS = ['RS256', 'PS256', 'ES256', 'EdDSA'] as const;

const DISCOVERY_TIMEOUT_MS = 5_000;

export function normalizeIssuer(issuer: string): string {
  return issuer.endsWith('/') ? issuer.slice(0, -1) : issuer;
}

function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const url = URL.parse(value);
  return url !== null && (url.protocol === 'https:' || url.protocol === 'http:');
}

export async function discoverProvider(
  issuer: string,
  fetchImpl: typeof fetch = fetch,
): Promise<ProviderMetadata & { idTokenAlgorithms: string[] }> {
  const expected = normalizeIssuer(issuer);
  const response = await fetchImpl(`${expected}/.well-known/openid-configuration`, {
    headers: { accept: 'application/json' },
    redirect: 'error',
    signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`OpenID discovery at ${expected} answered ${response.status}`);
  const metadata = (await response.json()) as Partial<ProviderMetadata>;
  // Discovery §4.3: the document must name exactly the issuer we asked, or someone else's keys and
  // endpoints could be substituted.
  if (typeof metadata.issuer !== 'string' || normalizeIssuer(metadata.issuer) !== expected) {
    throw new Error(`OpenID discovery at ${expected} names another issuer (${String(metadata.issuer)})`);
  }
  for (const field of ['authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const) {
    if (!isHttpUrl(metadata[field])) throw new Error(`OpenID discovery at ${expected} lacks a valid ${field}`);
  }
  if (metadata.response_types_supported && !metadata.response_types_supported.includes('code')) {
    throw new Error(`the provider at ${expected} does not support the authorization code flow`);
  }
  if (metadata.code_challenge_methods_supported && !metadata.code_challenge_methods_supported.includes('S256')) {
    throw new Error(`the provider at ${expected} does not support PKCE with S256`);
  }
  // OIDC Core says RS256 when the provider does not list its algorithms.
  const offered = metadata.id_token_signing_alg_values_supported ?? ['RS256'];
  const idTokenAlgorithms = ID_TOKEN_ALGORITHMS.filter((alg) => offered.includes(alg));
  if (idTokenAlgorithms.length === 0)
    throw new Error(
      `the provider at ${expected} signs ID tokens with no algorithm Medido accepts (${offered.join(', ')})`,
    );
  return { ...(metadata as ProviderMetadata), idTokenAlgorithms };
}
