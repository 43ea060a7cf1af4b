/**
 * Truy thu (back-billing) and phân bổ m3 nợ (spreading owed m3). Both are adjustments billed by the
 * billing run of their bill period: back-billing on a separate 'backbill' invoice at the tariff of the
 * past period, spread m3 added to the regular invoice of each period they fall in.
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { adjustments } from '@/db/schema/readings';
import { periodLabel } from '@/domain/billing/periods';
import { spreadOverPeriods } from '@/domain/reading/spread';
import type { Actor } from '@/services/auth/actor';
import { AppError, notFound } from '@/services/errors';
import { withDomainErrors } from '@/services/tariffs/tariff-errors';
import { assertPeriodsOpen } from './period-lock.service';
import { bookOfCustomer } from './reading-access';
import { markInvoicesForRecalculation } from './reading-writer';

export type AdjustmentRow = Omit<typeof adjustments.$inferSelect, 'createdAt'> & { createdAt: string };

function toRow(r: typeof adjustments.$inferSelect): AdjustmentRow {
  return { ...r, amount: r.amount === null ? null : Number(r.amount), createdAt: r.createdAt.toISOString() };
}

function requireReason(reason: string): string {
  const r = reason.trim();
  if (!r) throw new AppError('VALIDATION_FAILED', 'Phải nhập lý do.', { field: 'reason' });
  return r;
}

export interface BackBillInput {
  customerId: number;
  /** The past period whose tariff prices the charge. */
  tariffPeriod: string;
  /** The period whose billing run bills it (normally the current one). */
  billPeriod: string;
  /** Either m3 … */
  quantity?: number | null;
  /** … or an amount of water money before VAT (VND). */
  amount?: number | null;
  reason: string;
}

export async function createBackBill(db: DbOrTx, actor: Actor, input: BackBillInput): Promise<AdjustmentRow> {
  const bookId = await bookOfCustomer(db, actor, input.customerId, 'add');
  const reason = requireReason(input.reason);
  const hasQty = input.quantity != null;
  const hasAmount = input.amount != null;
  if (hasQty === hasAmount)
    throw new AppError('VALIDATION_FAILED', 'Truy thu theo m3 hoặc theo số tiền (nhập một trong hai).', {
      field: 'quantity',
    });
  if (
    (hasQty && !(Number.isSafeInteger(input.quantity) && (input.quantity as number) > 0)) ||
    (hasAmount && !(Number.isSafeInteger(input.amount) && (input.amount as number) > 0))
  ) {
    throw new AppError('VALIDATION_FAILED', 'Số m3 hoặc số tiền truy thu phải là số nguyên dương.', {
      field: hasQty ? 'quantity' : 'amount',
    });
  }
  if (input.tariffPeriod > input.billPeriod) {
    throw new AppError(
      'VALIDATION_FAILED',
      `Kỳ truy thu (${periodLabel(input.tariffPeriod)}) phải trước kỳ tính hóa đơn.`,
      { field: 'tariffPeriod' },
    );
  }
  return db.transaction(async (tx) => {
    await assertPeriodsOpen(tx, input.billPeriod, [bookId]);
    const [row] = await tx
      .insert(adjustments)
      .values({
        customerId: input.customerId,
        kind: hasQty ? 'backbill_m3' : 'backbill_amount',
        tariffPeriod: input.tariffPeriod,
        billPeriod: input.billPeriod,
        quantity: hasQty ? (input.quantity as number) : null,
        amount: hasAmount ? (input.amount as number) : null,
        reason,
        createdBy: actor.userId,
      })
      .returning();
    await markInvoicesForRecalculation(tx, input.billPeriod, [input.customerId], ['backbill']);
    return toRow(row!);
  });
}

/** Spreads `quantity` owed m3 over `periods` consecutive periods from `firstPeriod` (earlier periods take the remainder). */
export async function spreadOwedConsumption(
  db: DbOrTx,
  actor: Actor,
  input: { customerId: number; quantity: number; firstPeriod: string; periods: number; reason: string },
): Promise<AdjustmentRow[]> {
  const bookId = await bookOfCustomer(db, actor, input.customerId, 'add');
  const reason = requireReason(input.reason);
  if (!Number.isSafeInteger(input.quantity) || input.quantity <= 0) {
    throw new AppError('VALIDATION_FAILED', 'Số m3 cần phân bổ phải là số nguyên dương.', { field: 'quantity' });
  }
  if (!Number.isSafeInteger(input.periods) || input.periods < 1 || input.periods > 36) {
    throw new AppError('VALIDATION_FAILED', 'Số kỳ phân bổ phải từ 1 đến 36.', { field: 'periods' });
  }
  const parts = withDomainErrors(() => spreadOverPeriods(input.quantity, input.firstPeriod, input.periods)).filter(
    (p) => p.quantity > 0,
  );
  const groupKey = randomUUID();
  return db.transaction(async (tx) => {
    await assertPeriodsOpen(tx, input.firstPeriod, [bookId]);
    const rows = await tx
      .insert(adjustments)
      .values(
        parts.map((p) => ({
          customerId: input.customerId,
          kind: 'spread',
          tariffPeriod: p.period,
          billPeriod: p.period,
          quantity: p.quantity,
          reason,
          groupKey,
          createdBy: actor.userId,
        })),
      )
      .returning();
    for (const p of parts) await markInvoicesForRecalculation(tx, p.period, [input.customerId], ['regular']);
    return rows.map(toRow);
  });
}

export async function listAdjustments(db: DbOrTx, actor: Actor, customerId: number): Promise<AdjustmentRow[]> {
  await bookOfCustomer(db, actor, customerId, 'access');
  const rows = await db
    .select()
    .from(adjustments)
    .where(eq(adjustments.customerId, customerId))
    .orderBy(desc(adjustments.billPeriod), desc(adjustments.id));
  return rows.map(toRow);
}

/** Deletes an adjustment, or its whole spreading group; refused once a bill period concerned is locked. */
export async function deleteAdjustment(
  db: DbOrTx,
  actor: Actor,
  input: { id: number; wholeGroup?: boolean | null },
): Promise<number> {
  const [row] = await db.select().from(adjustments).where(eq(adjustments.id, input.id)).limit(1);
  if (!row) throw notFound('khoản điều chỉnh');
  const bookId = await bookOfCustomer(db, actor, row.customerId, 'delete', 'khoản điều chỉnh');
  return db.transaction(async (tx) => {
    const targets =
      input.wholeGroup && row.groupKey
        ? await tx
            .select()
            .from(adjustments)
            .where(and(eq(adjustments.customerId, row.customerId), eq(adjustments.groupKey, row.groupKey)))
        : [row];
    for (const t of targets) await assertPeriodsOpen(tx, t.billPeriod, [bookId]);
    for (const t of targets) {
      await tx.delete(adjustments).where(eq(adjustments.id, t.id));
      await markInvoicesForRecalculation(
        tx,
        t.billPeriod,
        [t.customerId],
        t.kind === 'spread' ? ['regular'] : ['backbill'],
      );
    }
    return targets.length;
  });
}
