import type { CatalogReader } from '@medido/catalog';
import type { MeterLists } from './meter-lists.ts';
import type { OrganizationDirectory } from './organization-directory.ts';

/** What resolving a request's scope reads: the catalog, organization visibility and meter lists. */
export interface ScopeReaders {
  catalog: CatalogReader;
  directory: OrganizationDirectory;
  meters: MeterLists;
}
