import type { CatalogReader, Organization, Page, PageRequest } from '@medido/catalog';

/**
 * Every organization, read through a short-lived snapshot: authorization needs their visibility on
 * every request, GET /v1/organizations lists them, and the list is small and changes rarely. A visibility change is seen within `ttlMs` (grants
 * themselves travel in access tokens, which live ≤ 15 minutes). `ttlMs` 0 reads through every time.
 */
export interface OrganizationDirectory {
  get(organizationId: string): Promise<Organization | null>;
  all(): Promise<Organization[]>;
  /** A page of the list in id order, with the catalog port's paging contract (`after` exclusive). */
  page(request: PageRequest): Promise<Page<Organization>>;
}

const PAGE = 1_000;

export function createOrganizationDirectory(
  catalog: CatalogReader,
  ttlMs: number,
  now: () => number = Date.now,
): OrganizationDirectory {
  let snapshot: { at: number; byId: Map<string, Organization>; list: Organization[] } | undefined;
  let loading: Promise<NonNullable<typeof snapshot>> | undefined;

  async function load() {
    const list: Organization[] = [];
    let after: string | undefined;
    do {
      const page = await catalog.listOrganizations({ limit: PAGE, ...(after ? { after } : {}) });
      list.push(...page.items);
      after = page.next ?? undefined;
    } while (after);
    // Ids are ASCII (contracts' Identifier), so code-unit order is the port's id order; sort anyway for the bisection.
    list.sort((a, b) => (a.organizationId < b.organizationId ? -1 : a.organizationId > b.organizationId ? 1 : 0));
    return { at: now(), list, byId: new Map(list.map((o) => [o.organizationId, o])) };
  }

  async function current() {
    if (snapshot && now() - snapshot.at < ttlMs) return snapshot;
    // One load at a time: concurrent requests share it instead of stampeding the catalog.
    loading ??= load()
      .then((s) => {
        snapshot = s;
        return s;
      })
      .finally(() => {
        loading = undefined;
      });
    return loading;
  }

  return {
    async get(organizationId) {
      if (ttlMs <= 0) return catalog.getOrganization(organizationId);
      return (await current()).byId.get(organizationId) ?? null;
    },
    async all() {
      return ttlMs <= 0 ? (await load()).list : (await current()).list;
    },
    async page({ after, limit }) {
      const list = ttlMs <= 0 ? (await load()).list : (await current()).list;
      // The snapshot is in id order (the port lists so): the first id after the cursor by bisection.
      let lo = 0;
      let hi = list.length;
      while (after !== undefined && lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid]!.organizationId <= after) lo = mid + 1;
        else hi = mid;
      }
      const items = list.slice(lo, lo + limit);
      return { items, next: lo + limit < list.length ? items[items.length - 1]!.organizationId : null };
    },
  };
}
