/**
 * An e-invoice service provider (VNPT, Viettel, MISA, BKAV … each with its own API) behind one interface, so the
 * rest of the product only knows "issue this invoice" and never a provider's protocol. One adapter exists today:
 * http-provider.ts, a generic HTTP JSON provider.
 *
 * Every call that creates something at the provider carries an idempotency key, and the same key on every retry
 * of the same intent: a time-out says nothing about whether the provider issued, and an invoice number must never
 * be issued twice.
 */
import type { InvoiceDocument } from '@/domain/invoices/invoice-document';

/** The provider's view of one e-invoice. */
type ProviderInvoiceStatus = 'PENDING' | 'ISSUED' | 'CANCELLED' | 'REPLACED' | 'ADJUSTED' | 'REJECTED';

export interface ProviderInvoice {
  /** The provider's own reference of the invoice (what cancel, status and fetchPdf take). */
  providerId: string;
  status: ProviderInvoiceStatus;
  /** The e-invoice XML as the provider holds it (signed, possibly with the tax authority's code). */
  xml: string | null;
  /** The code a buyer types on the provider's lookup page, when the provider gives one. */
  lookupCode: string | null;
}

export interface EinvoiceProvider {
  /** Written into einvoices.issuer (up to 32 characters). */
  readonly name: string;
  /** Issues one invoice; `xml` is the unsigned HDon when the provider signs what we built. */
  issue(document: InvoiceDocument, xml: string | undefined, idempotencyKey: string): Promise<ProviderInvoice>;
  cancel(providerId: string, reason: string): Promise<ProviderInvoice>;
  /** Issues `document` as the replacement of the provider's invoice `providerId`. */
  replace(
    providerId: string,
    document: InvoiceDocument,
    xml: string | undefined,
    idempotencyKey: string,
  ): Promise<ProviderInvoice>;
  /** Issues `document` as an adjustment of the provider's invoice `providerId`. */
  adjust(
    providerId: string,
    document: InvoiceDocument,
    xml: string | undefined,
    idempotencyKey: string,
  ): Promise<ProviderInvoice>;
  status(providerId: string): Promise<ProviderInvoice>;
  fetchPdf(providerId: string): Promise<Buffer>;
}

/**
 * The idempotency key of an invoice's issue: the seller's tax code, the series and the number. It is the invoice's
 * legal identity, so it stays the same across retries, job restarts and app servers, and differs for every invoice.
 */
export function einvoiceIdempotencyKey(
  document: Pick<InvoiceDocument, 'templateSymbol' | 'invoiceSymbol' | 'number'> & {
    seller: { taxCode: string | null };
  },
): string {
  return `${document.seller.taxCode ?? 'no-tax-code'}-${document.templateSymbol}${document.invoiceSymbol}-${document.number ?? 'draft'}`;
}
