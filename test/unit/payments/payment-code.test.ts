import { describe, expect, it } from 'vitest';
import { findPaymentCode, findPaymentCodes, paymentCode, purposeText } from '@/domain/invoices/vietqr';
import { customerCodeHints } from '@/domain/payments/payment-code';

const KH = { customerCode: 'KH000123', period: '2026-03' };

describe('payment code in real bank descriptions', () => {
  it.each([
    // Vietcombank app transfers: the bank's own reference glued around ours with dots.
    'MBVCB.123456.TN KH000123 202603.CT tu 0123456789 NGUYEN VAN A toi 113000123456 CONG TY CAP NUOC',
    // Spaces dropped and upper-cased (several banks' IBFT).
    'TNKH000123202603',
    // Napas 247 with the trace number in front and the payer's name after.
    'IBFT 512345 TN KH000123 202603 NGUYEN THI B chuyen tien',
    // The bank's reference glued straight onto the tag: digits before TN.
    '098765TN KH000123 202603',
    // Glued after the period too ("...202603FT26...").
    'TN KH000123 202603FT26074123456',
    // Dashes and dots instead of spaces, lower case, diacritics.
    'tn-kh000123-202603 thanh toán tiền nước',
    'Thanh toán tiền nước TN.KH000123.202603',
    // A bank that breaks the code inside ("KH 000123", "2026 03").
    'CT DEN:603114 TN KH 000123 2026 03 FT26074',
    // Line break from a statement cell.
    'NGUYEN VAN A\nTN KH000123 202603',
  ])('finds KH000123 / 2026-03 in %j', (text) => {
    expect(findPaymentCode(text)).toEqual(KH);
  });

  it('reads our own printed code back whatever the bank does to case and spaces', () => {
    const printed = purposeText(paymentCode('KH0004567', '2026-12'));
    for (const mangled of [printed, printed.toLowerCase(), printed.replace(/ /g, ''), `ABC.${printed}.XYZ`])
      expect(findPaymentCode(mangled)).toEqual({ customerCode: 'KH0004567', period: '2026-12' });
  });

  it('puts the code as printed before spaceless readings, so "CONG TY TNHH" does not shadow it', () => {
    const text = 'CONG TY TNHH AN BINH 202603 TN KH000123 202603';
    expect(findPaymentCode(text)).toEqual(KH);
    // The spaceless reading of "TNHH AN BINH 202603" is a candidate too; the service keeps the first known customer.
    expect(findPaymentCodes(text)).toContainEqual({ customerCode: 'HHANBINH', period: '2026-03' });
    expect(findPaymentCodes(text)[0]).toEqual(KH);
  });

  it('takes the period as the last six digits of a glued run (a customer code ending in 20xx)', () => {
    expect(findPaymentCode('TNKH2026202603')).toEqual({ customerCode: 'KH2026', period: '2026-03' });
  });

  it.each([
    'KH000123 202603', // no tag
    'CHUYEN TIEN VIETNAM KH000123 202603', // "TN" inside a word
    'TN KH000123 2026', // period cut off
    'TN KH000123 202613', // no month 13
    'TN KH000123 2026031', // a longer digit run is not a period
    '',
  ])('finds no code in %j', (text) => {
    expect(findPaymentCode(text)).toBeNull();
  });
});

describe('customer code hints for the suspense list', () => {
  it('lists the tagged code first, then code-like words, the period dropped', () => {
    expect(customerCodeHints('TN KH000123 202603')).toEqual(['KH000123']);
    expect(customerCodeHints('chuyen tien nuoc kh000456 thang 3')).toEqual(['KH000456']);
    // The bank's own reference looks like a code too; the service keeps only hints that are real customers.
    expect(customerCodeHints('NGUYEN VAN A KH000789202603 FT26074')).toEqual(['KH000789', 'FT26074']);
    expect(customerCodeHints('TN KH000123 202603 cho ca KH000124')).toEqual(['KH000123', 'KH000124']);
  });

  it('ignores words that are not codes and never lists more than 12', () => {
    expect(customerCodeHints('CHUYEN TIEN 500000 DONG')).toEqual([]);
    const many = Array.from({ length: 30 }, (_, i) => `KH${String(i).padStart(6, '0')}`).join(' ');
    expect(customerCodeHints(many)).toHaveLength(12);
  });
});
