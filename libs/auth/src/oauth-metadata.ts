import type {} from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import Type, { type TSchema } from 'typebox';
import { accessTokenAudience, accessTokenIssuer } from './access-token.ts';
import { ACCESS_SCOPE } from './token-service.ts';

/**
 * Discovery documents for generic OAuth clients, so none has to hard-code Medido's URLs:
 * - RFC 8414 authorization-server metadata of Medido's own token side (issuer = the access tokens'
 *   `iss`). Clients are public (`none`): an API consumer's client_id is its consumer id. There is no
 *   authorization endpoint for clients: the first tokens come from the browser sign-in at /auth/login.
 * - RFC 9728 protected-resource metadata of the read API. Its resource identifier is the access
 *   tokens' audience (`/v1`), so the document lives at the path-inserted well-known URL (§3.1) and
 *   names exactly that resource (§3.3).
 */
export const AUTHORIZATION_SERVER_METADATA_PATH = '/.well-known/oauth-authorization-server';
export const PROTECTED_RESOURCE_METADATA_PATH = '/.well-known/oauth-protected-resource/v1';

/** For `WWW-Authenticate: Bearer resource_metadata="…"` (RFC 9728 §5.1) on the read API's 401s. */
export function protectedResourceMetadataUrl(publicUrl: string): string {
  return `${accessTokenIssuer(publicUrl)}${PROTECTED_RESOURCE_METADATA_PATH}`;
}

const url = (description: string) => Type.String({ format: 'uri', description });
const list = (description: string) => Type.Array(Type.String(), { description });

export const AuthorizationServerMetadata = Type.Object(
  {
    issuer: url('The `iss` of Medido access tokens; this document is at its RFC 8414 well-known URL.'),
    token_endpoint: url('Refresh: `grant_type=refresh_token` (RFC 6749 §6).'),
    token_endpoint_auth_methods_supported: list(
      '`none`: public clients, identified by `client_id` = the API consumer id (optional).',
    ),
    revocation_endpoint: url('Sign-out: revokes a refresh token and every token of its sign-in (RFC 7009).'),
    revocation_endpoint_auth_methods_supported: list('`none`, as at the token endpoint.'),
    jwks_uri: url('Public keys that verify access tokens (RFC 7517).'),
    grant_types_supported: list('`refresh_token` only: the first tokens come from the browser sign-in at /auth/login.'),
    response_types_supported: list('Empty: Medido has no authorization endpoint for clients.'),
    scopes_supported: list('`read`, the only scope.'),
    protected_resources: list('The resources these tokens are for (RFC 9728 §4): the read API.'),
    service_documentation: url('Human-readable documentation of the API.'),
  },
  { $id: 'AuthorizationServerMetadata', description: 'RFC 8414 authorization server metadata.' },
);

export const ProtectedResourceMetadata = Type.Object(
  {
    resource: url('The read API: the `aud` of Medido access tokens.'),
    authorization_servers: list('Issuers whose RFC 8414 metadata says where to refresh tokens.'),
    bearer_methods_supported: list('`header`: `Authorization: Bearer <access token>` only (RFC 6750 §2.1).'),
    scopes_supported: list('`read`, the only scope.'),
    resource_name: Type.String({ description: 'Human-readable name.' }),
    resource_documentation: url('Human-readable documentation of the API.'),
  },
  { $id: 'ProtectedResourceMetadata', description: 'RFC 9728 protected resource metadata.' },
);

export async function oauthMetadataRoutes(app: FastifyInstance, options: { publicUrl: string }): Promise<void> {
  const issuer = accessTokenIssuer(options.publicUrl);
  const authorizationServer: Type.Static<typeof AuthorizationServerMetadata> = {
    issuer,
    token_endpoint: `${issuer}/auth/token`,
    token_endpoint_auth_methods_supported: ['none'],
    revocation_endpoint: `${issuer}/auth/revoke`,
    revocation_endpoint_auth_methods_supported: ['none'],
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    grant_types_supported: ['refresh_token'],
    response_types_supported: [],
    scopes_supported: [ACCESS_SCOPE],
    protected_resources: [accessTokenAudience(issuer)],
    service_documentation: `${issuer}/docs`,
  };
  const protectedResource: Type.Static<typeof ProtectedResourceMetadata> = {
    resource: accessTokenAudience(issuer),
    authorization_servers: [issuer],
    bearer_methods_supported: ['header'],
    scopes_supported: [ACCESS_SCOPE],
    resource_name: 'Medido read API',
    resource_documentation: `${issuer}/docs`,
  };
  // Both documents are public and change only with a deployment: a client may keep them for an hour.
  const serve = (path: string, { summary, schema, document }: { summary: string; schema: TSchema; document: object }) =>
    app.get(path, { schema: { tags: ['auth'], summary, response: { 200: schema } } }, async (_request, reply) =>
      reply.header('cache-control', 'public, max-age=3600').send(document),
    );
  serve(AUTHORIZATION_SERVER_METADATA_PATH, {
    summary: 'Where to refresh and revoke tokens (RFC 8414 authorization server metadata)',
    schema: AuthorizationServerMetadata,
    document: authorizationServer,
  });
  serve(PROTECTED_RESOURCE_METADATA_PATH, {
    summary: 'The read API as an OAuth protected resource (RFC 9728 metadata)',
    schema: ProtectedResourceMetadata,
    document: protectedResource,
  });
}
