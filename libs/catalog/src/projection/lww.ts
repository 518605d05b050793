import { newer, maxVersion, type Version } from './version.ts';

/**
 * Per-field last-writer-wins bookkeeping of one entity (an organization, an installation, a unit, a
 * device, a consumer). The final state is a function of the SET of events seen, not of their order:
 * - each field remembers the version of the event that set it, and only a newer event overwrites it;
 * - a removal is a tombstone: it forgets every field set before it and ignores every older write, so
 *   a late event cannot resurrect what a newer removal deleted; a newer registration brings it back;
 * - forgotten versions are deleted, not kept, so documents reached in different orders are identical.
 * This equals folding the events sorted by version, where an update of a removed entity is recorded
 * (visible if the entity is registered again later) and a removal wipes the entity's state.
 */
export interface Lifecycle {
  /** Newest registration still in force (absent: never registered, or removed since). */
  born?: Version;
  /** Newest removal: the floor under which every write is ignored. */
  died?: Version;
  /** Version of the event that set each field. */
  fields: Record<string, Version>;
}

export interface Tracked {
  _meta: Lifecycle;
}

export function emptyLifecycle(): Lifecycle {
  return { fields: {} };
}

/** Sets `doc[field]` when `v` is newer than the field's version and than the floor. */
export function put<D extends Tracked, K extends Exclude<keyof D, '_meta'> & string>(
  doc: D,
  field: K,
  value: D[K],
  v: Version,
  floor: Version | undefined = doc._meta.died,
): boolean {
  if (!newer(v, floor) || !newer(v, doc._meta.fields[field])) return false;
  doc[field] = value;
  doc._meta.fields[field] = v;
  return true;
}

/** Records a registration at `v` unless a newer removal (or `floor`) already happened. */
export function register(meta: Lifecycle, v: Version, floor: Version | undefined = meta.died): boolean {
  if (!newer(v, floor) || !newer(v, meta.born)) return false;
  meta.born = v;
  return true;
}

/**
 * Removal at `v`: fields set before it are reset to `defaults` and their versions forgotten; an older
 * registration is forgotten. Returns whether anything changed.
 */
export function bury<D extends Tracked>(doc: D, defaults: Partial<Omit<D, '_meta'>>, v: Version): boolean {
  const meta = doc._meta;
  if (!newer(v, meta.died)) return false;
  meta.died = v;
  forgetOlderThan(doc, defaults, v);
  return true;
}

/** Resets and forgets every field (and the registration) older than `v`, keeping `died` as it is. */
export function forgetOlderThan<D extends Tracked>(doc: D, defaults: Partial<Omit<D, '_meta'>>, v: Version): void {
  const meta = doc._meta;
  for (const [field, at] of Object.entries(meta.fields)) {
    if (at >= v) continue;
    (doc as Record<string, unknown>)[field] = structuredClone((defaults as Record<string, unknown>)[field] ?? null);
    delete meta.fields[field];
  }
  if (meta.born !== undefined && meta.born < v) delete meta.born;
}

/** An entity is live when its newest registration is newer than every removal that applies to it. */
export function alive(meta: Lifecycle, floor?: Version): boolean {
  return meta.born !== undefined && newer(meta.born, maxVersion(meta.died, floor));
}
