import type { AccessTokenClaims } from '@medido/auth';
import type { Visibility } from '@medido/contracts';

/** The authenticated API consumer of a request, built from the access token alone (no database read). */
export interface ApiCaller {
  consumerId: string;
  clientId: string;
  role: string;
  scope: string;
  /** Private organizations this consumer may read (public ones are readable by every consumer). */
  grants: ReadonlySet<string>;
  expiresAt: number;
}

export function callerFromClaims(claims: AccessTokenClaims): ApiCaller {
  return {
    consumerId: claims.sub,
    clientId: claims.client_id ?? claims.sub,
    role: claims.role,
    scope: claims.scope ?? '',
    grants: new Set(claims.grants),
    expiresAt: claims.exp * 1000,
  };
}

/**
 * The one authorization rule of the read API (ARCHITECTURE.md §2.3): public organizations are readable
 * by every consumer, private ones only with a grant. Every installation, unit, device and series
 * inherits the rule from its organization.
 */
export function mayRead(
  caller: ApiCaller,
  organization: { organizationId: string; visibility: Visibility } | null | undefined,
): boolean {
  if (!organization) return false;
  return organization.visibility === 'public' || caller.grants.has(organization.organizationId);
}
