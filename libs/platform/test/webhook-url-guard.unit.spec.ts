import { describe, expect, it } from 'vitest';
import {
  checkWebhookUrl,
  embeddedIPv4,
  isPublicAddress,
  parseWebhookAllowList,
  WebhookUrlRefused,
  type Resolve,
} from '../src/webhooks/index.ts';

const nobody = parseWebhookAllowList([]);
/** A resolver that answers from a table, as an attacker's DNS would. */
const dns =
  (table: Record<string, string[]>): Resolve =>
  async (host) => {
    const found = table[host];
    if (!found) throw new Error('ENOTFOUND');
    return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
const refused = async (url: string, allow = nobody, resolve = dns({})) =>
  expect(checkWebhookUrl(url, allow, resolve)).rejects.toBeInstanceOf(WebhookUrlRefused);

describe('address policy', () => {
  it.each([
    '127.0.0.1',
    '127.1.2.3',
    '10.0.0.1',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '169.254.0.1',
    '100.64.0.1',
    '0.0.0.0',
    '255.255.255.255',
    '224.0.0.1',
    '::',
    '::1',
    'fe80::1',
    'fc00::1',
    'fd00:ec2::254',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:169.254.169.254',
    '::ffff:10.0.0.1',
    '64:ff9b::a00:1',
    '2002:7f00:1::',
    '::127.0.0.1',
    'ff02::1',
    '2001:db8::1',
  ])('refuses %s', (ip) => expect(isPublicAddress(ip)).toBe(false));

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8', '172.32.0.1', '100.128.0.1'])(
    'admits %s',
    (ip) => expect(isPublicAddress(ip)).toBe(true),
  );

  it('reads the IPv4 address inside mapped, NAT64 and 6to4 addresses', () => {
    expect(embeddedIPv4('::ffff:7f00:1')).toBe('127.0.0.1');
    expect(embeddedIPv4('64:ff9b::a9fe:a9fe')).toBe('169.254.169.254');
    expect(embeddedIPv4('2002:c0a8:101::1')).toBe('192.168.1.1');
    expect(embeddedIPv4('2606:4700::1')).toBeNull();
  });
});

describe('webhook URL guard (attacker side)', () => {
  it.each([
    'http://2130706433/',
    'https://2130706433/',
    'https://0177.0.0.1/',
    'https://0x7f.0.0.1/',
    'https://0x7f000001/',
    'https://127.1/',
    'https://[::ffff:127.0.0.1]/',
    'https://[::1]/',
    'https://[0:0:0:0:0:ffff:7f00:1]/',
    'https://169.254.169.254/latest/meta-data/',
    'https://[fd00:ec2::254]/',
    'https://0/',
    'https://100.64.1.1/',
    'https://[fe80::1%25eth0]/',
  ])('refuses the address in %s, whatever its spelling', (url) => refused(url));

  it.each(['https://localhost/', 'https://localhost./', 'https://LOCALHOST/', 'https://api.localhost/'])(
    'refuses %s by name',
    (url) => refused(url, nobody, dns({ localhost: ['93.184.216.34'] })),
  );

  it('refuses userinfo, which hides the real host from a reader', async () => {
    await refused('https://hooks.example.com@127.0.0.1/');
    await refused('https://user:pass@hooks.example.com/', nobody, dns({ 'hooks.example.com': ['93.184.216.34'] }));
  });

  it('refuses a name that resolves to a private address, even once among public ones', async () => {
    await refused('https://rebind.example.com/', nobody, dns({ 'rebind.example.com': ['127.0.0.1'] }));
    await refused('https://mixed.example.com/', nobody, dns({ 'mixed.example.com': ['93.184.216.34', '10.0.0.5'] }));
    await refused('https://mapped.example.com/', nobody, dns({ 'mapped.example.com': ['::ffff:192.168.0.1'] }));
    await refused('https://nowhere.example.com/');
  });

  it('refuses other schemes, and http to a public host', async () => {
    for (const url of [
      'ftp://hooks.example.com/',
      'file:///etc/passwd',
      'gopher://hooks.example.com/',
      'javascript:alert(1)',
      'not a url',
    ])
      await refused(url);
    await refused('http://hooks.example.com/', nobody, dns({ 'hooks.example.com': ['93.184.216.34'] }));
  });

  it('admits a public https host and returns the addresses it checked', async () => {
    const checked = await checkWebhookUrl(
      'https://Hooks.Example.com./in?x=1',
      nobody,
      dns({ 'hooks.example.com': ['93.184.216.34', '2606:4700::1'] }),
    );
    expect(checked.host).toBe('hooks.example.com');
    expect(checked.addresses.map((a) => a.address)).toEqual(['93.184.216.34', '2606:4700::1']);
  });

  it('admits what the operator allow-listed, by range or by name, over http too', async () => {
    const allow = parseWebhookAllowList(['127.0.0.0/8', 'receiver.internal', '::1']);
    expect((await checkWebhookUrl('http://127.0.0.1:8080/hook', allow)).addresses).toEqual([
      { address: '127.0.0.1', family: 4 },
    ]);
    expect((await checkWebhookUrl('http://[::1]:9/hook', allow)).host).toBe('::1');
    expect(
      (await checkWebhookUrl('http://receiver.internal/', allow, dns({ 'receiver.internal': ['10.1.2.3'] })))
        .addresses[0]!.address,
    ).toBe('10.1.2.3');
    // The range admits loopback, not the rest of the private space.
    await refused('https://10.0.0.1/', allow);
    await refused('https://169.254.169.254/', allow);
  });

  it('refuses an allow-list entry it cannot read', () => {
    expect(() => parseWebhookAllowList(['10.0.0.0/33'])).toThrow(/invalid range/);
    expect(() => parseWebhookAllowList(['http://x/'])).toThrow(/neither/);
  });
});
