import Type from 'typebox';
import type { ErrorCode } from '@medido/contracts';

/**
 * Codes every authenticated /v1 route may answer. URI_TOO_LONG (414) and REQUEST_HEADERS_TOO_LARGE (431):
 * the URL, or the request line and headers, exceed the server's 16 KiB, which long query values (a cursor,
 * deviceIds) can reach.
 */
export const AUTH_PROBLEMS: ErrorCode[] = [
  'AUTH_TOKEN_MISSING',
  'AUTH_TOKEN_INVALID',
  'AUTH_TOKEN_EXPIRED',
  'AUTH_ROLE_REQUIRED',
  'RATE_LIMITED',
  'REQUEST_INVALID',
  'URI_TOO_LONG',
  'REQUEST_HEADERS_TOO_LARGE',
  // While no access record can be kept (docs/operations.md, Access records).
  'ACCESS_LOG_UNAVAILABLE',
];

/**
 * Codes every measurement route (/measurements, /latest, /consumption) may answer: AUTH_PROBLEMS, no acceptable
 * representation (content-negotiation.ts), no scope given, and a parameter refused (measurement-parameters.ts).
 * Each route adds its own after these, in the order its OpenAPI document lists them.
 */
export const MEASUREMENT_PROBLEMS: ErrorCode[] = [
  ...AUTH_PROBLEMS,
  'NOT_ACCEPTABLE',
  'MEASUREMENTS_SCOPE_REQUIRED',
  'MEASUREMENTS_PARAMETER_INVALID',
];

/** A scope (installation, unit, meter) that does not exist, or that the caller may not read: both answer 404. */
export const SCOPE_NOT_FOUND: ErrorCode[] = ['INSTALLATION_NOT_FOUND', 'UNIT_NOT_FOUND', 'DEVICE_NOT_FOUND'];

export const Cursor = Type.String({
  minLength: 1,
  maxLength: 4096,
  description: 'Opaque cursor: the `nextCursor` of the previous page, unchanged, with the same other parameters.',
});
export const NextCursor = Type.Union([Type.String(), Type.Null()], {
  description: 'Pass as `cursor` to get the next page; null on the last page.',
});

export function pageQuery(defaultLimit: number, maxLimit: number) {
  return {
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: maxLimit,
        default: defaultLimit,
        description: `Items per page (1–${maxLimit}).`,
      }),
    ),
    cursor: Type.Optional(Cursor),
  };
}

export const IdParams = (name: string, description: string) =>
  Type.Object({ id: Type.String({ minLength: 1, maxLength: 128, description: `${name} identifier: ${description}` }) });

/** Applied to every authenticated route in the OpenAPI document. */
export const BEARER_SECURITY = [{ bearerAuth: [] as string[] }];
