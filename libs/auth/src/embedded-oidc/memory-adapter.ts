import type { Adapter, AdapterPayload } from 'oidc-provider';

/**
 * Storage for the embedded provider's sessions, interactions, codes and grants: one map per provider
 * instance (oidc-provider's own development adapter is one global map). It lives in the process, as the
 * embedded default does; a restart only means signing in at the provider again, since Medido's own
 * tokens do not depend on it.
 */
export function createMemoryAdapterFactory(): (model: string) => Adapter {
  const entries = new Map<string, { payload: AdapterPayload; expiresAt: number }>();
  const byGrant = new Map<string, Set<string>>();
  const index = new Map<string, string>();
  let writes = 0;

  const live = (key: string) => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= Date.now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  const sweep = () => {
    const now = Date.now();
    for (const [key, entry] of entries) if (entry.expiresAt <= now) entries.delete(key);
    for (const [key, target] of index) if (!entries.has(target)) index.delete(key);
    for (const [grantId, keys] of byGrant) {
      for (const key of keys) if (!entries.has(key)) keys.delete(key);
      if (keys.size === 0) byGrant.delete(grantId);
    }
  };

  return (model) => {
    const keyOf = (id: string) => `${model}:${id}`;
    return {
      async upsert(id, payload, expiresIn) {
        const key = keyOf(id);
        entries.set(key, { payload: { ...payload }, expiresAt: Date.now() + expiresIn * 1000 });
        if (payload.grantId) byGrant.set(payload.grantId, (byGrant.get(payload.grantId) ?? new Set()).add(key));
        if (payload.uid) index.set(`uid:${model}:${payload.uid}`, key);
        if (payload.userCode) index.set(`userCode:${model}:${payload.userCode}`, key);
        if (++writes % 500 === 0) sweep();
      },
      async find(id) {
        return live(keyOf(id))?.payload;
      },
      async findByUid(uid) {
        const key = index.get(`uid:${model}:${uid}`);
        return key ? live(key)?.payload : undefined;
      },
      async findByUserCode(code) {
        const key = index.get(`userCode:${model}:${code}`);
        return key ? live(key)?.payload : undefined;
      },
      async consume(id) {
        const entry = live(keyOf(id));
        if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
      },
      async destroy(id) {
        entries.delete(keyOf(id));
      },
      async revokeByGrantId(grantId) {
        for (const key of byGrant.get(grantId) ?? []) entries.delete(key);
        byGrant.delete(grantId);
      },
    };
  };
}
