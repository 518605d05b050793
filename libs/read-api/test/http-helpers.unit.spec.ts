import { describe, expect, it } from 'vitest';
import { entityTag, noneMatch } from '../src/http/conditional-get.ts';
import { negotiate } from '../src/http/content-negotiation.ts';
import { createCursorCodec } from '../src/http/cursor-codec.ts';

describe('cursor codec', () => {
  const codec = createCursorCodec([Buffer.alloc(32, 1)]);

  it('round-trips a position for the same query', () => {
    const cursor = codec.encode('q1', { series: 3, time: 42 });
    expect(codec.decode('q1', cursor)).toEqual({ series: 3, time: 42 });
  });

  it('refuses a cursor of another query, an edited one and garbage, all as CURSOR_INVALID', () => {
    const cursor = codec.encode('q1', { series: 3, time: 42 });
    expect(() => codec.decode('q2', cursor)).toThrow(expect.objectContaining({ code: 'CURSOR_INVALID' }));
    const [body, tag] = cursor.split('.');
    const edited = Buffer.from(JSON.stringify({ q: 'q1', p: { series: 0, time: 42 } })).toString('base64url');
    expect(edited).not.toBe(body);
    expect(() => codec.decode('q1', `${edited}.${tag}`)).toThrow(expect.objectContaining({ code: 'CURSOR_INVALID' }));
    expect(() => codec.decode('q1', 'not-a-cursor')).toThrow(expect.objectContaining({ code: 'CURSOR_INVALID' }));
  });

  it('keeps verifying cursors signed by a previous key after a rotation', () => {
    const old = createCursorCodec([Buffer.alloc(32, 1)]).encode('q', { after: 'x' });
    const rotated = createCursorCodec([Buffer.alloc(32, 2), Buffer.alloc(32, 1)]);
    expect(rotated.decode('q', old)).toEqual({ after: 'x' });
    expect(() => createCursorCodec([Buffer.alloc(32, 2)]).decode('q', old)).toThrow(
      expect.objectContaining({ code: 'CURSOR_INVALID' }),
    );
  });
});

describe('content negotiation', () => {
  const offered = ['application/json', 'text/csv'] as const;
  it.each([
    [undefined, 'application/json'],
    ['*/*', 'application/json'],
    ['text/csv', 'text/csv'],
    ['text/*', 'text/csv'],
    ['application/json;q=0.5, text/csv', 'text/csv'],
    ['text/csv;q=0, */*', 'application/json'],
    ['text/html,application/xhtml+xml,*/*;q=0.8', 'application/json'],
  ])('Accept %s → %s', (accept, expected) => {
    expect(negotiate(accept, offered)).toBe(expected);
  });
  it('refuses when nothing offered is acceptable', () => {
    expect(() => negotiate('application/xml', offered)).toThrow(expect.objectContaining({ code: 'NOT_ACCEPTABLE' }));
  });
});

describe('entity tags', () => {
  it('match strongly, weakly, by list and by *', () => {
    const tag = entityTag('{"a":1}');
    expect(noneMatch(tag, tag)).toBe(true);
    expect(noneMatch(`W/${tag}`, tag)).toBe(true);
    expect(noneMatch(`"other", ${tag}`, tag)).toBe(true);
    expect(noneMatch('*', tag)).toBe(true);
    expect(noneMatch('"other"', tag)).toBe(false);
    expect(entityTag('{"a":2}')).not.toBe(tag);
  });
});
