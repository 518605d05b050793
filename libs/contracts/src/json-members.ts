/**
 * What JSON.parse accepts but Medido refuses, found in the text (JSON.parse keeps the LAST of
 * duplicate names silently, RFC 8259 §4 leaves them undefined):
 * - a name twice in one object: a reading stored under the second `deviceId`, a first `readings`
 *   array dropped;
 * - the name `__proto__`: harmless after JSON.parse (an own property), but a prototype-pollution
 *   vector for any code that later merges the object; no Medido schema has such a member.
 * Applied wherever Medido reads JSON from outside: the ingestor's bodies and the projector's records.
 */
export interface MemberProblem {
  problem: 'duplicate' | 'forbidden';
  name: string;
  path: string;
}

const FORBIDDEN = '__proto__';

/** An open array (its current index) or object (its names so far, and the current one). */
interface Frame {
  array: boolean;
  names: string[] | undefined;
  set: Set<string> | undefined;
  index: number;
  name: string | undefined;
}

/** Beyond this many members an object's names go into a Set (a linear search is faster below). */
const LINEAR_LIMIT = 12;

/** Position of the quote that closes the string opening at `start` (the text is valid JSON). */
function stringEnd(text: string, start: number): number {
  let end = text.indexOf('"', start + 1);
  while (text.charCodeAt(end - 1) === 92 /* \ */) {
    let slashes = 1;
    while (text.charCodeAt(end - 1 - slashes) === 92) slashes++;
    if (slashes % 2 === 0) break;
    end = text.indexOf('"', end + 1);
  }
  return end;
}

const pointer = (stack: Frame[], last: string) =>
  `/${[...stack.slice(0, -1).map((f) => (f.array ? String(f.index) : f.name!)), last]
    .map((s) => s.replaceAll('~', '~0').replaceAll('/', '~1'))
    .join('/')}`;

/** Members of every object in a parsed value, and whether one of them is named `__proto__`. */
function countMembers(value: unknown): { members: number; forbidden: boolean } {
  let members = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next !== 'object' || next === null) continue;
    if (Array.isArray(next)) {
      for (const item of next) if (typeof item === 'object' && item !== null) pending.push(item);
      continue;
    }
    if (Object.hasOwn(next, FORBIDDEN)) return { members, forbidden: true };
    for (const key in next) {
      members++;
      const child = (next as Record<string, unknown>)[key];
      if (typeof child === 'object' && child !== null) pending.push(child);
    }
  }
  return { members, forbidden: false };
}

/**
 * Quotes followed by a colon: every member name is one (RFC 8259 §4), and the only others are inside
 * strings. So this is at least the number of names in the text, duplicates included.
 */
function nameColons(text: string): number {
  const pattern = /"[ \t\n\r]*:/g;
  let count = 0;
  while (pattern.test(text)) count++;
  return count;
}

/**
 * The first duplicate or forbidden member name of `text`, given what JSON.parse made of it. Fast path:
 * when the parsed value has as many members as the text has name-colons and none named `__proto__`,
 * there is no duplicate (duplicates make the parsed count smaller than the names in the text). Else
 * (a duplicate, or a string holding `":`) the exact scan finds and addresses it.
 */
export function findMemberProblem(text: string, parsed: unknown): MemberProblem | undefined {
  const { members, forbidden } = countMembers(parsed);
  if (!forbidden && members === nameColons(text)) return undefined;
  return scanMembers(text);
}

/**
 * The first duplicate or forbidden member name of `text`, which must already have passed JSON.parse.
 * One pass; string contents are skipped with indexOf.
 */
export function scanMembers(text: string): MemberProblem | undefined {
  const stack: Frame[] = [];
  let expectName = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      const end = stringEnd(text, i);
      if (expectName) {
        const raw = text.slice(i + 1, end);
        const name = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        const frame = stack[stack.length - 1]!;
        if (name === FORBIDDEN) return { problem: 'forbidden', name, path: pointer(stack, name) };
        if (frame.set) {
          if (frame.set.has(name)) return { problem: 'duplicate', name, path: pointer(stack, name) };
          frame.set.add(name);
        } else {
          if (frame.names!.includes(name)) return { problem: 'duplicate', name, path: pointer(stack, name) };
          frame.names!.push(name);
          if (frame.names!.length > LINEAR_LIMIT) {
            frame.set = new Set(frame.names);
            frame.names = undefined;
          }
        }
        frame.name = name;
        expectName = false;
      }
      i = end;
    } else if (c === 123 /* { */) {
      stack.push({ array: false, names: [], set: undefined, index: 0, name: undefined });
      expectName = true;
    } else if (c === 91 /* [ */) {
      stack.push({ array: true, names: undefined, set: undefined, index: 0, name: undefined });
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      stack.pop();
      // An empty object closes while still expecting a name: the next string is a value, not a name.
      expectName = false;
    } else if (c === 44 /* , */) {
      const frame = stack[stack.length - 1]!;
      if (frame.array) frame.index++;
      else expectName = true;
    }
  }
  return undefined;
}
