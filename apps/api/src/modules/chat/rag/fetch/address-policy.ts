import { BlockList, isIP } from 'node:net';

/** Why an address may not be fetched, in words fit for an admin or a WhatsApp user. */
export type AddressClass =
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'metadata'
  | 'multicast'
  | 'reserved'
  | 'ipv4-mapped';

interface Range {
  network: string;
  prefix: number;
  type: 'ipv4' | 'ipv6';
  class: AddressClass;
}

// Cloud metadata endpoints come first: they are refused even when private addresses are allowed.
const RANGES: Range[] = [
  { network: '169.254.169.254', prefix: 32, type: 'ipv4', class: 'metadata' },
  { network: 'fd00:ec2::254', prefix: 128, type: 'ipv6', class: 'metadata' },
  { network: '0.0.0.0', prefix: 8, type: 'ipv4', class: 'unspecified' },
  { network: '127.0.0.0', prefix: 8, type: 'ipv4', class: 'loopback' },
  { network: '10.0.0.0', prefix: 8, type: 'ipv4', class: 'private' },
  { network: '172.16.0.0', prefix: 12, type: 'ipv4', class: 'private' },
  { network: '192.168.0.0', prefix: 16, type: 'ipv4', class: 'private' },
  // Carrier-grade NAT: not the public internet either.
  { network: '100.64.0.0', prefix: 10, type: 'ipv4', class: 'private' },
  { network: '169.254.0.0', prefix: 16, type: 'ipv4', class: 'link-local' },
  { network: '224.0.0.0', prefix: 4, type: 'ipv4', class: 'multicast' },
  { network: '240.0.0.0', prefix: 4, type: 'ipv4', class: 'reserved' },
  { network: '192.0.0.0', prefix: 24, type: 'ipv4', class: 'reserved' },
  { network: '192.0.2.0', prefix: 24, type: 'ipv4', class: 'reserved' },
  { network: '198.18.0.0', prefix: 15, type: 'ipv4', class: 'reserved' },
  { network: '198.51.100.0', prefix: 24, type: 'ipv4', class: 'reserved' },
  { network: '203.0.113.0', prefix: 24, type: 'ipv4', class: 'reserved' },
  { network: '::', prefix: 128, type: 'ipv6', class: 'unspecified' },
  { network: '::1', prefix: 128, type: 'ipv6', class: 'loopback' },
  // IPv4-mapped (::ffff:a.b.c.d) and the older compatible form (::a.b.c.d) reach IPv4 hosts.
  { network: '::ffff:0:0', prefix: 96, type: 'ipv6', class: 'ipv4-mapped' },
  { network: '::', prefix: 96, type: 'ipv6', class: 'ipv4-mapped' },
  // NAT64 and 6to4 embed an IPv4 address too.
  { network: '64:ff9b::', prefix: 96, type: 'ipv6', class: 'ipv4-mapped' },
  { network: '2002::', prefix: 16, type: 'ipv6', class: 'ipv4-mapped' },
  { network: 'fc00::', prefix: 7, type: 'ipv6', class: 'private' },
  { network: 'fe80::', prefix: 10, type: 'ipv6', class: 'link-local' },
  { network: 'fec0::', prefix: 10, type: 'ipv6', class: 'private' },
  { network: 'ff00::', prefix: 8, type: 'ipv6', class: 'multicast' },
  { network: '100::', prefix: 64, type: 'ipv6', class: 'reserved' },
  { network: '2001:db8::', prefix: 32, type: 'ipv6', class: 'reserved' },
];

const LISTS = RANGES.map((range) => {
  const list = new BlockList();
  list.addSubnet(range.network, range.prefix, range.type);
  return { list, range };
});

/** What `RAG_ALLOW_PRIVATE_URLS=true` lets through (tests and local demos): never metadata or link-local. */
const ALLOWED_WHEN_PRIVATE_OK: ReadonlySet<AddressClass> = new Set(['loopback', 'private', 'ipv4-mapped']);

/**
 * The class of a non-public address, or null for an ordinary public one. Anything that is not a
 * valid IP literal counts as reserved: refusing is the safe answer.
 */
export function classifyAddress(address: string): AddressClass | null {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const version = isIP(bare);
  if (version === 0) return 'reserved';
  const type = version === 4 ? 'ipv4' : 'ipv6';
  for (const { list, range } of LISTS) {
    if (range.type === type && list.check(bare, type)) return range.class;
  }
  return null;
}

/** Null when Parley may connect to this address; otherwise the reason it may not. */
export function refusalFor(address: string, allowPrivate: boolean): AddressClass | null {
  const found = classifyAddress(address);
  if (found === null) return null;
  if (allowPrivate && ALLOWED_WHEN_PRIVATE_OK.has(found)) return null;
  return found;
}

export function describeClass(found: AddressClass): string {
  switch (found) {
    case 'metadata':
      return 'a cloud metadata address';
    case 'ipv4-mapped':
      return 'an IPv4-mapped IPv6 address';
    case 'unspecified':
      return 'an unspecified address';
    default:
      return `a ${found} address`;
  }
}
