import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeKey32, parseEnv } from '@/config/env';
import {
  decryptPartnerSecret,
  encryptPartnerSecret,
  generatePartnerSecret,
  partnerSecretKey,
  PartnerSecretKeyError,
} from '@/services/payments/partner-secrets';
import { isAddressAllowed, normalizeAllowEntry, normalizeAllowList } from '@/services/payments/partner.service';

describe('PARTNER_SECRET_KEY', () => {
  it('is a 32-byte key in hex, base64 or base64url', () => {
    const key = randomBytes(32);
    expect(decodeKey32(key.toString('hex'))).toEqual(key);
    expect(decodeKey32(key.toString('base64'))).toEqual(key);
    expect(decodeKey32(key.toString('base64url'))).toEqual(key);
    expect(decodeKey32(randomBytes(16).toString('base64'))).toBeNull();
    expect(decodeKey32('not a key at all')).toBeNull();
  });

  it('is checked at start without echoing it, and required by a production server', () => {
    const secret = 'x'.repeat(32);
    expect(() => parseEnv({ PARTNER_SECRET_KEY: 'too-short-key' })).toThrow(/PARTNER_SECRET_KEY/);
    expect(() => parseEnv({ PARTNER_SECRET_KEY: 'too-short-key' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('too-short-key') }),
    );
    expect(() => parseEnv({ NODE_ENV: 'production', AUTH_SECRET: secret }, { forApp: true })).toThrow(
      /PARTNER_SECRET_KEY/,
    );
    const key = randomBytes(32).toString('base64');
    expect(
      parseEnv({ NODE_ENV: 'production', AUTH_SECRET: secret, PARTNER_SECRET_KEY: key }, { forApp: true }),
    ).toMatchObject({ PARTNER_SECRET_KEY: key });
    // next build and scripts run without it.
    expect(
      parseEnv({ NODE_ENV: 'production', NEXT_PHASE: 'phase-production-build' }, { forApp: true }).PARTNER_SECRET_KEY,
    ).toBeUndefined();
    expect(parseEnv({ NODE_ENV: 'production' }).PARTNER_SECRET_KEY).toBeUndefined();
  });

  it('is derived from AUTH_SECRET outside production when unset, and refused missing in production', () => {
    const a = partnerSecretKey({ NODE_ENV: 'development', AUTH_SECRET: 'a'.repeat(32), PARTNER_SECRET_KEY: undefined });
    const b = partnerSecretKey({ NODE_ENV: 'development', AUTH_SECRET: 'b'.repeat(32), PARTNER_SECRET_KEY: undefined });
    expect(a).toHaveLength(32);
    expect(a.equals(b)).toBe(false);
    expect(
      partnerSecretKey({ NODE_ENV: 'development', AUTH_SECRET: 'a'.repeat(32), PARTNER_SECRET_KEY: undefined }).equals(
        a,
      ),
    ).toBe(true);
    // Not the secret itself: a leaked AUTH_SECRET prefix is not the key.
    expect(a.equals(Buffer.from('a'.repeat(32)))).toBe(false);
    expect(() =>
      partnerSecretKey({ NODE_ENV: 'production', AUTH_SECRET: 'a'.repeat(32), PARTNER_SECRET_KEY: undefined }),
    ).toThrow(PartnerSecretKeyError);
    const hex = randomBytes(32).toString('hex');
    expect(partnerSecretKey({ NODE_ENV: 'production', AUTH_SECRET: undefined, PARTNER_SECRET_KEY: hex })).toEqual(
      Buffer.from(hex, 'hex'),
    );
  });
});

describe('partner secret encryption', () => {
  const key = randomBytes(32);

  it('round-trips, with a fresh IV each time, and never holds the secret in clear', () => {
    const secret = generatePartnerSecret();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const one = encryptPartnerSecret(secret, 'BANK_A', key);
    const two = encryptPartnerSecret(secret, 'BANK_A', key);
    expect(one).not.toBe(two);
    expect(one).not.toContain(secret);
    expect(one.startsWith('v1.')).toBe(true);
    expect(decryptPartnerSecret(one, 'BANK_A', key)).toBe(secret);
    expect(decryptPartnerSecret(two, 'BANK_A', key)).toBe(secret);
  });

  it('does not decrypt under another key, for another partner, or tampered with', () => {
    const stored = encryptPartnerSecret('demo-partner-secret-2026', 'BANK_A', key);
    expect(() => decryptPartnerSecret(stored, 'BANK_A', randomBytes(32))).toThrow(PartnerSecretKeyError);
    expect(() => decryptPartnerSecret(stored, 'BANK_B', key)).toThrow(PartnerSecretKeyError);
    const parts = stored.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    parts[3] = body.toString('base64url');
    expect(() => decryptPartnerSecret(parts.join('.'), 'BANK_A', key)).toThrow(PartnerSecretKeyError);
    expect(() => decryptPartnerSecret('plain-text', 'BANK_A', key)).toThrow(PartnerSecretKeyError);
  });
});

describe('partner allow-list', () => {
  it('takes addresses and CIDR ranges of both families, normalised', () => {
    expect(normalizeAllowEntry(' 203.0.113.10 ')).toBe('203.0.113.10');
    expect(normalizeAllowEntry('203.0.113.0/24')).toBe('203.0.113.0/24');
    expect(normalizeAllowEntry('2001:DB8::/32')).toBe('2001:db8::/32');
    expect(normalizeAllowEntry('::1/128')).toBe('::1/128');
    expect(normalizeAllowEntry('::ffff:127.0.0.1')).toBe('::ffff:127.0.0.1');
    for (const bad of [
      '',
      'localhost',
      '10.0.0.256',
      '10.0.0.0/33',
      '::1/129',
      '10.0.0.0/8/1',
      'fe80::1%eth0',
      '10.0.0.0/x',
    ])
      expect(normalizeAllowEntry(bad), bad).toBeNull();
  });

  it('refuses a bad entry naming it, skips blank lines and duplicates', () => {
    expect(normalizeAllowList(['10.0.0.1', '', ' 10.0.0.1 ', '10.0.0.0/8'])).toEqual(['10.0.0.1', '10.0.0.0/8']);
    expect(() => normalizeAllowList(['10.0.0.1', 'ngan-hang.vn'])).toThrow(/ngan-hang\.vn/);
    expect(() => normalizeAllowList(Array.from({ length: 51 }, (_, i) => `10.0.0.${i}`))).toThrow(/tối đa 50/);
  });

  it('matches addresses, ranges and IPv4-mapped IPv6 both ways; nothing when empty or unknown', () => {
    const loopback = ['127.0.0.1/32', '::1/128', '::ffff:127.0.0.1'];
    expect(isAddressAllowed(loopback, '127.0.0.1')).toBe(true);
    expect(isAddressAllowed(loopback, '::1')).toBe(true);
    expect(isAddressAllowed(loopback, '::ffff:127.0.0.1')).toBe(true);
    expect(isAddressAllowed(loopback, '127.0.0.2')).toBe(false);
    expect(isAddressAllowed(loopback, '10.1.2.3')).toBe(false);
    expect(isAddressAllowed(['127.0.0.1'], '::ffff:127.0.0.1')).toBe(true);
    expect(isAddressAllowed(['203.0.113.0/24'], '203.0.113.77')).toBe(true);
    expect(isAddressAllowed(['203.0.113.0/24'], '203.0.114.1')).toBe(false);
    expect(isAddressAllowed(['2001:db8::/32'], '2001:db8:1::5')).toBe(true);
    expect(isAddressAllowed([], '127.0.0.1')).toBe(false);
    expect(isAddressAllowed(loopback, null)).toBe(false);
    expect(isAddressAllowed(loopback, 'unknown')).toBe(false);
  });
});
