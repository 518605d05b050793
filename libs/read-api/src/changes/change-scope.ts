import type { ChangeFilter, ChangeRecord } from '@medido/catalog';
import { isChangeCursor } from '@medido/catalog';
import { CHANGE_EVENT_TYPES, type ChangeEvent, type ChangeEventType } from '@medido/contracts';
import { MedidoError } from '@medido/platform';
import { mayRead, type ApiCaller } from '../auth/api-caller.ts';
import type { OrganizationDirectory } from '../auth/organization-directory.ts';

export interface ChangeQuery {
  installationId?: string | undefined;
  unitId?: string | undefined;
  deviceId?: string | undefined;
  type?: string | undefined;
}

/** A cursor this feed issued, or a CURSOR_INVALID problem (a typo must not silently restart the feed). */
export function parseAfter(after: string | undefined): string | undefined {
  if (after === undefined || after === '') return undefined;
  if (!isChangeCursor(after))
    throw new MedidoError(
      'CURSOR_INVALID',
      `${JSON.stringify(after.slice(0, 64))} is not a change cursor: pass a \`cursor\` or \`next\` this feed returned`,
    );
  return after;
}

function parseTypes(text: string | undefined): ChangeEventType[] | undefined {
  if (text === undefined || text === '') return undefined;
  const types = text.split(',').map((t) => t.trim());
  const unknown = types.filter((t) => !(CHANGE_EVENT_TYPES as string[]).includes(t));
  if (unknown.length > 0)
    throw new MedidoError(
      'REQUEST_INVALID',
      `unknown change type ${JSON.stringify(unknown[0])}: use ${CHANGE_EVENT_TYPES.join(', ')}`,
    );
  return [...new Set(types)] as ChangeEventType[];
}

/**
 * The log filter for a caller: the filters asked, ANDed with the organizations it may read (public
 * ones and its grants). A scope it may not read selects nothing, exactly like one without changes, so
 * the feed tells nobody that a private installation exists.
 */
export async function changeFilterFor(
  caller: ApiCaller,
  query: ChangeQuery,
  organizations: OrganizationDirectory,
): Promise<ChangeFilter> {
  const readable = (await organizations.all()).filter((o) => mayRead(caller, o)).map((o) => o.organizationId);
  const types = parseTypes(query.type);
  return {
    organizationIds: readable,
    ...(query.installationId !== undefined && { installationIds: [query.installationId] }),
    ...(query.unitId !== undefined && { unitId: query.unitId }),
    ...(query.deviceId !== undefined && { deviceIds: [query.deviceId] }),
    ...(types && { types }),
  };
}

/** What consumers see: the stored record without the log's own index field. */
export function publicChange({ deviceIds: _deviceIds, ...event }: ChangeRecord): ChangeEvent {
  return event as ChangeEvent;
}
