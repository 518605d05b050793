import { BlockList, isIP } from 'node:net';
import { ConfigError } from '../config.ts';

/**
 * The operator's allow-list (MEDIDO_WEBHOOK_ALLOW_LIST): host names, IP addresses and CIDR ranges that
 * webhooks may reach although they are not public (a receiver on the operator's own network, a test
 * receiver on loopback), and that may be reached over plain http.
 */
export interface WebhookAllowList {
  /** The host name (lower case, no trailing dot) is listed. */
  admitsHost(host: string): boolean;
  /** The address is listed or inside a listed range. */
  admitsAddress(ip: string): boolean;
}

export function parseWebhookAllowList(entries: string[]): WebhookAllowList {
  const hosts = new Set<string>();
  const ranges = new BlockList();
  for (const raw of entries) {
    const entry = raw
      .trim()
      .toLowerCase()
      .replace(/^\[|\]$/g, '');
    if (!entry) continue;
    const [net, bits] = entry.split('/');
    const family = isIP(net ?? '');
    if (family !== 0) {
      const max = family === 4 ? 32 : 128;
      const prefix = bits === undefined ? max : Number(bits);
      if (!Number.isInteger(prefix) || prefix < 0 || prefix > max)
        throw new ConfigError(`MEDIDO_WEBHOOK_ALLOW_LIST: invalid range ${JSON.stringify(raw)}`);
      ranges.addSubnet(net!, prefix, family === 4 ? 'ipv4' : 'ipv6');
    } else if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/.test(entry)) {
      hosts.add(entry.replace(/\.$/, ''));
    } else {
      throw new ConfigError(
        `MEDIDO_WEBHOOK_ALLOW_LIST: ${JSON.stringify(raw)} is neither a host name, an address nor a CIDR range`,
      );
    }
  }
  return {
    admitsHost: (host) => hosts.has(host),
    admitsAddress: (ip) => {
      const family = isIP(ip);
      return family !== 0 && ranges.check(ip, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}
