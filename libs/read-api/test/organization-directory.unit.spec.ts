import { describe, expect, it } from 'vitest';
import { createOrganizationDirectory } from '../src/auth/organization-directory.ts';
import { inMemoryCatalog } from './fakes/in-memory-catalog.ts';

const organizations = Array.from({ length: 2_500 }, (_, i) => ({
  organizationId: `org-${String(i).padStart(4, '0')}`,
  name: `O${i}`,
  visibility: 'public' as const,
}));

describe('organization directory', () => {
  it('serves from one snapshot until it is older than the TTL, with one load for concurrent callers', async () => {
    const catalog = inMemoryCatalog({ organizations, installations: [], devices: [] });
    let clock = 0;
    const directory = createOrganizationDirectory(catalog, 5_000, () => clock);
    await Promise.all([directory.get('org-0001'), directory.all(), directory.page({ limit: 10 })]);
    expect(catalog.calls).toBe(3); // 2 500 organizations = 3 pages of 1 000, read once
    clock = 4_999;
    expect((await directory.get('org-2499'))?.name).toBe('O2499');
    expect(catalog.calls).toBe(3);
    clock = 5_000;
    await directory.get('org-0001');
    expect(catalog.calls).toBe(6);
  });

  it('pages like the catalog port: id order, after exclusive, next = last id sent', async () => {
    const directory = createOrganizationDirectory(
      inMemoryCatalog({ organizations, installations: [], devices: [] }),
      60_000,
    );
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await directory.page({ limit: 700, ...(after ? { after } : {}) });
      seen.push(...page.items.map((o) => o.organizationId));
      if (!page.next) break;
      after = page.next;
    }
    expect(seen).toEqual(organizations.map((o) => o.organizationId));
    const last = await directory.page({ limit: 5, after: 'org-2497' });
    expect({ items: last.items, next: last.next }).toEqual({ items: organizations.slice(2498), next: null });
    // Every page of one snapshot names the same snapshot (the organization list's answer memo keys on it).
    expect(last.snapshot).toBe((await directory.page({ limit: 1 })).snapshot);
  });

  it('reads through when the TTL is 0', async () => {
    const catalog = inMemoryCatalog({ organizations: organizations.slice(0, 3), installations: [], devices: [] });
    const directory = createOrganizationDirectory(catalog, 0);
    await directory.get('org-0000');
    await directory.get('org-0000');
    expect(catalog.calls).toBe(2);
  });
});
