import type { MeterLists } from './meter-lists.ts';
import type { ScopeCatalog } from './scope-catalog.ts';
import type { OrganizationDirectory } from './organization-directory.ts';

/** What resolving a request's scope reads: catalog lookups, organization visibility and meter lists (all snapshots). */
export interface ScopeReaders {
  catalog: ScopeCatalog;
  directory: OrganizationDirectory;
  meters: MeterLists;
}
