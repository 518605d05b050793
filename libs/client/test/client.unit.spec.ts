import { describe, expect, it } from 'vitest';
import { ApiError, apiClient, fetchTransport, ingestorClient, pages, type TransportRequest } from '../src/index.ts';

/** A fetch that answers from a list and records what it was asked. */
function fakeFetch(answers: { status: number; body?: unknown; headers?: Record<string, string> }[]) {
  const asked: { url: string; init: RequestInit }[] = [];
  const send = async (url: string | URL | Request, init?: RequestInit) => {
    asked.push({ url: String(url), init: init ?? {} });
    const next = answers.shift()!;
    return new Response(next.body === undefined ? null : JSON.stringify(next.body), {
      status: next.status,
      headers: next.headers,
    });
  };
  return { asked, fetch: send as typeof fetch };
}

describe('the typed client', () => {
  it('follows nextCursor page by page until it is null, with the other parameters unchanged', async () => {
    const fake = fakeFetch([
      { status: 200, body: { organizations: [{ organizationId: 'a' }], nextCursor: 'c1' } },
      { status: 200, body: { organizations: [{ organizationId: 'b' }], nextCursor: null } },
    ]);
    const client = apiClient(fetchTransport({ baseUrl: 'https://api.example/', token: 't', fetch: fake.fetch }));
    const ids: string[] = [];
    for await (const page of client.getOrganizationsPages({ query: { limit: 1 } }))
      ids.push(...page.organizations.map((o) => o.organizationId));
    expect(ids).toEqual(['a', 'b']);
    expect(fake.asked.map((a) => a.url)).toEqual([
      'https://api.example/v1/organizations?limit=1',
      'https://api.example/v1/organizations?limit=1&cursor=c1',
    ]);
    expect(new Headers(fake.asked[0]!.init.headers).get('authorization')).toBe('Bearer t');
  });

  it('follows next as after on the admin lists, and fills path parameters encoded', async () => {
    const asked: TransportRequest[] = [];
    const answers = [
      { items: [{ consumerId: 'x' }], next: 'x' },
      { items: [], next: null },
    ];
    const client = ingestorClient(async (request) => {
      asked.push(request);
      return answers.shift();
    });
    const seen = [];
    for await (const page of client.getAdminConsumersPages()) seen.push(page.items.length);
    expect(seen).toEqual([1, 0]);
    expect(asked.map((r) => r.query)).toEqual([{}, { after: 'x' }]);
    await client.postAdminConsumersByConsumerIdDisable({ params: { consumerId: 'a/b' }, body: { reason: 'left' } });
    expect(asked.at(-1)).toEqual({
      method: 'POST',
      path: '/v1/admin/consumers/a%2Fb/disable',
      body: { reason: 'left' },
    });
  });

  it('rejects a problem answer with its code, status and Retry-After', async () => {
    const fake = fakeFetch([
      {
        status: 503,
        body: { type: 'x', title: 'down', status: 503, code: 'EVENT_BUS_UNAVAILABLE' },
        headers: { 'retry-after': '2' },
      },
    ]);
    const client = ingestorClient(fetchTransport({ baseUrl: 'https://ingest.example', token: 't', fetch: fake.fetch }));
    const error = await client.postIngestMeasurements({ body: { readings: [] } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect([(error as ApiError).status, (error as ApiError).code, (error as ApiError).retryAfter]).toEqual([
      503,
      'EVENT_BUS_UNAVAILABLE',
      '2',
    ]);
  });

  it('pages() stops after a page without a cursor', async () => {
    let calls = 0;
    const all = [];
    for await (const page of pages(
      async () => {
        calls++;
        return { next: null };
      },
      (p) => p.next,
    ))
      all.push(page);
    expect([calls, all.length]).toEqual([1, 1]);
  });
});
