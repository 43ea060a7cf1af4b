/**
 * Declarations on the reading screen (SPEC §2): a meter replaced inside the period, a suspension, a
 * corrected (rolled-back) previous index. Each one is a single transaction that also writes or
 * re-evaluates the readings it affects.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { meters } from '@/db/schema/customers';
import { suspensions } from '@/db/schema/readings';
import { rowsOf } from '@/db/sql';
import { periodLabel } from '@/domain/billing/periods';
import { periodBounds } from '@/domain/reading/period';
import type { Actor } from '@/services/auth/actor';
import { replaceMeter } from '@/services/customers/customer.service';
import type { MeterInput } from '@/services/customers/customer-input';
import { AppError, notFound } from '@/services/errors';
import { assertNotFuture, assertPeriodsOpen } from './period-lock.service';
import { bookOfCustomer } from './reading-access';
import { saveEntries } from './reading-entry.service';
import type { ReadingSheetRow } from './reading-sheet';
import { markInvoicesForRecalculation } from './reading-writer';

export interface MeterReplacementInput {
  customerId: number;
  period: string;
  /** Index of the outgoing meter when removed. */
  finalIndex: number;
  /** Within the period. */
  removedOn: string;
  newMeter: MeterInput;
}

/**
 * Closes the old meter at its final index, installs the new one (customer history keeps both) and writes
 * the old meter's reading of the period, previous → final index. The new meter is read as usual from its
 * initial index; both readings are billed in the period.
 */
export async function declareMeterReplacement(
  db: DbOrTx,
  actor: Actor,
  input: MeterReplacementInput,
): Promise<ReadingSheetRow[]> {
  const bookId = await bookOfCustomer(db, actor, input.customerId, 'add');
  assertNotFuture(input.period);
  const { start, end } = periodBounds(input.period);
  if (input.removedOn < start || input.removedOn > end) {
    throw new AppError('DATE_OUTSIDE_PERIOD', `Ngày thay đồng hồ phải trong kỳ ${periodLabel(input.period)}.`, {
      field: 'removedOn',
    });
  }
  return db.transaction(async (tx) => {
    await assertPeriodsOpen(tx, input.period, [bookId]);
    const [old] = await tx
      .select({ id: meters.id })
      .from(meters)
      .where(and(eq(meters.customerId, input.customerId), eq(meters.isActive, true)))
      .limit(1);
    if (!old) throw new AppError('NO_ACTIVE_METER', 'Khách hàng chưa có đồng hồ đang hoạt động.');
    await replaceMeter(tx, actor, {
      customerId: input.customerId,
      finalIndex: input.finalIndex,
      removedOn: input.removedOn,
      meter: input.newMeter,
    });
    return saveEntries(tx, actor, input.period, [
      {
        customerId: input.customerId,
        meterId: old.id,
        currentIndex: input.finalIndex,
        code: 'normal',
        note: 'Chỉ số cuối khi thay đồng hồ',
      },
    ]);
  });
}

export interface SuspensionRow {
  id: number;
  customerId: number;
  fromPeriod: string;
  toPeriod: string | null;
  reason: string;
  createdAt: string;
}

function toSuspension(r: typeof suspensions.$inferSelect): SuspensionRow {
  return {
    id: r.id,
    customerId: r.customerId,
    fromPeriod: r.fromPeriod,
    toPeriod: r.toPeriod,
    reason: r.reason,
    createdAt: r.createdAt.toISOString(),
  };
}

/** Periods from `from` to `to` (inclusive, open-ended = from only) whose draft bills a change affects. */
async function flagInvoicesFrom(db: DbOrTx, customerId: number, fromPeriod: string): Promise<void> {
  const rows = rowsOf<{ period: string }>(
    await db.execute(
      sql`select distinct period from invoices where customer_id = ${customerId} and period >= ${fromPeriod}`,
    ),
  );
  for (const r of rows) await markInvoicesForRecalculation(db, String(r.period), [customerId]);
}

/** Tạm dừng: no bill from `fromPeriod` (to `toPeriod`, or until ended). */
export async function declareSuspension(
  db: DbOrTx,
  actor: Actor,
  input: { customerId: number; fromPeriod: string; toPeriod?: string | null; reason: string },
): Promise<SuspensionRow> {
  const bookId = await bookOfCustomer(db, actor, input.customerId, 'add');
  if (input.toPeriod && input.toPeriod < input.fromPeriod) {
    throw new AppError('INVALID_PERIOD_RANGE', 'Kỳ kết thúc tạm dừng phải sau kỳ bắt đầu.', { field: 'toPeriod' });
  }
  const reason = input.reason.trim();
  if (!reason) throw new AppError('VALIDATION_FAILED', 'Phải nhập lý do tạm dừng.', { field: 'reason' });
  return db.transaction(async (tx) => {
    await assertPeriodsOpen(tx, input.fromPeriod, [bookId]);
    const overlap = rowsOf<{ id: number }>(
      await tx.execute(sql`
        select id from suspensions where customer_id = ${input.customerId}
          and from_period <= ${input.toPeriod ?? '9999-12'} and (to_period is null or to_period >= ${input.fromPeriod}) limit 1`),
    );
    if (overlap.length > 0) throw new AppError('SUSPENSION_OVERLAP', 'Khách hàng đã có đợt tạm dừng trùng thời gian.');
    const [row] = await tx
      .insert(suspensions)
      .values({
        customerId: input.customerId,
        fromPeriod: input.fromPeriod,
        toPeriod: input.toPeriod ?? null,
        reason,
        createdBy: actor.userId,
      })
      .returning();
    await flagInvoicesFrom(tx, input.customerId, input.fromPeriod);
    return toSuspension(row!);
  });
}

async function suspensionForActor(
  db: DbOrTx,
  actor: Actor,
  id: number,
): Promise<{ row: typeof suspensions.$inferSelect; bookId: number }> {
  const [row] = await db.select().from(suspensions).where(eq(suspensions.id, id)).limit(1);
  if (!row) throw notFound('đợt tạm dừng');
  return { row, bookId: await bookOfCustomer(db, actor, row.customerId, 'edit', 'đợt tạm dừng') };
}

/** Ends a suspension with its last suspended period (service resumes the period after). */
export async function endSuspension(
  db: DbOrTx,
  actor: Actor,
  input: { id: number; toPeriod: string },
): Promise<SuspensionRow> {
  const { row, bookId } = await suspensionForActor(db, actor, input.id);
  if (input.toPeriod < row.fromPeriod)
    throw new AppError('INVALID_PERIOD_RANGE', 'Kỳ kết thúc tạm dừng phải sau kỳ bắt đầu.', { field: 'toPeriod' });
  return db.transaction(async (tx) => {
    await assertPeriodsOpen(tx, input.toPeriod, [bookId]);
    const [updated] = await tx
      .update(suspensions)
      .set({ toPeriod: input.toPeriod })
      .where(eq(suspensions.id, input.id))
      .returning();
    await flagInvoicesFrom(tx, row.customerId, input.toPeriod);
    return toSuspension(updated!);
  });
}

export async function deleteSuspension(db: DbOrTx, actor: Actor, id: number): Promise<boolean> {
  const { row, bookId } = await suspensionForActor(db, actor, id);
  return db.transaction(async (tx) => {
    await assertPeriodsOpen(tx, row.fromPeriod, [bookId]);
    await tx.delete(suspensions).where(eq(suspensions.id, id));
    await flagInvoicesFrom(tx, row.customerId, row.fromPeriod);
    return true;
  });
}

export async function listSuspensions(db: DbOrTx, actor: Actor, customerId: number): Promise<SuspensionRow[]> {
  await bookOfCustomer(db, actor, customerId, 'access');
  const rows = await db
    .select()
    .from(suspensions)
    .where(eq(suspensions.customerId, customerId))
    .orderBy(desc(suspensions.fromPeriod));
  return rows.map(toSuspension);
}

/**
 * A rolled-back (corrected) previous index: the period's consumption is recomputed from it. The current
 * index is the stored one unless a new one is given; the reason goes into the reading's note.
 */
export async function correctPreviousIndex(
  db: DbOrTx,
  actor: Actor,
  input: {
    customerId: number;
    period: string;
    meterId?: number | null;
    previousIndex: number;
    currentIndex?: number | null;
    reason: string;
  },
): Promise<ReadingSheetRow> {
  await bookOfCustomer(db, actor, input.customerId, 'edit');
  const reason = input.reason.trim();
  if (!reason) throw new AppError('VALIDATION_FAILED', 'Phải nhập lý do sửa chỉ số cũ.', { field: 'reason' });
  const existing = rowsOf<{ meter_id: number; current_index: number | null; previous_index: number; code: string }>(
    await db.execute(sql`
      select r.meter_id, r.current_index, r.previous_index, r.code from readings r join meters m on m.id = r.meter_id
      where r.customer_id = ${input.customerId} and r.period = ${input.period}
        ${input.meterId != null ? sql`and r.meter_id = ${input.meterId}` : sql`and m.is_active`}
      limit 1`),
  )[0];
  const currentIndex = input.currentIndex ?? (existing?.current_index == null ? null : Number(existing.current_index));
  if (currentIndex === null) {
    throw new AppError('MISSING_INDEX', 'Chưa có chỉ số mới của kỳ này: hãy nhập chỉ số mới cùng chỉ số cũ đã sửa.', {
      field: 'currentIndex',
    });
  }
  const from = existing ? Number(existing.previous_index) : null;
  const rows = await saveEntries(db, actor, input.period, [
    {
      customerId: input.customerId,
      meterId: input.meterId ?? (existing ? Number(existing.meter_id) : null),
      currentIndex,
      previousIndex: input.previousIndex,
      code: existing?.code ?? 'normal',
      note: `Sửa chỉ số cũ${from !== null ? ` từ ${from}` : ''} thành ${input.previousIndex}: ${reason}`,
    },
  ]);
  const row = rows.find((r) => r.previousIndex === input.previousIndex && r.currentIndex === currentIndex) ?? rows[0];
  return row as ReadingSheetRow;
}
