import { describe, expect, it } from 'vitest';
import { Credentials } from '../src/index.ts';

const ingest = 'i'.repeat(32);
const admin = 'a'.repeat(43);
const rotated = 'r'.repeat(40);

describe('Credentials', () => {
  const credentials = Credentials.fromLists({ ingest: ` ${ingest} , ${rotated}@2026-05-01T00:00:00Z`, admin });

  it('names the role of a known credential, whatever the case of "Bearer"', () => {
    expect(credentials.size).toBe(3);
    expect(credentials.identify(`Bearer ${ingest}`)).toBe('ingest');
    expect(credentials.identify(`bearer ${admin}`)).toBe('admin');
  });

  it("honours an entry's expiry to the millisecond", () => {
    expect(credentials.identify(`Bearer ${rotated}`, Date.parse('2026-04-30T23:59:59.999Z'))).toBe('ingest');
    expect(() => credentials.identify(`Bearer ${rotated}`, Date.parse('2026-05-01T00:00:00Z'))).toThrow(
      expect.objectContaining({ code: 'AUTH_TOKEN_EXPIRED' }),
    );
  });

  it.each([
    [undefined, 'AUTH_TOKEN_MISSING'],
    ['', 'AUTH_TOKEN_MISSING'],
    [ingest, 'AUTH_CREDENTIAL_INVALID'],
    [`Bearer ${ingest} extra`, 'AUTH_CREDENTIAL_INVALID'],
    [`Bearer ${ingest.slice(1)}`, 'AUTH_CREDENTIAL_INVALID'],
    [`Bearer ${ingest}x`, 'AUTH_CREDENTIAL_INVALID'],
  ])('refuses %j with %s', (header, code) => {
    expect(() => credentials.identify(header)).toThrow(expect.objectContaining({ code }));
  });
});
