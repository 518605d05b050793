import { entityTag } from './conditional-get.ts';

/** A serialized answer and the ETag of exactly those bytes. */
export interface MemoizedAnswer {
  body: string;
  etag: string;
}

/**
 * Serialized answers remembered per source snapshot: a list that every request reads from the same
 * in-memory snapshot (the organization directory) answers the same bytes until that snapshot is replaced,
 * so serializing it and hashing its ETag once per snapshot and key is enough. The snapshot object is the
 * WeakMap key: a new snapshot starts empty and the old answers go with the old snapshot. The key must
 * name everything else the answer depends on (the caller's grants, the page). At most `maxPerSource`
 * answers per snapshot; past that, the oldest go first.
 */
export function createAnswerMemo(maxPerSource = 256) {
  const bySource = new WeakMap<object, Map<string, MemoizedAnswer>>();
  return {
    answer(source: object, key: string, serialize: () => string): MemoizedAnswer {
      let answers = bySource.get(source);
      if (!answers) bySource.set(source, (answers = new Map()));
      let found = answers.get(key);
      if (!found) {
        const body = serialize();
        found = { body, etag: entityTag(body) };
        if (answers.size >= maxPerSource) answers.delete(answers.keys().next().value!);
        answers.set(key, found);
      }
      return found;
    },
  };
}
