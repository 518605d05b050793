import { BlockList, isIP } from 'node:net';

/**
 * Which IP addresses a webhook may reach: only globally routable unicast ones. Every range below is
 * loopback, private, link-local (cloud metadata lives there: 169.254.169.254, fd00:ec2::254),
 * shared (CGNAT), unspecified, documentation, benchmarking, multicast or reserved.
 * @see https://www.iana.org/assignments/iana-ipv4-special-registry/
 * @see https://www.iana.org/assignments/iana-ipv6-special-registry/
 */
const V4_REFUSED = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.0.2.0/24',
  '192.88.99.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '198.51.100.0/24',
  '203.0.113.0/24',
  '224.0.0.0/4',
  '240.0.0.0/4',
];
const V6_REFUSED = ['::/128', '::1/128', '100::/64', '2001:db8::/32', 'fc00::/7', 'fe80::/10', 'fec0::/10', 'ff00::/8'];

const refused = new BlockList();
for (const cidr of V4_REFUSED) {
  const [net, bits] = cidr.split('/');
  refused.addSubnet(net!, Number(bits), 'ipv4');
}
for (const cidr of V6_REFUSED) {
  const [net, bits] = cidr.split('/');
  refused.addSubnet(net!, Number(bits), 'ipv6');
}

/** The 128 bits of an IPv6 address as eight 16-bit groups (`::` expanded, a dotted IPv4 tail converted). */
function groupsOf(ip: string): number[] {
  let text = ip.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? (text.split('::') as [string, string]) : [text, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const middle = tail === undefined ? [] : new Array(8 - left.length - right.length).fill('0');
  return [...left, ...middle, ...right].map((g) => parseInt(g, 16));
}

const v4Of = (high: number, low: number) => `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;

/**
 * The IPv4 address an IPv6 one carries, where routers or the kernel would deliver to it: IPv4-mapped
 * (::ffff:0:0/96), IPv4-compatible (::/96, deprecated), NAT64 (64:ff9b::/96) and 6to4 (2002::/16).
 * Checking only the IPv6 form would let `[::ffff:127.0.0.1]` through.
 */
export function embeddedIPv4(ip: string): string | null {
  const g = groupsOf(ip);
  if (g.length !== 8 || g.some((x) => Number.isNaN(x))) return null;
  const zero = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zero(0, 5) && (g[5] === 0xffff || g[5] === 0) && !(g[5] === 0 && g[6] === 0)) return v4Of(g[6]!, g[7]!);
  if (g[0] === 0x64 && g[1] === 0xff9b && zero(2, 6)) return v4Of(g[6]!, g[7]!);
  if (g[0] === 0x2002) return v4Of(g[1]!, g[2]!);
  return null;
}

/** True for an address a webhook may be sent to without the operator's allow-list. */
export function isPublicAddress(ip: string): boolean {
  const family = isIP(ip);
  if (family === 4) return !refused.check(ip, 'ipv4');
  if (family !== 6) return false;
  const inner = embeddedIPv4(ip);
  if (inner !== null && !isPublicAddress(inner)) return false;
  return !refused.check(ip, 'ipv6');
}
