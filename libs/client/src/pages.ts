/**
 * Every page of a cursor-paged list: asks for the first page, then passes each page's cursor back
 * (`nextCursor` as `cursor` on the read API, `next` as `after` on the admin lists) until it is null.
 */
export async function* pages<Page>(
  fetchPage: (cursor: string | undefined) => Promise<Page>,
  cursorOf: (page: Page) => string | null | undefined,
): AsyncGenerator<Page, void, undefined> {
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    yield page;
    cursor = cursorOf(page) ?? undefined;
  } while (cursor !== undefined);
}
