/** Typed error of the invoice rules (series, amounts in words, VietQR): `code` is stable, `message` is for users. */
export type InvoiceRuleErrorCode =
  'INVALID_AMOUNT' | 'INVALID_TEMPLATE_SYMBOL' | 'INVALID_INVOICE_SYMBOL' | 'INVALID_INVOICE_NUMBER' | 'INVALID_VIETQR';

export class InvoiceRuleError extends Error {
  override readonly name = 'InvoiceRuleError';
  constructor(
    readonly code: InvoiceRuleErrorCode,
    message: string,
  ) {
    super(message);
  }
}
