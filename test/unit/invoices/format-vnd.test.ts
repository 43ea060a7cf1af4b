import { describe, expect, it } from 'vitest';
import { formatVnd } from '@/domain/invoices/format-vnd';
import { InvoiceRuleError } from '@/domain/invoices/invoice-rule-error';

describe('formatVnd', () => {
  it.each([
    [0, '0'],
    [-0, '0'],
    [5, '5'],
    [999, '999'],
    [1_000, '1.000'],
    [199_635, '199.635'],
    [1_234_567, '1.234.567'],
    [-50_000, '-50.000'],
    [-1_234_567, '-1.234.567'],
    [Number.MAX_SAFE_INTEGER, '9.007.199.254.740.991'],
  ])('%s → %s', (amount, printed) => {
    expect(formatVnd(amount)).toBe(printed);
  });

  it.each([1234.5, Number.NaN, Number.POSITIVE_INFINITY, 1e21])(
    'refuses %s rather than print a wrong amount',
    (amount) => {
      expect(() => formatVnd(amount)).toThrow(InvoiceRuleError);
    },
  );
});
