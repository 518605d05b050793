/**
 * Access tokens that passed every check, by their exact text, so that a consumer's next requests with
 * the same token cost one Map lookup instead of a decode, a SHA-256 (fast-jwt's cache key) and the claim
 * checks. An entry is kept until the token's `exp` or its `iat` plus the longest lifetime, whichever
 * comes first, without the clock tolerance: from then on the full check decides, tolerance included.
 * Refused tokens are never kept here. Capacity-bounded; the oldest entry goes first.
 */
export interface AcceptedTokens<T> {
  get(token: string): T | undefined;
  remember(token: string, claims: T, validUntilMs: number): void;
}

export function createAcceptedTokens<T>(capacity: number, now: () => number = Date.now): AcceptedTokens<T> {
  const entries = new Map<string, { claims: T; validUntilMs: number }>();
  return {
    get(token) {
      const entry = entries.get(token);
      if (entry === undefined) return undefined;
      if (now() < entry.validUntilMs) return entry.claims;
      entries.delete(token);
      return undefined;
    },
    remember(token, claims, validUntilMs) {
      if (capacity <= 0 || now() >= validUntilMs) return;
      if (entries.size >= capacity && !entries.has(token)) entries.delete(entries.keys().next().value!);
      entries.set(token, { claims, validUntilMs });
    },
  };
}
