import Type from 'typebox';

/**
 * The registry of stable error codes: clients branch on `code`, never on `title` or `detail`.
 * One entry per code: its HTTP status and a short title. Adding a code is backward compatible;
 * renaming or removing one is a breaking change.
 */
export const ERROR_CODES = {
  // Generic request errors
  REQUEST_INVALID: { status: 400, title: 'The request is invalid' },
  REQUEST_BODY_MALFORMED: { status: 400, title: 'The request body is not valid JSON' },
  REQUEST_BODY_TOO_LARGE: { status: 413, title: 'The request body is too large' },
  MEDIA_TYPE_UNSUPPORTED: { status: 415, title: 'The content type is not supported' },
  CONTENT_ENCODING_UNSUPPORTED: { status: 415, title: 'The content encoding is not supported' },
  REQUEST_BODY_ENCODING_INVALID: { status: 400, title: 'The request body does not decode with its Content-Encoding' },
  REQUEST_BODY_DUPLICATE_MEMBER: { status: 400, title: 'A JSON object of the body has the same member twice' },
  REQUEST_BODY_FORBIDDEN_MEMBER: { status: 400, title: 'The body has a member name that is refused (__proto__)' },
  NOT_ACCEPTABLE: { status: 406, title: 'No acceptable representation' },
  ROUTE_NOT_FOUND: { status: 404, title: 'No such route' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  REQUEST_HEADERS_TOO_LARGE: { status: 431, title: 'The request line and headers are too large' },
  REQUEST_TIMEOUT: { status: 408, title: 'The request was not received in time' },
  URI_TOO_LONG: { status: 414, title: 'The request URL is too long' },
  // Authentication and authorization
  AUTH_TOKEN_MISSING: { status: 401, title: 'An access token is required' },
  AUTH_TOKEN_INVALID: { status: 401, title: 'The access token is invalid' },
  AUTH_TOKEN_EXPIRED: { status: 401, title: 'The access token has expired' },
  AUTH_CREDENTIAL_INVALID: { status: 401, title: 'The credential is invalid' },
  AUTH_FORBIDDEN: { status: 403, title: 'Not allowed for this caller' },
  AUTH_ROLE_REQUIRED: { status: 403, title: 'This route needs the API consumer role' },
  // Catalog resources
  ORGANIZATION_NOT_FOUND: { status: 404, title: 'Organization not found' },
  INSTALLATION_NOT_FOUND: { status: 404, title: 'Installation not found' },
  UNIT_NOT_FOUND: { status: 404, title: 'Unit not found' },
  DEVICE_NOT_FOUND: { status: 404, title: 'Device not found' },
  CONSUMER_NOT_FOUND: { status: 404, title: 'API consumer not found' },
  CONSUMER_ALREADY_EXISTS: { status: 409, title: 'API consumer already exists' },
  CONSUMER_SUBJECT_TAKEN: { status: 409, title: 'Another API consumer has this identity provider subject' },
  CATALOG_FILTER_INVALID: { status: 400, title: 'A catalog list filter is invalid' },
  // Webhook subscriptions
  SUBSCRIPTION_NOT_FOUND: { status: 404, title: 'Subscription not found' },
  SUBSCRIPTION_SCOPE_INVALID: {
    status: 400,
    title: 'Give exactly one of installationId, unitId and deviceIds, all in one installation',
  },
  SUBSCRIPTION_LIMIT_REACHED: {
    status: 409,
    title: 'The caller has as many subscriptions as allowed; delete one first',
  },
  WEBHOOK_URL_REFUSED: {
    status: 400,
    title: 'The webhook URL is not allowed (scheme, credentials, or a host that resolves to a non-public address)',
  },
  // Measurements queries
  MEASUREMENTS_WINDOW_INVALID: { status: 400, title: 'The time window is invalid' },
  MEASUREMENTS_WINDOW_TOO_LARGE: { status: 400, title: 'The time window is too large for this frequency' },
  MEASUREMENTS_SCOPE_REQUIRED: { status: 400, title: 'installationId or unitId is required' },
  MEASUREMENTS_PARAMETER_INVALID: { status: 400, title: 'A query parameter is invalid' },
  TIMEZONE_UNKNOWN: { status: 400, title: 'Unknown time zone' },
  CURSOR_INVALID: { status: 400, title: 'The cursor is invalid or belongs to another query' },
  MEASUREMENTS_DEVICE_NOT_IN_SCOPE: { status: 400, title: 'A requested device is not in the installation or unit' },
  MEASUREMENTS_VARIABLE_UNKNOWN: { status: 400, title: 'No selected device has the requested variable' },
  // Ingest
  INGEST_BATCH_EMPTY: { status: 400, title: 'The batch holds no item' },
  INGEST_BATCH_TOO_LARGE: { status: 413, title: 'The batch holds too many items' },
  EVENT_BUS_UNAVAILABLE: { status: 503, title: 'The event bus did not acknowledge; retry later' },
  // Server side
  DEPENDENCY_UNAVAILABLE: { status: 503, title: 'A dependency is unavailable; retry later' },
  ACCESS_LOG_UNAVAILABLE: {
    status: 503,
    title: 'Reads are paused: access records cannot be kept right now; retry later',
  },
  INTERNAL: { status: 500, title: 'Internal error' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Per-item rejection codes in ingest answers (202 with `rejected`). */
export const ITEM_REJECTION_CODES = [
  'READING_INVALID',
  'READING_VALUE_NOT_FINITE',
  'READING_TIMESTAMP_INVALID',
  'READING_TIMESTAMP_IN_FUTURE',
  'READING_TIMESTAMP_TOO_OLD',
  'EVENT_INVALID',
  'EVENT_TYPE_UNKNOWN',
  'EVENT_DATA_INVALID',
  'READING_VALUE_OUT_OF_RANGE',
  'READING_DUPLICATE_MEMBER',
  'READING_FORBIDDEN_MEMBER',
] as const;
export type ItemRejectionCode = (typeof ITEM_REJECTION_CODES)[number];

/** RFC 9457 problem details, with Medido's stable `code` and optional field-level `errors`. */
export const Problem = Type.Object(
  {
    type: Type.String({
      format: 'uri',
      description: 'URI of the problem type: https://medido.dev/problems/ followed by the code in kebab case.',
    }),
    title: Type.String({
      description:
        'Short summary of the problem type, the same for every occurrence of a code; for people, not for branching.',
    }),
    status: Type.Integer({ minimum: 400, maximum: 599, description: 'The HTTP status code of this answer.' }),
    code: Type.String({
      description: 'Stable machine-readable error code (e.g. MEASUREMENTS_WINDOW_TOO_LARGE): branch on this.',
    }),
    detail: Type.Optional(Type.String({ description: 'What went wrong in this occurrence, for people.' })),
    instance: Type.Optional(
      Type.String({ description: 'The request this problem is about: its path and query string as sent.' }),
    ),
    errors: Type.Optional(
      Type.Array(
        Type.Object(
          {
            path: Type.String({ description: 'JSON pointer (RFC 6901) or parameter path of the offending value.' }),
            message: Type.String({ description: 'What is wrong with it.' }),
          },
          { $id: 'ProblemFieldError', description: 'One invalid field of the request.' },
        ),
        { description: 'Field-level failures, when the request did not validate.' },
      ),
    ),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details (application/problem+json).' },
);
export type Problem = Type.Static<typeof Problem>;

export const PROBLEM_TYPE_BASE = 'https://medido.dev/problems/';
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
