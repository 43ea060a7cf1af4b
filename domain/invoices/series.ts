/**
 * Invoice series: the template symbol (ký hiệu mẫu số) and the invoice symbol (ký hiệu hóa đơn) of Decree
 * 123/2020 as guided by Circular 78/2021 Art. 4 and Circular 32/2025, printed together as "1C26TAA", and the
 * invoice number as printed (8 digits).
 *
 * - Template symbol: one digit 1–9. Circular 78 defined 1–6 (1 VAT invoice, 2 sales invoice, 3 public assets,
 *   4 national reserves, 5 other invoices such as stamps and tickets, 6 documents managed like invoices);
 *   Circular 32/2025 adds 7–9 (e-commerce, and invoices integrated with tax and fee receipts).
 * - Invoice symbol: six characters: `C` (coded by the tax authority) or `K` (not coded), the last two digits of the
 *   year of issue, a type letter, then two upper-case letters the seller chooses ("YY" when it has no need).
 *   The type letters are Circular 78's (T registered enterprises, D public assets / national reserves / special
 *   invoices, L issued by the tax office per sale, M from cash registers, N internal delivery notes, B consignment
 *   delivery notes, G and H stamps, tickets and cards); a new letter is one entry in TYPE_LETTERS.
 */
import { InvoiceRuleError } from './invoice-rule-error';

const TYPE_LETTERS = 'TDLMNBGH';
const MAX_INVOICE_NUMBER = 99_999_999;

/** The Vietnamese problem with a template symbol, or null when it is valid. */
export function templateSymbolProblem(value: string): string | null {
  if (/^[1-9]$/.test(value)) return null;
  return 'Ký hiệu mẫu số hóa đơn phải là một chữ số từ 1 đến 9 (1 là hóa đơn giá trị gia tăng).';
}

/** The Vietnamese problem with an invoice symbol, or null when it is valid. */
export function invoiceSymbolProblem(value: string): string | null {
  if (value.length !== 6) return 'Ký hiệu hóa đơn phải gồm đúng 6 ký tự, ví dụ C26TAA.';
  if (!/^[CK]/.test(value)) {
    return 'Ký tự đầu của ký hiệu hóa đơn phải là C (có mã của cơ quan thuế) hoặc K (không có mã).';
  }
  if (!/^.\d\d/.test(value)) return 'Ký tự thứ hai và thứ ba của ký hiệu hóa đơn phải là hai chữ số cuối của năm lập.';
  if (!TYPE_LETTERS.includes(value.charAt(3))) {
    return `Ký tự thứ tư của ký hiệu hóa đơn phải là loại hóa đơn: một trong các chữ ${TYPE_LETTERS.split('').join(', ')} (T cho doanh nghiệp đã đăng ký).`;
  }
  if (!/^[A-Z]{2}$/.test(value.slice(4))) {
    return 'Hai ký tự cuối của ký hiệu hóa đơn phải là chữ cái in hoa không dấu do người bán tự chọn (ví dụ AA, YY).';
  }
  return null;
}

/** Throws InvoiceRuleError when the template or invoice symbol breaks the rules. */
export function assertSeries(templateSymbol: string, invoiceSymbol: string): void {
  const template = templateSymbolProblem(templateSymbol);
  if (template) throw new InvoiceRuleError('INVALID_TEMPLATE_SYMBOL', template);
  const symbol = invoiceSymbolProblem(invoiceSymbol);
  if (symbol) throw new InvoiceRuleError('INVALID_INVOICE_SYMBOL', symbol);
}

/** "1" + "C26TAA" → "1C26TAA", as printed on the invoice. */
export function formatSeries(templateSymbol: string, invoiceSymbol: string): string {
  assertSeries(templateSymbol, invoiceSymbol);
  return templateSymbol + invoiceSymbol;
}

/** The calendar year an invoice symbol belongs to: "C26TAA" → 2026. */
export function invoiceSymbolYear(invoiceSymbol: string): number {
  const problem = invoiceSymbolProblem(invoiceSymbol);
  if (problem) throw new InvoiceRuleError('INVALID_INVOICE_SYMBOL', problem);
  return 2000 + Number(invoiceSymbol.slice(1, 3));
}

/** Whether invoices of this symbol carry the tax authority's code (MCCQT): symbols starting with C. */
export function isCodedSymbol(invoiceSymbol: string): boolean {
  return invoiceSymbol.startsWith('C');
}

/** 123 → "00000123": the number as printed, up to 8 digits. */
export function formatInvoiceNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > MAX_INVOICE_NUMBER) {
    throw new InvoiceRuleError('INVALID_INVOICE_NUMBER', 'Số hóa đơn phải là số nguyên từ 1 đến 99.999.999.');
  }
  return String(n).padStart(8, '0');
}
