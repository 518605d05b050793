import { describe, expect, it } from 'vitest';
import { findMemberProblem, scanMembers } from '../src/json-members.ts';

/** Both paths agree: the fast count (then the scan) and the scan alone. */
const check = (text: string) => {
  const found = findMemberProblem(text, JSON.parse(text));
  expect(scanMembers(text)).toEqual(found);
  return found;
};

describe('findMemberProblem', () => {
  it('finds a duplicate name and addresses it by JSON pointer', () => {
    expect(check('{"readings":[{"a":1},{"deviceId":"x","b":[1,{"c":2}],"deviceId":"y"}]}')).toEqual({
      problem: 'duplicate',
      name: 'deviceId',
      path: '/readings/1/deviceId',
    });
    expect(check('{"a/b~":{"k":1,"k":2}}')).toEqual({ problem: 'duplicate', name: 'k', path: '/a~1b~0/k' });
  });

  it('compares decoded names: an escape spells the same name', () => {
    expect(check('{"deviceId":1,"device\\u0049d":2}')).toMatchObject({ problem: 'duplicate', name: 'deviceId' });
    expect(check('{"a\\"b":1,"a\\u0022b":2}')).toMatchObject({ problem: 'duplicate', name: 'a"b' });
  });

  it('is not fooled by strings that look like members', () => {
    expect(check('{"a":"\\"a\\":1","b":":","c":"x\\\\","d":["\\\\\\"", "a", ":"],"e":{"a":"a"}}')).toBeUndefined();
    expect(check('["a","a",{"a":"a"},{"a":["a","a"]}]')).toBeUndefined();
    expect(check('{"":1,"x":{"":2}}')).toBeUndefined();
    expect(check('{"":1,"":2}')).toMatchObject({ problem: 'duplicate', name: '' });
  });

  it('reads the string after an empty object as a value, not a name (found by fuzzing: it threw)', () => {
    expect(check('[{},"a",{ },":"]')).toBeUndefined();
    expect(check('{"a":[{},"b"],"c":{},"d":"e","a":1}')).toEqual({ problem: 'duplicate', name: 'a', path: '/a' });
    expect(check('{"x":[[],{},"v"],"y":{"k":"\\":"}}')).toBeUndefined();
  });

  it("keeps each object's names apart, also past the linear-search size", () => {
    const wide = (extra: string) => `{${Array.from({ length: 40 }, (_, i) => `"k${i}":${i}`).join(',')}${extra}}`;
    expect(check(`[${wide('')},${wide('')}]`)).toBeUndefined();
    expect(check(wide(',"k7":0'))).toEqual({ problem: 'duplicate', name: 'k7', path: '/k7' });
  });

  it('refuses __proto__ wherever it is, even once', () => {
    expect(check('{"readings":[{"__proto__":{"x":1}}]}')).toEqual({
      problem: 'forbidden',
      name: '__proto__',
      path: '/readings/0/__proto__',
    });
    expect(check('{"__pro\\u0074o__":1}')).toMatchObject({ problem: 'forbidden' });
    expect(check('{"v":"__proto__","constructor":{"prototype":1}}')).toBeUndefined();
  });
});
