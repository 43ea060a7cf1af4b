import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  checkPartnerSignature,
  constantTimeEqual,
  isTimestampFresh,
  parseTimestamp,
  signedMessage,
} from '@/domain/payments/partner-signature';
import { partnerSignature, verifyPartnerSignature } from '@/services/payments/partner-signing';

const SECRET = 'demo-partner-secret-2026';
const NOW = 1_780_000_000;
const body = (s: string) => new TextEncoder().encode(s);
const hmac = (message: Uint8Array) => createHmac('sha256', SECRET).update(message).digest('hex');

describe('partner signature', () => {
  it('signs `{timestamp}.{raw body}` as lowercase hex HMAC-SHA256, as the contract says', () => {
    const raw = '{"customerCode":"KH000001"}';
    const expected = createHmac('sha256', SECRET).update(`${NOW}.${raw}`).digest('hex');
    expect(partnerSignature(SECRET, String(NOW), raw)).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
    expect(new TextDecoder().decode(signedMessage(String(NOW), body(raw)))).toBe(`${NOW}.${raw}`);
  });

  it('accepts a good signature, and an uppercase one (hex case carries nothing)', () => {
    const raw = body('{"a":1}');
    const signature = partnerSignature(SECRET, String(NOW), raw);
    const check = (sig: string) =>
      checkPartnerSignature({ timestamp: String(NOW), signature: sig, rawBody: raw, nowSeconds: NOW }, hmac);
    expect(check(signature)).toEqual({ ok: true });
    expect(check(signature.toUpperCase())).toEqual({ ok: true });
  });

  it('refuses the same timestamp and signature over another body (a replay with new content)', () => {
    const signature = partnerSignature(SECRET, String(NOW), '{"amount":100000}');
    expect(
      verifyPartnerSignature(SECRET, {
        timestamp: String(NOW),
        signature,
        rawBody: body('{"amount":900000}'),
        nowSeconds: NOW,
      }),
    ).toEqual({ ok: false, reason: 'bad_signature' });
    // One byte of whitespace is another body.
    expect(
      verifyPartnerSignature(SECRET, {
        timestamp: String(NOW),
        signature,
        rawBody: body('{"amount":100000} '),
        nowSeconds: NOW,
      }),
    ).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses a signature made with another secret or for another timestamp', () => {
    const raw = body('{}');
    const other = partnerSignature('another-secret', String(NOW), raw);
    expect(
      verifyPartnerSignature(SECRET, { timestamp: String(NOW), signature: other, rawBody: raw, nowSeconds: NOW }),
    ).toEqual({ ok: false, reason: 'bad_signature' });
    const earlier = partnerSignature(SECRET, String(NOW - 1), raw);
    expect(
      verifyPartnerSignature(SECRET, { timestamp: String(NOW), signature: earlier, rawBody: raw, nowSeconds: NOW }),
    ).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('allows 300 s of clock skew either way and no more', () => {
    const raw = body('{}');
    const at = (ts: number) =>
      verifyPartnerSignature(SECRET, {
        timestamp: String(ts),
        signature: partnerSignature(SECRET, String(ts), raw),
        rawBody: raw,
        nowSeconds: NOW,
      });
    expect(at(NOW - 300)).toEqual({ ok: true });
    expect(at(NOW + 300)).toEqual({ ok: true });
    expect(at(NOW - 301)).toEqual({ ok: false, reason: 'clock_skew' });
    expect(at(NOW + 301)).toEqual({ ok: false, reason: 'clock_skew' });
    // A stale request stays refused however well it is signed.
    expect(at(NOW - 3600)).toEqual({ ok: false, reason: 'clock_skew' });
    expect(isTimestampFresh(NOW, NOW)).toBe(true);
  });

  it('takes only plain decimal seconds as a timestamp', () => {
    expect(parseTimestamp('1780000000')).toBe(1_780_000_000);
    for (const bad of [null, '', ' 1780000000', '+1780000000', '1780000000.5', '1.78e9', '0x6a1b', '1780000000000000'])
      expect(parseTimestamp(bad)).toBeNull();
    const raw = body('{}');
    expect(verifyPartnerSignature(SECRET, { timestamp: null, signature: 'x', rawBody: raw, nowSeconds: NOW })).toEqual({
      ok: false,
      reason: 'clock_skew',
    });
  });

  it('refuses a missing or malformed signature', () => {
    const raw = body('{}');
    for (const signature of [null, '', 'abc', 'z'.repeat(64), `${partnerSignature(SECRET, String(NOW), raw)}00`])
      expect(
        verifyPartnerSignature(SECRET, { timestamp: String(NOW), signature, rawBody: raw, nowSeconds: NOW }),
      ).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('compares strings exactly', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'ab')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
    expect(constantTimeEqual('ab\u0000', 'ab')).toBe(false);
  });
});
