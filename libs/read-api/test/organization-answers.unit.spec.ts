import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { harness, type Harness } from './fakes/harness.ts';
import { world } from './fakes/world.ts';

/**
 * GET /v1/organizations answers from a memo per directory snapshot (http/answer-memo.ts): these tests
 * run with a live snapshot (not the harness's read-through default), so answers really are reused.
 */
const SNAPSHOT_TTL_MS = 200;
const accessible = (body: { organizations: { organizationId: string; accessible: boolean }[] }) =>
  Object.fromEntries(body.organizations.map((o) => [o.organizationId, o.accessible]));
const digest = (text: string) => `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;

describe('the organization list answered from its snapshot', () => {
  const data = world();
  let h: Harness;
  beforeAll(async () => {
    h = await harness({ data, overrides: { organizationCacheTtlMs: SNAPSHOT_TTL_MS } });
  });

  it('answers each set of grants its own accessible flags, alternating callers of one snapshot', async () => {
    const plain = h.tokens.consumer('consumer-1');
    const granted = h.tokens.consumer('consumer-2', ['priv']);
    for (let i = 0; i < 3; i++) {
      expect(accessible((await h.get('/v1/organizations', plain)).body)).toEqual({
        pub: true,
        priv: false,
        other: false,
      });
      expect(accessible((await h.get('/v1/organizations', granted)).body)).toEqual({
        pub: true,
        priv: true,
        other: false,
      });
    }
  });

  it('sends the ETag of exactly the bytes it sends, and revalidates with it', async () => {
    const token = h.tokens.consumer('consumer-3', ['other']);
    const first = await h.get('/v1/organizations', token);
    const again = await h.get('/v1/organizations', token);
    expect(again.text).toBe(first.text);
    expect(first.headers.etag).toBe(digest(first.text));
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    const revalidated = await h.get('/v1/organizations', token, { 'if-none-match': String(first.headers.etag) });
    expect([revalidated.status, revalidated.text]).toEqual([304, '']);
  });

  it('pages with the same snapshot: each page its own answer, the cursor continuing after the first', async () => {
    const token = h.tokens.consumer('consumer-1');
    const first = await h.get('/v1/organizations?limit=2', token);
    const second = await h.get(`/v1/organizations?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`, token);
    const ids = [...first.body.organizations, ...second.body.organizations].map((o) => o.organizationId);
    expect(ids).toEqual([...data.organizations.map((o) => o.organizationId)].sort());
    expect(second.body.nextCursor).toBeNull();
  });

  it('answers a visibility change once the snapshot is replaced, with a new ETag', async () => {
    const token = h.tokens.consumer('consumer-4');
    const before = await h.get('/v1/organizations', token);
    expect(accessible(before.body).other).toBe(false);
    const index = data.organizations.findIndex((o) => o.organizationId === 'other');
    data.organizations[index] = { ...data.organizations[index]!, visibility: 'public' };
    await sleep(SNAPSHOT_TTL_MS + 50);
    const after = await h.get('/v1/organizations', token);
    expect(accessible(after.body).other).toBe(true);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.headers.etag).toBe(digest(after.text));
  });
});
