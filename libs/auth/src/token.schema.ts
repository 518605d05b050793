import Type from 'typebox';
import { documentedAs } from '@medido/platform';

/**
 * Shapes of the token and revocation endpoints (RFC 6749 §5.1/§5.2, RFC 7009), for validation and the
 * OpenAPI document. Requests are form-encoded (as RFC 6749 requires) or JSON with the same fields;
 * unknown parameters are ignored (RFC 6749 §3.2), repeated ones are refused.
 */
const param = (description: string) => Type.String({ minLength: 1, maxLength: 4096, description });

export const TokenRequest = Type.Object(
  {
    // Any string validates: another grant type is answered unsupported_grant_type (RFC 6749 §5.2), not invalid_request.
    grant_type: documentedAs(Type.String({ maxLength: 64, description: 'Must be `refresh_token`.' }), {
      enum: ['refresh_token'],
    }),
    refresh_token: Type.Optional(param('The refresh token from the login page or the previous refresh.')),
    client_id: Type.Optional(param('Optional: your API consumer id; when sent it must match the token.')),
    scope: Type.Optional(Type.String({ maxLength: 256, description: 'Optional: `read` (the only scope).' })),
  },
  { $id: 'TokenRequest', description: 'RFC 6749 §6 refresh request.' },
);

export const TokenResponse = Type.Object(
  {
    access_token: Type.String({ description: 'JWT access token (RFC 9068), for `Authorization: Bearer`.' }),
    token_type: Type.Literal('Bearer', { description: 'Always Bearer (RFC 6750).' }),
    expires_in: Type.Integer({ description: 'Seconds until the access token expires (at most 900).' }),
    refresh_token: Type.String({ description: 'The NEW refresh token; the one you sent is now used up.' }),
    refresh_token_expires_in: Type.Integer({ description: 'Seconds until the new refresh token expires if unused.' }),
    scope: Type.String({ description: 'Scopes granted, space-separated: read.' }),
  },
  { $id: 'TokenResponse', description: 'RFC 6749 §5.1 access token response.' },
);

export const OAuthError = Type.Object(
  {
    error: Type.Union(
      [
        'invalid_request',
        'invalid_grant',
        'unsupported_grant_type',
        'invalid_scope',
        'unsupported_token_type',
        'slow_down',
      ].map((code) => Type.Literal(code)),
      {
        $id: 'OAuthErrorCode',
        description: 'RFC 6749 §5.2 error code (slow_down: too many requests, RFC 8628 §3.5).',
      },
    ),
    error_description: Type.Optional(Type.String({ description: 'What is wrong, for the developer (RFC 6749 §5.2).' })),
  },
  { $id: 'OAuthError', description: 'RFC 6749 §5.2 error response.' },
);

export const RevokeRequest = Type.Object(
  {
    token: param('The refresh token to revoke (with every token of its login).'),
    token_type_hint: Type.Optional(
      Type.String({ maxLength: 64, description: 'Optional (RFC 7009 §2.1): refresh_token; other values are ignored.' }),
    ),
    client_id: Type.Optional(param('Optional: your API consumer id.')),
  },
  { $id: 'RevokeRequest', description: 'RFC 7009 revocation request.' },
);

/** The HTML pages of the browser login (tokens, refusal, failure), as the OpenAPI document states them. */
export const HtmlPage = (description: string) => ({ description, content: { 'text/html': { schema: Type.String() } } });
