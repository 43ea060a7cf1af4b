import { describe, expect, it } from 'vitest';
import { tariffTierFormSchema, tariffTierSchema } from '@/schemas/tariff-input';

const issues = (input: unknown) => {
  const r = tariffTierFormSchema.safeParse(input);
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
};

describe('the tier dialog validates with the API schema', () => {
  it('turns typed text into the API input (thousands dots allowed)', () => {
    expect(tariffTierFormSchema.parse({ upTo: '10', unlimited: false, unitPrice: '5.973' })).toEqual({
      upTo: 10,
      unitPrice: 5973,
    });
    expect(tariffTierFormSchema.parse({ upTo: '99', unlimited: true, unitPrice: '18' })).toEqual({
      upTo: null,
      unitPrice: 18,
    });
    // What the form accepts, the API schema accepts unchanged.
    const out = tariffTierFormSchema.parse({ upTo: '20', unlimited: false, unitPrice: '7052' });
    expect(tariffTierSchema.parse(out)).toEqual(out);
  });

  it('refuses per field with the Vietnamese messages of the API schema', () => {
    expect(issues({ upTo: '', unlimited: false, unitPrice: '1000' })).toEqual({
      upTo: 'Nhập giới hạn m3 của bậc, hoặc chọn “không giới hạn”.',
    });
    expect(issues({ upTo: '0', unlimited: false, unitPrice: '1000' })).toEqual({
      upTo: 'Giới hạn bậc phải lớn hơn 0.',
    });
    expect(issues({ upTo: '2000000', unlimited: false, unitPrice: '1000' })).toEqual({ upTo: 'Giới hạn bậc quá lớn.' });
    expect(issues({ upTo: '10', unlimited: false, unitPrice: '' })).toEqual({ unitPrice: 'Nhập đơn giá (đồng/m3).' });
    expect(issues({ upTo: '10', unlimited: false, unitPrice: '12,5' })).toEqual({
      unitPrice: 'Đơn giá phải là số nguyên đồng.',
    });
    expect(issues({ upTo: '10', unlimited: false, unitPrice: '20000000' })).toEqual({ unitPrice: 'Đơn giá quá lớn.' });
  });
});
