import { describe, expect, it } from 'vitest';
import { allowedDevOrigins } from '@/config/dev-origins';

const interfaces = [
  { address: '127.0.0.1', family: 'IPv4', internal: true },
  { address: '192.168.1.23', family: 'IPv4', internal: false },
  { address: 'fe80::1c2:3ff:fe4d:5e6f%eth0', family: 'IPv6', internal: false },
];

describe('allowedDevOrigins', () => {
  it('by default allows loopback, *.local, this machine by name and address, and the private ranges', () => {
    const list = allowedDevOrigins(undefined, 'May-Thu-Ngan', interfaces);
    expect(list).toEqual(
      expect.arrayContaining([
        'localhost',
        '127.0.0.1',
        '[::1]',
        '*.local',
        'may-thu-ngan',
        '192.168.1.23',
        '[fe80::1c2:3ff:fe4d:5e6f]',
      ]),
    );
    expect(list).toEqual(expect.arrayContaining(['10.*.*.*', '192.168.*.*', '172.16.*.*', '172.31.*.*']));
    expect(list).not.toContain('172.32.*.*');
    expect(list).not.toContain('*');
  });

  it('ALLOWED_DEV_ORIGINS replaces the default: comma-separated, trimmed, lower-cased, without repeats', () => {
    expect(allowedDevOrigins(' 10.0.0.5, Ke-Toan.local ,,10.0.0.5 ', 'host', interfaces)).toEqual([
      '10.0.0.5',
      'ke-toan.local',
    ]);
  });

  it('an empty setting keeps the default', () => {
    expect(allowedDevOrigins('  ', 'host', interfaces)).toContain('192.168.1.23');
  });
});
