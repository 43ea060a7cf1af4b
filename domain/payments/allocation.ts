/**
 * How a payment is spread over a customer's open invoices (VIETNAM-RULES "Payments"): invoice by invoice in the
 * company's order (oldest first by default), and inside an invoice in the fixed order water, VAT, fees, so that the
 * tax and fee remittances stay consistent with what was collected. What is left over is the customer's credit.
 * Pure: the ledger service feeds it the locked receivables and writes what it answers.
 */

export const COMPONENTS = ['water', 'vat', 'fees'] as const;
export type Component = (typeof COMPONENTS)[number];
export type ComponentAmounts = Record<Component, number>;

export type PaymentOrder = 'OLDEST' | 'NEWEST';

export interface OpenInvoice {
  invoiceId: number;
  /** YYYY-MM: the order key, then the issue date, then the id. */
  period: string;
  issuedOn: string;
  /** What each component still asks (due minus paid), never negative. */
  remaining: ComponentAmounts;
}

export interface AllocationLine {
  invoiceId: number;
  component: Component;
  amount: number;
}

/**
 * An invoice's charge split into components: water is the water amount (subtotal), VAT its VAT, fees everything else
 * on the total (environment fee, drainage fee and its VAT). An adjusted invoice adds its adjustments component-wise.
 */
export function invoiceComponents(invoice: { subtotal: number; vat: number; total: number }): ComponentAmounts {
  return { water: invoice.subtotal, vat: invoice.vat, fees: invoice.total - invoice.subtotal - invoice.vat };
}

function compareOldest(a: OpenInvoice, b: OpenInvoice): number {
  if (a.period !== b.period) return a.period < b.period ? -1 : 1;
  if (a.issuedOn !== b.issuedOn) return a.issuedOn < b.issuedOn ? -1 : 1;
  return a.invoiceId - b.invoiceId;
}

/**
 * The order a payment pays open invoices in: the invoice the payer named first (the counter pays the period on
 * screen), then the rest oldest or newest first.
 */
export function orderOpenInvoices(
  invoices: readonly OpenInvoice[],
  order: PaymentOrder,
  preferredInvoiceId?: number | null,
): OpenInvoice[] {
  const sorted = [...invoices].sort(order === 'OLDEST' ? compareOldest : (a, b) => compareOldest(b, a));
  if (preferredInvoiceId == null) return sorted;
  const preferred = sorted.filter((i) => i.invoiceId === preferredInvoiceId);
  return [...preferred, ...sorted.filter((i) => i.invoiceId !== preferredInvoiceId)];
}

/**
 * Spreads `amount` over invoices already in paying order. Every line is positive and no line exceeds what its
 * component still asks; the lines and what is left add up to the amount exactly.
 */
export function allocateAmount(
  amount: number,
  ordered: readonly OpenInvoice[],
): { lines: AllocationLine[]; left: number } {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError('allocateAmount: amount must be whole VND ≥ 0');
  const lines: AllocationLine[] = [];
  let left = amount;
  for (const invoice of ordered) {
    for (const component of COMPONENTS) {
      if (left === 0) return { lines, left };
      const asks = Math.max(0, invoice.remaining[component]);
      const take = Math.min(asks, left);
      if (take > 0) {
        lines.push({ invoiceId: invoice.invoiceId, component, amount: take });
        left -= take;
      }
    }
  }
  return { lines, left };
}

/**
 * When an invoice's due drops below what is paid on a component (a cancellation, a replacement, a downward
 * adjustment), the excess is taken back from the newest allocations first, so the oldest payments stay where they
 * were. `allocations` are the positive net amounts per payment on that component, oldest first.
 */
export function releaseExcess(
  excess: number,
  allocations: readonly { paymentId: number; amount: number }[],
): { paymentId: number; amount: number }[] {
  const released: { paymentId: number; amount: number }[] = [];
  let rest = excess;
  for (let i = allocations.length - 1; i >= 0 && rest > 0; i--) {
    const a = allocations[i]!;
    const take = Math.min(a.amount, rest);
    if (take > 0) {
      released.push({ paymentId: a.paymentId, amount: take });
      rest -= take;
    }
  }
  if (rest > 0) throw new RangeError('releaseExcess: more to release than was allocated');
  return released;
}
