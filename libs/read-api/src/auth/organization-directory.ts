import type { CatalogReader, Organization, Page, PageRequest } from '@medido/catalog';
import { createSnapshots } from './snapshots.ts';

/**
 * Every organization, read through a short-lived snapshot: authorization needs their visibility on
 * every request, GET /v1/organizations lists them, and the list is small and changes rarely. A visibility change is seen within `ttlMs` (grants
 * themselves travel in access tokens, which live ≤ 15 minutes). `ttlMs` 0 reads through every time.
 */
export interface OrganizationDirectory {
  get(organizationId: string): Promise<Organization | null>;
  all(): Promise<Organization[]>;
  /**
   * A page of the list in id order, with the catalog port's paging contract (`after` exclusive), and the
   * snapshot it was cut from (the same object until the snapshot is replaced: a key for answer memos).
   */
  page(request: PageRequest): Promise<Page<Organization> & { snapshot: readonly Organization[] }>;
}

const PAGE = 1_000;

interface Directory {
  list: Organization[];
  byId: Map<string, Organization>;
}

export function createOrganizationDirectory(
  catalog: CatalogReader,
  ttlMs: number,
  now: () => number = Date.now,
): OrganizationDirectory {
  // One snapshot of the whole list, read again before answering once `ttlMs` old (no stale answers:
  // visibility decides authorization); concurrent requests share one read.
  const snapshots = createSnapshots<Directory>({ ttlMs, staleMs: ttlMs, maxEntries: 1, now });

  async function load(): Promise<Directory> {
    const list: Organization[] = [];
    let after: string | undefined;
    do {
      const page = await catalog.listOrganizations({ limit: PAGE, ...(after ? { after } : {}) });
      list.push(...page.items);
      after = page.next ?? undefined;
    } while (after);
    // Ids are ASCII (contracts' Identifier), so code-unit order is the port's id order; sort anyway for the bisection.
    list.sort((a, b) => (a.organizationId < b.organizationId ? -1 : a.organizationId > b.organizationId ? 1 : 0));
    return { list, byId: new Map(list.map((o) => [o.organizationId, o])) };
  }

  /** The snapshot (or, with `ttlMs` 0, a fresh read); never null: an empty catalog is an empty list. */
  const current = async () => (await snapshots.get('organizations', load))!;

  return {
    async get(organizationId) {
      if (ttlMs <= 0) return catalog.getOrganization(organizationId);
      return (await current()).byId.get(organizationId) ?? null;
    },
    async all() {
      return (await current()).list;
    },
    async page({ after, limit }) {
      const { list } = await current();
      // The snapshot is in id order (the port lists so): the first id after the cursor by bisection.
      let lo = 0;
      let hi = list.length;
      while (after !== undefined && lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid]!.organizationId <= after) lo = mid + 1;
        else hi = mid;
      }
      const items = list.slice(lo, lo + limit);
      return { items, next: lo + limit < list.length ? items[items.length - 1]!.organizationId : null, snapshot: list };
    },
  };
}
