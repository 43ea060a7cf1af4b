/**
 * An issued invoice never changes. A wrong one is cancelled with a reason, or corrected by a new invoice that
 * names it: a replacement (the original becomes REPLACED and owes nothing) or an adjustment carrying the
 * difference (the original becomes ADJUSTED and owes its total plus its adjustments). Both are recomputed from
 * today's data for the original's customer and period, with the billing run's own inputs and engine, and are
 * numbered at once in the default series. Each correction is one transaction.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { invoiceLines, invoices } from '@/db/schema/billing';
import { rowsOf } from '@/db/sql';
import { todayInVietnam } from '@/domain/billing/periods';
import { SKIP_REASON_LABELS } from '@/domain/billing/skip-reasons';
import type { InvoiceDraft } from '@/domain/billing/invoice-draft';
import { type Actor, canOnBook } from '@/services/auth/actor';
import { canReadInvoices } from '@/services/billing/invoice.service';
import { computeCustomerBill } from '@/services/billing/customer-bill';
import { AppError, notFound } from '@/services/errors';
import { settleCorrection } from '@/services/payments/ledger';
import { lockDefaultSeries, numberInvoices } from './issue.service';

interface LockedInvoice {
  id: number;
  customerId: number;
  customerBookId: number;
  bookId: number;
  serviceTypeId: number | null;
  period: string;
  kind: string;
  status: string;
  /** regular or backbill: what the invoice (or the one it replaced) billed. */
  baseKind: string;
}

const AMOUNT_COLUMNS = ['subtotal', 'vat', 'environmentFee', 'drainageFee', 'drainageVat', 'total'] as const;
type Amounts = Record<(typeof AMOUNT_COLUMNS)[number] | 'consumption', number>;

function reasonOf(reason: string): string {
  const r = reason.trim();
  if (r.length < 3) throw new AppError('VALIDATION_FAILED', 'Nhập lý do (ít nhất 3 ký tự).', { field: 'reason' });
  if (r.length > 500) throw new AppError('VALIDATION_FAILED', 'Lý do dài quá 500 ký tự.', { field: 'reason' });
  return r;
}

/** Locks the invoice row and checks the right on the customer's current book; another book's reads as not found. */
async function lockInvoice(tx: DbOrTx, actor: Actor, id: number, right: 'edit' | 'delete'): Promise<LockedInvoice> {
  const [row] = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      select i.id, i.customer_id, c.book_id as customer_book_id, i.book_id, i.service_type_id, i.period, i.kind,
        i.status,
        (with recursive chain as (
            select x.id, x.kind, x.related_invoice_id from invoices x where x.id = i.id
            union all
            select p.id, p.kind, p.related_invoice_id from invoices p join chain on p.id = chain.related_invoice_id
              where chain.kind = 'replacement')
          select kind from chain where kind in ('regular', 'backbill') limit 1) as base_kind
      from invoices i join customers c on c.id = i.customer_id
      where i.id = ${id} for update of i`),
  );
  if (!row || !canReadInvoices(actor, Number(row.customer_book_id))) throw notFound('hóa đơn');
  if (!canOnBook(actor, Number(row.customer_book_id), 'invoices', right))
    throw new AppError(
      'BOOK_FORBIDDEN',
      right === 'delete'
        ? 'Bạn không có quyền hủy hóa đơn của sổ này.'
        : 'Bạn không có quyền lập hóa đơn điều chỉnh, thay thế của sổ này.',
    );
  return {
    id: Number(row.id),
    customerId: Number(row.customer_id),
    customerBookId: Number(row.customer_book_id),
    bookId: Number(row.book_id),
    serviceTypeId: row.service_type_id == null ? null : Number(row.service_type_id),
    period: String(row.period),
    kind: String(row.kind),
    status: String(row.status),
    baseKind: String(row.base_kind ?? 'regular'),
  };
}

function notCorrectable(status: string): AppError {
  const what: Record<string, string> = {
    draft: 'đang là bản nháp (chưa phát hành): tính lại hóa đơn thay vì điều chỉnh',
    cancelled: 'đã bị hủy',
    replaced: 'đã được thay thế',
    adjusted: 'đã có hóa đơn điều chỉnh: điều chỉnh tiếp thay vì thay thế',
  };
  return new AppError('INVOICE_NOT_CORRECTABLE', `Hóa đơn ${what[status] ?? `ở trạng thái ${status}`}.`);
}

/** Today's bill of the invoice's customer and period, of the kind the invoice billed. */
async function recompute(tx: DbOrTx, inv: LockedInvoice): Promise<InvoiceDraft> {
  const result = await computeCustomerBill(tx, inv.customerId, inv.period);
  const found = result.invoices.find((i) => i.draft.kind === inv.baseKind);
  if (found) return found.draft;
  const skip = result.skips[0];
  throw new AppError(
    'INVOICE_NOT_RECOMPUTABLE',
    skip
      ? `Không tính lại được hóa đơn: ${SKIP_REASON_LABELS[skip.reason]}.`
      : 'Không tính lại được hóa đơn: kỳ này khách hàng không còn phát sinh tiền nước.',
  );
}

async function insertCorrection(
  tx: DbOrTx,
  inv: LockedInvoice,
  kind: 'replacement' | 'adjustment',
  reason: string,
  amounts: Amounts,
  lines: {
    kind: string;
    description: string;
    tariffVersionId: number | null;
    tier: number | null;
    quantity: number;
    unitPrice: number;
    amount: number;
  }[],
  warnings: { code: string; message: string }[],
): Promise<number> {
  const [created] = await tx
    .insert(invoices)
    .values({
      customerId: inv.customerId,
      bookId: inv.customerBookId,
      serviceTypeId: inv.serviceTypeId,
      period: inv.period,
      kind,
      status: 'draft',
      consumption: amounts.consumption,
      subtotal: amounts.subtotal,
      vat: amounts.vat,
      environmentFee: amounts.environmentFee,
      drainageFee: amounts.drainageFee,
      drainageVat: amounts.drainageVat,
      total: amounts.total,
      relatedInvoiceId: inv.id,
      correctionReason: reason,
      warnings,
    })
    .returning({ id: invoices.id });
  const id = created!.id;
  if (lines.length > 0)
    await tx.insert(invoiceLines).values(lines.map((l, k) => ({ ...l, invoiceId: id, ordinal: k + 1 })));
  return id;
}

export interface CorrectionResult {
  /** The new (replacement or adjustment) invoice, already issued. */
  invoiceId: number;
  originalId: number;
}

export async function replaceInvoice(
  db: DbOrTx,
  actor: Actor,
  input: { id: number; reason: string },
  now: Date = new Date(),
): Promise<CorrectionResult> {
  const reason = reasonOf(input.reason);
  return db.transaction(async (tx) => {
    const inv = await lockInvoice(tx, actor, input.id, 'edit');
    if (inv.status !== 'issued' || inv.kind === 'adjustment') throw notCorrectable(inv.status);
    const draft = await recompute(tx, inv);
    const issuedOn = todayInVietnam(now);
    const series = await lockDefaultSeries(tx, issuedOn);
    const id = await insertCorrection(tx, inv, 'replacement', reason, draft, draft.lines, [...draft.warnings]);
    await numberInvoices(tx, actor, series, [id], issuedOn);
    await tx.execute(sql`update invoices set status = 'replaced', needs_recalculation = false where id = ${inv.id}`);
    // What was paid on the original moves to the replacement (freed, then the replacement is paid first).
    await settleCorrection(tx, inv.customerId, [inv.id, id], id);
    return { invoiceId: id, originalId: inv.id };
  });
}

const ADJUSTMENT_LABELS: Record<(typeof AMOUNT_COLUMNS)[number], string> = {
  subtotal: 'tiền nước',
  vat: 'thuế GTGT',
  environmentFee: 'phí bảo vệ môi trường',
  drainageFee: 'giá dịch vụ thoát nước',
  drainageVat: 'thuế GTGT dịch vụ thoát nước',
  total: '',
};

/** The line kinds of the billing engine, so an adjustment's lines print and tax like the lines they adjust. */
const ADJUSTMENT_LINE_KINDS: Record<(typeof AMOUNT_COLUMNS)[number], string> = {
  subtotal: 'tier',
  vat: 'vat',
  environmentFee: 'environment_fee',
  drainageFee: 'drainage',
  drainageVat: 'drainage_vat',
  total: '',
};

export async function adjustInvoice(
  db: DbOrTx,
  actor: Actor,
  input: { id: number; reason: string },
  now: Date = new Date(),
): Promise<CorrectionResult> {
  const reason = reasonOf(input.reason);
  return db.transaction(async (tx) => {
    const inv = await lockInvoice(tx, actor, input.id, 'edit');
    if ((inv.status !== 'issued' && inv.status !== 'adjusted') || inv.kind === 'adjustment')
      throw notCorrectable(inv.status);
    const draft = await recompute(tx, inv);
    // What the customer owes now: the original plus every live adjustment of it.
    const [current] = rowsOf<Record<string, unknown>>(
      await tx.execute(sql`
        select sum(consumption)::int8 as consumption, sum(subtotal)::int8 as subtotal, sum(vat)::int8 as vat,
          sum(environment_fee)::int8 as environment_fee, sum(drainage_fee)::int8 as drainage_fee,
          sum(drainage_vat)::int8 as drainage_vat, sum(total)::int8 as total
        from invoices
        where id = ${inv.id} or (related_invoice_id = ${inv.id} and kind = 'adjustment' and status = 'issued')`),
    );
    const col = (k: string) => Number(current?.[k.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`)] ?? 0);
    const delta: Amounts = {
      consumption: draft.consumption - col('consumption'),
      subtotal: draft.subtotal - col('subtotal'),
      vat: draft.vat - col('vat'),
      environmentFee: draft.environmentFee - col('environmentFee'),
      drainageFee: draft.drainageFee - col('drainageFee'),
      drainageVat: draft.drainageVat - col('drainageVat'),
      total: draft.total - col('total'),
    };
    if (AMOUNT_COLUMNS.every((k) => delta[k] === 0) && delta.consumption === 0)
      throw new AppError(
        'NOTHING_TO_ADJUST',
        'Tính lại theo số liệu hiện tại không ra khác biệt nào: không có gì để điều chỉnh.',
      );
    const lines = AMOUNT_COLUMNS.filter((k) => k !== 'total' && delta[k] !== 0).map((k) => ({
      kind: ADJUSTMENT_LINE_KINDS[k],
      description: `Điều chỉnh ${delta[k] > 0 ? 'tăng' : 'giảm'} ${ADJUSTMENT_LABELS[k]}${
        k === 'subtotal' && delta.consumption !== 0
          ? ` (${delta.consumption > 0 ? '+' : ''}${delta.consumption} m³)`
          : ''
      }`,
      tariffVersionId: null,
      tier: null,
      quantity: k === 'subtotal' ? delta.consumption : 0,
      unitPrice: 0,
      amount: delta[k],
    }));
    const issuedOn = todayInVietnam(now);
    const series = await lockDefaultSeries(tx, issuedOn);
    const id = await insertCorrection(tx, inv, 'adjustment', reason, delta, lines, []);
    await numberInvoices(tx, actor, series, [id], issuedOn);
    await tx.execute(sql`update invoices set status = 'adjusted', needs_recalculation = false where id = ${inv.id}`);
    await settleCorrection(tx, inv.customerId, [inv.id], inv.id);
    return { invoiceId: id, originalId: inv.id };
  });
}

export async function cancelInvoice(
  db: DbOrTx,
  actor: Actor,
  input: { id: number; reason: string },
): Promise<{ invoiceId: number }> {
  const reason = reasonOf(input.reason);
  return db.transaction(async (tx) => {
    const inv = await lockInvoice(tx, actor, input.id, 'delete');
    if (inv.status !== 'issued')
      throw new AppError(
        'INVOICE_NOT_CANCELLABLE',
        inv.status === 'draft'
          ? 'Hóa đơn nháp chưa phát hành: không cần hủy.'
          : inv.status === 'adjusted'
            ? 'Hóa đơn đã có hóa đơn điều chỉnh: hủy các hóa đơn điều chỉnh trước.'
            : 'Hóa đơn đã bị hủy hoặc đã được thay thế.',
      );
    await tx.execute(sql`
      update invoices set status = 'cancelled', cancel_reason = ${reason}, cancelled_at = now(),
        cancelled_by = ${actor.userId}
      where id = ${inv.id}`);
    if (inv.kind === 'adjustment')
      // The original is ADJUSTED only while it has a live adjustment.
      await tx.execute(sql`
        update invoices o set status = case when exists (
            select 1 from invoices a where a.related_invoice_id = o.id and a.kind = 'adjustment' and a.status = 'issued')
          then 'adjusted' else 'issued' end
        where o.id = (select related_invoice_id from invoices where id = ${inv.id}) and o.status in ('issued', 'adjusted')`);
    // Money on a cancelled invoice becomes credit and pays the customer's other open invoices; a cancelled
    // adjustment changes what its original owes.
    const [related] = rowsOf<{ related_invoice_id: unknown }>(
      await tx.execute(sql`select related_invoice_id from invoices where id = ${inv.id}`),
    );
    const touched = related?.related_invoice_id == null ? [inv.id] : [inv.id, Number(related.related_invoice_id)];
    await settleCorrection(tx, inv.customerId, touched);
    return { invoiceId: inv.id };
  });
}
