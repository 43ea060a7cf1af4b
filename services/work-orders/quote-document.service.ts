/**
 * The installation quote of an order as pdf/work-order-quote-document.tsx prints it: the company from the invoice
 * settings, the applicant, the lines and total, the amount in words by the company's reading. Printing needs the
 * `print` right on the order (installations, on its branch); an order the user may not read is not found.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { serviceTypes } from '@/db/schema/catalogs';
import { workOrderEvents } from '@/db/schema/work-orders';
import { todayInVietnam } from '@/domain/billing/periods';
import { amountInWords } from '@/domain/invoices/amount-in-words';
import { QUOTE_VALID_DAYS, type WorkOrderQuoteDocument } from '@/domain/work-orders/quote-document';
import type { Actor } from '@/services/auth/actor';
import { AppError } from '@/services/errors';
import { loadInvoiceSettings } from '@/services/invoices/invoice-documents.service';
import { getWorkOrderForActor } from './access';

export async function printableQuote(db: DbOrTx, actor: Actor, workOrderId: number): Promise<WorkOrderQuoteDocument> {
  const { order } = await getWorkOrderForActor(db, actor, workOrderId, 'print');
  if (!order.quote) throw new AppError('NOT_FOUND', 'Phiếu yêu cầu chưa có báo giá.');
  const settings = await loadInvoiceSettings(db);
  const [quotedAt] = await db
    .select({ at: workOrderEvents.at })
    .from(workOrderEvents)
    .where(and(eq(workOrderEvents.workOrderId, order.id), eq(workOrderEvents.toStatus, 'QUOTED')))
    .orderBy(desc(workOrderEvents.id))
    .limit(1);
  const [serviceType] = order.serviceTypeId
    ? await db.select({ name: serviceTypes.name }).from(serviceTypes).where(eq(serviceTypes.id, order.serviceTypeId))
    : [];
  return {
    company: {
      name: settings.seller.name,
      address: settings.seller.address,
      taxCode: settings.seller.taxCode,
      phone: settings.seller.phone,
    },
    trackingCode: order.trackingCode,
    quotedOn: todayInVietnam(quotedAt?.at ?? new Date()),
    applicant: { name: order.applicantName, phone: order.applicantPhone, address: order.address ?? '' },
    serviceTypeName: serviceType?.name ?? null,
    lines: order.quote.lines,
    total: order.quote.total,
    totalInWords: amountInWords(order.quote.total, settings.wordsDialect),
    validDays: QUOTE_VALID_DAYS,
  };
}
