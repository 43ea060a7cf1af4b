import { describe, expect, it } from 'vitest';
import { InvoiceRuleError } from '@/domain/invoices/invoice-rule-error';
import {
  checkCrc,
  crc16CcittFalse,
  emvValue,
  findPaymentCode,
  parseEmvTlv,
  paymentCode,
  purposeText,
  vietQrPayload,
} from '@/domain/invoices/vietqr';

// Published in github.com/subiz/vietqr's README (120.000 đ to VietinBank 970415 account 0011001932418, "ủng hộ lũ
// lụt"); its CRC C15C was checked independently with Python's binascii.crc_hqx(data, 0xFFFF).
const PUBLISHED =
  '00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA530370454061200005802VN62170813ung ho lu lut6304C15C';

function codeOf(run: () => unknown): string | null {
  try {
    run();
  } catch (error) {
    return error instanceof InvoiceRuleError ? error.code : 'OTHER';
  }
  return null;
}

describe('CRC-16/CCITT-FALSE', () => {
  it('gives 0x29B1 for the standard check string "123456789"', () => {
    expect(crc16CcittFalse('123456789')).toBe(0x29b1);
  });

  it('accepts the CRC of a published VietQR code and refuses it once a character changes', () => {
    expect(checkCrc(PUBLISHED)).toBe(true);
    expect(checkCrc(PUBLISHED.replace('5406120000', '5406130000'))).toBe(false);
    expect(checkCrc(PUBLISHED.slice(0, -1) + 'D')).toBe(false);
    expect(checkCrc('000201')).toBe(false);
  });
});

describe('vietQrPayload', () => {
  it('reproduces a published VietQR code byte for byte', () => {
    expect(
      vietQrPayload({ bankBin: '970415', accountNumber: '0011001932418', amount: 120_000, purpose: 'ủng hộ lũ lụt' }),
    ).toBe(PUBLISHED);
  });

  it('puts every field where VIETNAM-RULES.md says, and parses back to the same values', () => {
    const payload = vietQrPayload({
      bankBin: '970436',
      accountNumber: '1234567890',
      amount: 199_635,
      billNumber: '00000123',
      purpose: paymentCode('KH0000123', '2026-11'),
    });
    expect(parseEmvTlv(payload).map((f) => f.id)).toEqual(['00', '01', '38', '53', '54', '58', '62', '63']);
    expect(emvValue(payload, '00')).toBe('01');
    expect(emvValue(payload, '01')).toBe('12');
    expect(emvValue(payload, '38', '00')).toBe('A000000727');
    expect(emvValue(payload, '38', '01', '00')).toBe('970436');
    expect(emvValue(payload, '38', '01', '01')).toBe('1234567890');
    expect(emvValue(payload, '38', '02')).toBe('QRIBFTTA');
    expect(emvValue(payload, '53')).toBe('704');
    expect(emvValue(payload, '54')).toBe('199635');
    expect(emvValue(payload, '58')).toBe('VN');
    expect(emvValue(payload, '62', '01')).toBe('00000123');
    expect(emvValue(payload, '62', '08')).toBe('TN KH0000123 202611');
    expect(emvValue(payload, '63')).toMatch(/^[0-9A-F]{4}$/);
    expect(payload).toContain('6304');
    expect(checkCrc(payload)).toBe(true);
    expect(emvValue(payload, '99')).toBeNull();
  });

  it('writes the amount as a bare integer, without separators or decimals', () => {
    const payload = vietQrPayload({ bankBin: '970415', accountNumber: '1', amount: 1_234_567, purpose: 'x' });
    expect(emvValue(payload, '54')).toBe('1234567');
    expect(payload).toContain('54071234567');
  });

  it('makes a static code (11, no amount field) when no amount is given', () => {
    for (const amount of [undefined, null, 0]) {
      const payload = vietQrPayload({ bankBin: '970415', accountNumber: '123', amount, purpose: 'Tiền nước' });
      expect(emvValue(payload, '01')).toBe('11');
      expect(parseEmvTlv(payload).some((f) => f.id === '54')).toBe(false);
      expect(emvValue(payload, '62', '08')).toBe('Tien nuoc');
      expect(checkCrc(payload)).toBe(true);
    }
  });

  it.each([
    [{ bankBin: '97041', accountNumber: '1', amount: 1, purpose: 'x' }],
    [{ bankBin: '970415', accountNumber: '12 34', amount: 1, purpose: 'x' }],
    [{ bankBin: '970415', accountNumber: '12345678901234567890', amount: 1, purpose: 'x' }],
    [{ bankBin: '970415', accountNumber: '1', amount: -5, purpose: 'x' }],
    [{ bankBin: '970415', accountNumber: '1', amount: 1.5, purpose: 'x' }],
    [{ bankBin: '970415', accountNumber: '1', amount: 10_000_000_000_000, purpose: 'x' }],
    [{ bankBin: '970415', accountNumber: '1', amount: 1, billNumber: 'HĐ-1', purpose: 'x' }],
  ])('refuses %j', (input) => {
    expect(codeOf(() => vietQrPayload(input))).toBe('INVALID_VIETQR');
  });
});

describe('purposeText', () => {
  it('strips diacritics, đ and punctuation, and keeps at most 25 characters', () => {
    expect(purposeText('Thanh toán tiền nước, kỳ 11/2026 – Đặng')).toBe('Thanh toan tien nuoc ky 1');
    expect(purposeText('  Đồng   Nai ')).toBe('Dong Nai');
    expect(purposeText('Nguyễn Văn Ân 0123456789abcdef').length).toBeLessThanOrEqual(25);
  });
});

describe('parseEmvTlv', () => {
  it('refuses a truncated or malformed payload', () => {
    expect(codeOf(() => parseEmvTlv('000201010'))).toBe('INVALID_VIETQR');
    expect(codeOf(() => parseEmvTlv('0005ab'))).toBe('INVALID_VIETQR');
    expect(codeOf(() => parseEmvTlv('xx02ab'))).toBe('INVALID_VIETQR');
  });
});

describe('payment code', () => {
  it('is tag, customer code and period as YYYYMM, within the 25 characters banks carry', () => {
    expect(paymentCode('KH0000123', '2026-11')).toBe('TN KH0000123 202611');
    expect(paymentCode('ABCD9999999', '2026-01').length).toBeLessThanOrEqual(25);
    expect(purposeText(paymentCode('KH0000123', '2026-11'))).toBe('TN KH0000123 202611');
  });

  it('refuses a customer code or period that would not survive the transfer', () => {
    expect(codeOf(() => paymentCode('kh 123', '2026-11'))).toBe('INVALID_VIETQR');
    expect(codeOf(() => paymentCode('KH0000123', '2026-13'))).toBe('INVALID_VIETQR');
    expect(codeOf(() => paymentCode('KH0000123', '202611'))).toBe('INVALID_VIETQR');
  });

  it.each([
    'TN KH0000123 202611',
    'tn kh0000123 202611',
    'TNKH0000123202611',
    'CT DEN:512345 TN KH0000123 202611 FT26110012345',
    'MBVCB.123.TN-KH0000123-202611.CT tu 0011 NGUYEN VAN AN',
    'Thanh toán TN KH0000123 202611',
  ])('is found again in the bank text %j', (text) => {
    expect(findPaymentCode(text)).toEqual({ customerCode: 'KH0000123', period: '2026-11' });
  });

  it.each(['KH0000123 202611', 'TN KH0000112', 'TN KH0000123 2026', 'TN KH0000123 202613', 'CTNKH0000123202611', ''])(
    'finds nothing in %j',
    (text) => {
      expect(findPaymentCode(text)).toBeNull();
    },
  );
});
