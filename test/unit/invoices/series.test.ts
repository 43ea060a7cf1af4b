import { describe, expect, it } from 'vitest';
import { InvoiceRuleError } from '@/domain/invoices/invoice-rule-error';
import {
  assertSeries,
  formatInvoiceNumber,
  formatSeries,
  invoiceSymbolProblem,
  invoiceSymbolYear,
  isCodedSymbol,
  templateSymbolProblem,
} from '@/domain/invoices/series';

function codeOf(run: () => unknown): string | null {
  try {
    run();
  } catch (error) {
    return error instanceof InvoiceRuleError ? error.code : 'OTHER';
  }
  return null;
}

describe('template symbol', () => {
  it.each(['1', '2', '6', '9'])('accepts %s', (value) => {
    expect(templateSymbolProblem(value)).toBeNull();
  });

  it.each(['0', '10', '', 'A', ' 1', '１'])('refuses %j with a Vietnamese message', (value) => {
    expect(templateSymbolProblem(value)).toMatch(/Ký hiệu mẫu số hóa đơn phải là một chữ số từ 1 đến 9/);
  });
});

describe('invoice symbol', () => {
  it.each(['C26TAA', 'K25TYY', 'C26MAB', 'K99DZZ'])('accepts %s', (value) => {
    expect(invoiceSymbolProblem(value)).toBeNull();
  });

  it.each([
    ['C26TA', /đúng 6 ký tự/],
    ['C26TAAA', /đúng 6 ký tự/],
    ['A26TAA', /C \(có mã của cơ quan thuế\) hoặc K/],
    ['c26TAA', /C \(có mã của cơ quan thuế\) hoặc K/],
    ['C2XTAA', /hai chữ số cuối của năm lập/],
    ['C26XAA', /loại hóa đơn: một trong các chữ T, D, L, M, N, B, G, H/],
    ['C26Taa', /chữ cái in hoa không dấu/],
    ['C26TA1', /chữ cái in hoa không dấu/],
    ['C26TĐA', /chữ cái in hoa không dấu/],
  ])('refuses %s', (value, message) => {
    expect(invoiceSymbolProblem(value)).toMatch(message);
  });

  it('tells the year of the symbol', () => {
    expect(invoiceSymbolYear('C26TAA')).toBe(2026);
    expect(invoiceSymbolYear('K05TYY')).toBe(2005);
    expect(codeOf(() => invoiceSymbolYear('X26TAA'))).toBe('INVALID_INVOICE_SYMBOL');
  });

  it('knows coded (C) from uncoded (K) symbols', () => {
    expect(isCodedSymbol('C26TAA')).toBe(true);
    expect(isCodedSymbol('K26TAA')).toBe(false);
  });
});

describe('formatSeries', () => {
  it('prints template and symbol together', () => {
    expect(formatSeries('1', 'C26TAA')).toBe('1C26TAA');
    expect(formatSeries('2', 'K27TYY')).toBe('2K27TYY');
  });

  it('refuses a wrong template or symbol with its own code', () => {
    expect(codeOf(() => formatSeries('0', 'C26TAA'))).toBe('INVALID_TEMPLATE_SYMBOL');
    expect(codeOf(() => formatSeries('1', 'C26TA'))).toBe('INVALID_INVOICE_SYMBOL');
    expect(codeOf(() => assertSeries('1', 'C26TAA'))).toBeNull();
  });
});

describe('formatInvoiceNumber', () => {
  it.each([
    [1, '00000001'],
    [123, '00000123'],
    [12_345_678, '12345678'],
    [99_999_999, '99999999'],
  ])('%i → %s', (n, printed) => {
    expect(formatInvoiceNumber(n)).toBe(printed);
  });

  it.each([0, -1, 1.5, 100_000_000, Number.NaN])('refuses %s', (n) => {
    expect(codeOf(() => formatInvoiceNumber(n))).toBe('INVALID_INVOICE_NUMBER');
  });
});
