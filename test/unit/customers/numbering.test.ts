import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sniffAttachmentType } from '@/domain/customers/file-type';
import { isValidCitizenId, isValidPhone, isValidTaxCode, normalizePhone } from '@/domain/customers/identity';
import {
  formatContractNumber,
  formatCustomerCode,
  nextSequenceAtEnd,
  renumberPlan,
  sequenceBetween,
} from '@/domain/customers/numbering';
import { foldVietnamese } from '@/domain/text/normalize';

describe('customer codes and contract numbers', () => {
  it('pads the company sequence to seven digits behind the prefix', () => {
    expect(formatCustomerCode('KH', 1)).toBe('KH0000001');
    expect(formatCustomerCode('KH', 1234567)).toBe('KH1234567');
    expect(() => formatCustomerCode('KH', 0)).toThrow(RangeError);
  });

  it('numbers contracts as code/NN counting re-signings from 01', () => {
    expect(formatContractNumber('KH0000042', 1)).toBe('KH0000042/01');
    expect(formatContractNumber('KH0000042', 12)).toBe('KH0000042/12');
    expect(() => formatContractNumber('KH0000042', 0)).toThrow(RangeError);
  });
});

describe('sequence numbers in tens', () => {
  it('appends at the next ten above the largest', () => {
    expect(nextSequenceAtEnd(null)).toBe(10);
    expect(nextSequenceAtEnd(20)).toBe(30);
    expect(nextSequenceAtEnd(21)).toBe(30);
    expect(nextSequenceAtEnd(29)).toBe(30);
  });

  it('finds a number strictly between two neighbours, or says none is left', () => {
    expect(sequenceBetween(10, 20)).toBe(15);
    expect(sequenceBetween(null, 10)).toBe(5);
    expect(sequenceBetween(20, 21)).toBeNull();
    expect(sequenceBetween(20, null)).toBe(30);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 2, max: 1e6 }), (lo, gap) => {
        const s = sequenceBetween(lo, lo + gap)!;
        return s > lo && s < lo + gap;
      }),
    );
  });

  it('renumbers in tens keeping the order (ties by id)', () => {
    const plan = renumberPlan([
      { id: 7, sequenceNo: 21 },
      { id: 3, sequenceNo: 20 },
      { id: 9, sequenceNo: 500 },
      { id: 1, sequenceNo: 21 },
    ]);
    expect(plan).toEqual([
      { id: 3, sequenceNo: 10 },
      { id: 1, sequenceNo: 20 },
      { id: 7, sequenceNo: 30 },
      { id: 9, sequenceNo: 40 },
    ]);
  });
});

describe('identifiers', () => {
  it('checks tax codes, citizen IDs and phones', () => {
    expect(isValidTaxCode('0100109106')).toBe(true);
    expect(isValidTaxCode('0100109106-001')).toBe(true);
    expect(isValidTaxCode('010010910')).toBe(false);
    expect(isValidCitizenId('001203004567')).toBe(true);
    expect(isValidCitizenId('00120300456')).toBe(false);
    expect(normalizePhone('+84 912.345.678')).toBe('0912345678');
    expect(isValidPhone('0912 345 678')).toBe(true);
    expect(isValidPhone('912345678')).toBe(false);
  });
});

describe('attachments', () => {
  it('decides the type from the first bytes, not the name', () => {
    expect(sniffAttachmentType(new TextEncoder().encode('%PDF-1.7 …'))).toBe('application/pdf');
    expect(sniffAttachmentType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffAttachmentType(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png');
    expect(sniffAttachmentType(new TextEncoder().encode('<html>not a scan</html>'))).toBeNull();
  });
});

describe('accent-insensitive search text', () => {
  it('folds Vietnamese letters, đ included, and white space', () => {
    expect(foldVietnamese('  Nguyễn   Thị Hồng Đào ')).toBe('nguyen thi hong dao');
    expect(foldVietnamese('ĐƯỜNG LÊ LỢI')).toBe('duong le loi');
  });
});
