import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { isPublicAddress } from './address-policy.ts';
import type { WebhookAllowList } from './webhook-allow-list.ts';

/** A refused webhook URL; `reason` is safe to show the consumer (it names no internal address). */
export class WebhookUrlRefused extends Error {
  override name = 'WebhookUrlRefused';
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}
/** Every address a host name resolves to (the system resolver, as a connection would use it). */
export type Resolve = (host: string) => Promise<ResolvedAddress[]>;

export const systemResolve: Resolve = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

/** A URL that passed the guard, with the addresses that were checked: connect to one of THESE, never resolve again. */
export interface CheckedWebhookUrl {
  url: URL;
  host: string;
  addresses: ResolvedAddress[];
}

/**
 * The SSRF guard of webhooks, at creation and before every delivery:
 * - the WHATWG URL parser normalizes the host first, so decimal, octal and hex IPv4 forms
 *   (`2130706433`, `0177.0.0.1`, `0x7f.1`) and `[::ffff:7f00:1]` are checked as the address they are;
 * - https only, http for allow-listed hosts; no user name or password (`https://good@127.0.0.1/` tricks
 *   a reader, and credentials do not belong in a stored URL);
 * - `localhost` and `*.localhost` (RFC 6761, with or without the trailing dot) are refused by name;
 * - every address the host resolves to must be public or allow-listed: one private A record among
 *   public ones is enough to refuse, since the connection could pick it.
 * The caller connects to a returned address (DNS rebinding: a second lookup could answer differently).
 */
export async function checkWebhookUrl(
  text: string,
  allow: WebhookAllowList,
  resolve: Resolve = systemResolve,
): Promise<CheckedWebhookUrl> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new WebhookUrlRefused('not a valid absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new WebhookUrlRefused('only https URLs are accepted');
  if (url.username !== '' || url.password !== '')
    throw new WebhookUrlRefused('the URL must not carry a user name or password');
  const host = url.hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  if (host === '') throw new WebhookUrlRefused('the URL has no host');
  const listedByName = allow.admitsHost(host);
  const literal = isIP(host);
  if (!listedByName && literal === 0 && (host === 'localhost' || host.endsWith('.localhost')))
    throw new WebhookUrlRefused('the host is not a public address');

  let addresses: ResolvedAddress[];
  if (literal !== 0) {
    addresses = [{ address: host, family: literal === 6 ? 6 : 4 }];
  } else {
    try {
      addresses = await resolve(host);
    } catch {
      throw new WebhookUrlRefused('the host name does not resolve');
    }
    if (addresses.length === 0) throw new WebhookUrlRefused('the host name does not resolve');
  }
  const admitted = (a: ResolvedAddress) => listedByName || allow.admitsAddress(a.address);
  if (!addresses.every((a) => admitted(a) || isPublicAddress(a.address)))
    throw new WebhookUrlRefused('the host is not a public address');
  if (url.protocol === 'http:' && !addresses.every(admitted))
    throw new WebhookUrlRefused('only https URLs are accepted (http only for allow-listed hosts)');
  return { url, host, addresses };
}
