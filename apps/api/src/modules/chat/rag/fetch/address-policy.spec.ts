import { classifyAddress, refusalFor } from './address-policy';

describe('address policy (SSRF)', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['::1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.10', 'private'],
    ['100.64.0.1', 'private'],
    ['fc00::1', 'private'],
    ['fd12:3456:789a::1', 'private'],
    ['169.254.0.1', 'link-local'],
    ['169.254.169.253', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['169.254.169.254', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.5', 'reserved'],
    ['2001:db8::1', 'reserved'],
    ['::ffff:127.0.0.1', 'ipv4-mapped'],
    ['::ffff:7f00:1', 'ipv4-mapped'],
    ['::ffff:169.254.169.254', 'ipv4-mapped'],
    ['::ffff:8.8.8.8', 'ipv4-mapped'],
    ['::127.0.0.1', 'ipv4-mapped'],
    ['64:ff9b::a00:1', 'ipv4-mapped'],
    ['2002:7f00:1::1', 'ipv4-mapped'],
    ['[::1]', 'loopback'],
    ['not-an-ip', 'reserved'],
  ])('%s is %s', (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
    expect(refusalFor(address, false)).toBe(expected);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '93.184.216.34',
    '172.32.0.1',
    '172.15.255.255',
    '192.169.0.1',
    '2606:4700:4700::1111',
    '2a00:1450:4001:82b::200e',
  ])('%s is public', (address) => {
    expect(classifyAddress(address)).toBeNull();
    expect(refusalFor(address, false)).toBeNull();
  });

  it('RAG_ALLOW_PRIVATE_URLS lets loopback and private networks through, never metadata or link-local', () => {
    expect(refusalFor('127.0.0.1', true)).toBeNull();
    expect(refusalFor('::1', true)).toBeNull();
    expect(refusalFor('10.1.2.3', true)).toBeNull();
    expect(refusalFor('192.168.0.2', true)).toBeNull();
    expect(refusalFor('169.254.169.254', true)).toBe('metadata');
    expect(refusalFor('fd00:ec2::254', true)).toBe('metadata');
    expect(refusalFor('169.254.10.10', true)).toBe('link-local');
    expect(refusalFor('fe80::1', true)).toBe('link-local');
    expect(refusalFor('0.0.0.0', true)).toBe('unspecified');
    expect(refusalFor('224.0.0.1', true)).toBe('multicast');
  });
});
