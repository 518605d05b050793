import type { CatalogReader, Device, DeviceFilter } from './catalog-store.port.ts';

const PAGE = 1_000;

/** Every meter matching the filter, following the catalog's pages, in deviceId order. */
export async function allDevices(catalog: Pick<CatalogReader, 'listDevices'>, filter: DeviceFilter): Promise<Device[]> {
  const devices: Device[] = [];
  let after: string | undefined;
  do {
    const page = await catalog.listDevices(filter, { limit: PAGE, ...(after ? { after } : {}) });
    devices.push(...page.items);
    after = page.next ?? undefined;
  } while (after);
  return devices;
}
