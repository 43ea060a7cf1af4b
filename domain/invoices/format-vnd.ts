/**
 * Amounts as printed on invoices and receipts: 1234567 → "1.234.567", -50000 → "-50.000".
 *
 * The digit grouping is domain/tariff/describe.ts's formatNumberVi; this adds what money needs on top: only a
 * whole, safe amount is printed. formatNumberVi(1234.5) would print "1.234.5", which a Vietnamese reader takes for
 * 12.345 đồng, and 1e21 would print as "1e+21": on an invoice both are wrong bills, so they are refused instead.
 */
import { formatNumberVi } from '../tariff/describe';
import { InvoiceRuleError } from './invoice-rule-error';

export function formatVnd(amount: number): string {
  if (!Number.isSafeInteger(amount)) {
    throw new InvoiceRuleError('INVALID_AMOUNT', 'Số tiền phải là số nguyên đồng trong giới hạn cho phép.');
  }
  return formatNumberVi(amount);
}
