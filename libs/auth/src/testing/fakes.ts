import type { ApiConsumer, CatalogReader, RefreshTokenFamily, RefreshTokenStore } from '@medido/catalog';

/** In-memory fakes of the catalog ports auth depends on (the real adapters have their own contract suites). */

export function consumer(overrides: Partial<ApiConsumer> = {}): ApiConsumer {
  return {
    consumerId: 'acme',
    name: 'ACME Analytics',
    email: 'ops@acme.example',
    subject: 'acme-sub',
    grants: ['org-private'],
    expiresAt: null,
    disabled: false,
    disabledAt: null,
    disabledReason: null,
    ...overrides,
  };
}

export class InMemoryConsumers implements Pick<CatalogReader, 'getConsumer' | 'findConsumerBySubject'> {
  readonly byId = new Map<string, ApiConsumer>();
  constructor(consumers: ApiConsumer[] = []) {
    for (const c of consumers) this.put(c);
  }
  put(c: ApiConsumer): void {
    this.byId.set(c.consumerId, structuredClone(c));
  }
  update(consumerId: string, change: Partial<ApiConsumer>): void {
    this.put({ ...this.byId.get(consumerId)!, ...change });
  }
  async getConsumer(consumerId: string) {
    return structuredClone(this.byId.get(consumerId) ?? null);
  }
  async findConsumerBySubject(subject: string) {
    return structuredClone([...this.byId.values()].find((c) => c.subject === subject) ?? null);
  }
}

/** Same semantics as the port: compare-and-set rotation, reuse detectable through usedHashes. */
export class InMemoryRefreshTokens implements RefreshTokenStore {
  readonly families = new Map<string, RefreshTokenFamily>();
  async createFamily(family: RefreshTokenFamily) {
    this.families.set(family.familyId, structuredClone(family));
  }
  async findFamilyByTokenHash(hash: string) {
    const found = [...this.families.values()].find((f) => f.currentHash === hash || f.usedHashes.includes(hash));
    return found ? structuredClone(found) : null;
  }
  async rotate(
    familyId: string,
    expectedHash: string,
    next: { hash: string; issuedAt: number; idleExpiresAt: number },
  ) {
    const family = this.families.get(familyId);
    if (!family || family.revokedAt !== null || family.currentHash !== expectedHash) return false;
    family.usedHashes.push(family.currentHash);
    Object.assign(family, {
      currentHash: next.hash,
      currentIssuedAt: next.issuedAt,
      idleExpiresAt: next.idleExpiresAt,
    });
    return true;
  }
  async revokeFamily(familyId: string, reason: string, at: number) {
    const family = this.families.get(familyId);
    if (family && family.revokedAt === null) Object.assign(family, { revokedAt: at, revokedReason: reason });
  }
  async purgeExpiredFamilies(now: number) {
    const expired = [...this.families.values()].filter((f) => f.absoluteExpiresAt < now);
    for (const family of expired) this.families.delete(family.familyId);
    return expired.length;
  }
  async revokeFamiliesOfConsumer(consumerId: string, reason: string, at: number) {
    let count = 0;
    for (const family of this.families.values()) {
      if (family.consumerId === consumerId && family.revokedAt === null) {
        Object.assign(family, { revokedAt: at, revokedReason: reason });
        count++;
      }
    }
    return count;
  }
}

/** A clock tests move by hand (milliseconds since the epoch). */
export function manualClock(start = Date.UTC(2026, 3, 4, 12)) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}
