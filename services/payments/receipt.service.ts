/**
 * The receipt (phiếu thu) of one payment as pdf/receipt-document.tsx prints it: the company from the invoice settings,
 * the customer, what the payment paid invoice by invoice, the amount in words by the company's reading. A reversed
 * payment's receipt lists what it had paid and is marked cancelled. Printing needs the `payments` print right on the
 * customer's current book; another book's payment reads as not found.
 */
import type { DbOrTx } from '@/db/client';
import type { PaymentChannel } from '@/db/schema/payments';
import { amountInWords } from '@/domain/invoices/amount-in-words';
import { formatVnd } from '@/domain/invoices/format-vnd';
import type { ReceiptDocument } from '@/domain/invoices/receipt-document';
import { type Actor, canOnBook } from '@/services/auth/actor';
import { AppError, notFound } from '@/services/errors';
import { loadInvoiceSettings } from '@/services/invoices/invoice-documents.service';
import { holdingsOf, paymentViewsByIds } from './payment-view';

const METHOD: Record<PaymentChannel, ReceiptDocument['paymentMethod']> = {
  counter: 'CASH',
  collector: 'CASH',
  partner: 'OTHER',
  bank_transfer: 'BANK_TRANSFER',
};

export async function printableReceipt(db: DbOrTx, actor: Actor, paymentId: number): Promise<ReceiptDocument> {
  const [p] = await paymentViewsByIds(db, [paymentId]);
  if (!p || !canOnBook(actor, p.customerBookId, 'payments', 'access')) throw notFound('khoản thu');
  if (!canOnBook(actor, p.customerBookId, 'payments', 'print'))
    throw new AppError('FORBIDDEN', 'Bạn không có quyền in phiếu thu của sổ này.');
  const reversed = p.status === 'reversed';
  const items = reversed ? ((await holdingsOf(db, [p.id], { beforeReversal: true })).get(p.id) ?? []) : p.holdings;
  const settings = await loadInvoiceSettings(db);
  const onInvoices = items.reduce((s, i) => s + i.amount, 0);
  const via = p.partnerName ? ` qua ${p.partnerName}` : '';
  const reason =
    onInvoices < p.amount
      ? `Thanh toán tiền nước${via} (trong đó ${formatVnd(p.amount - onInvoices)} đồng trả trước cho các kỳ sau)`
      : `Thanh toán tiền nước${via}`;
  return {
    id: p.id,
    company: {
      name: settings.seller.name,
      address: settings.seller.address,
      taxCode: settings.seller.taxCode,
      phone: settings.seller.phone,
    },
    receiptNumber: p.receiptNumber,
    receivedOn: p.businessDay,
    customer: { code: p.customerCode, name: p.customerName, address: p.customerAddress },
    reason,
    items: items.map((i) => ({ series: i.series, number: i.number, period: i.period, amount: i.amount })),
    total: p.amount,
    totalInWords: amountInWords(p.amount, settings.wordsDialect),
    cashierName: p.collectorName ?? p.recordedByName ?? p.partnerName ?? '',
    paymentMethod: METHOD[p.channel],
    cancelled: reversed,
  };
}
