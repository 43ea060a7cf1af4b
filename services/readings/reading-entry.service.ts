/**
 * The reading entry screen: load a book's period, save one row with immediate anomaly feedback, and the
 * customer's last periods for the focused row.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { rowsOf } from '@/db/sql';
import { type Actor, canOnBook } from '@/services/auth/actor';
import { AppError } from '@/services/errors';
import {
  assertNotFuture,
  assertPeriodsOpen,
  lockedBooks,
  periodLockState,
  type PeriodLockState,
} from './period-lock.service';
import { assertReadingsRight, bookOfCustomer } from './reading-access';
import { loadReadingContext } from './reading-context';
import { READING_COLUMNS, READING_FROM, toReadingRow, type ReadingRow } from './reading-row';
import { buildSheetRows, matchesSearch, matchesStatus, type ReadingSheetRow, type SheetStatus } from './reading-sheet';
import {
  markInvoicesForRecalculation,
  prepareEntries,
  writeReadings,
  type ReadingEntry,
  type ReadingSource,
} from './reading-writer';

export interface ReadingSheet {
  bookId: number;
  period: string;
  lock: PeriodLockState;
  highFactorPct: number;
  lowFactorPct: number;
  /** Counts over the whole book, before filter and search. */
  total: number;
  read: number;
  unread: number;
  anomalies: number;
  openAnomalies: number;
  rows: ReadingSheetRow[];
}

export async function loadReadingSheet(
  db: DbOrTx,
  actor: Actor,
  input: { bookId: number; period: string; status?: SheetStatus | null; search?: string | null },
): Promise<ReadingSheet> {
  assertReadingsRight(actor, input.bookId, 'access');
  const ctx = await loadReadingContext(db, input.period, { bookId: input.bookId });
  const all = buildSheetRows(ctx);
  const status = input.status ?? 'all';
  return {
    bookId: input.bookId,
    period: input.period,
    lock: await periodLockState(db, input.bookId, input.period),
    highFactorPct: ctx.highFactorPct,
    lowFactorPct: ctx.lowFactorPct,
    total: all.length,
    read: all.filter((r) => r.readingId !== null).length,
    unread: all.filter((r) => r.readingId === null).length,
    anomalies: all.filter((r) => r.anomalies.length > 0).length,
    openAnomalies: all.filter((r) => r.anomalyStatus === 'open').length,
    rows: all.filter((r) => matchesStatus(r, status) && matchesSearch(r, input.search)),
  };
}

/**
 * Saves entries of one period in one transaction (all or nothing) and returns the customers' rows as
 * they now read. Used by the entry screen (one row) and by declarations that write readings.
 */
export async function saveEntries(
  db: DbOrTx,
  actor: Actor,
  period: string,
  entries: readonly ReadingEntry[],
  source: ReadingSource = 'manual',
): Promise<ReadingSheetRow[]> {
  assertNotFuture(period);
  const customerIds = [...new Set(entries.map((e) => e.customerId))];
  return db.transaction(async (tx) => {
    const ctx = await loadReadingContext(tx, period, { customerIds });
    const books = [...new Set([...ctx.customers.values()].map((c) => c.bookId))];
    const { prepared, errors } = prepareEntries(ctx, entries, {
      locked: await lockedBooks(tx, period, books),
      canWrite: (bookId, isNew) => canOnBook(actor, bookId, 'readings', isNew ? 'add' : 'edit'),
    });
    const first = errors[0];
    if (first) throw new AppError(first.code, first.message, first.field ? { field: first.field } : {});
    await writeReadings(tx, actor, period, prepared, source);
    const after = await loadReadingContext(tx, period, { customerIds });
    return buildSheetRows(after);
  });
}

export interface SaveReadingInput {
  customerId: number;
  period: string;
  meterId?: number | null;
  currentIndex: number | null;
  code?: string | null;
  note?: string | null;
  /** The row's version as loaded (optimistic check). */
  version?: number | null;
}

/** Saves one row of the entry screen; the returned row carries the anomalies found. */
export async function saveReading(db: DbOrTx, actor: Actor, input: SaveReadingInput): Promise<ReadingSheetRow> {
  await bookOfCustomer(db, actor, input.customerId, 'access');
  const rows = await saveEntries(db, actor, input.period, [
    {
      customerId: input.customerId,
      meterId: input.meterId ?? null,
      currentIndex: input.currentIndex,
      code: input.code ?? 'normal',
      note: input.note ?? null,
      expectedVersion: input.version ?? null,
    },
  ]);
  const row =
    input.meterId != null ? rows.find((r) => r.meterId === input.meterId) : rows.find((r) => !r.isOutgoingMeter);
  return (row ?? rows[rows.length - 1]) as ReadingSheetRow;
}

/** The customer's readings of the last `limit` periods before `beforePeriod` (or the latest), newest first. */
export async function readingHistory(
  db: DbOrTx,
  actor: Actor,
  input: { customerId: number; beforePeriod?: string | null; limit?: number | null },
): Promise<ReadingRow[]> {
  await bookOfCustomer(db, actor, input.customerId, 'access');
  const limit = Math.min(Math.max(input.limit ?? 12, 1), 60);
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      with periods as (
        select distinct period from readings
        where customer_id = ${input.customerId} ${input.beforePeriod ? sql`and period < ${input.beforePeriod}` : sql``}
        order by period desc limit ${limit}
      )
      select ${READING_COLUMNS} from ${READING_FROM}
      where r.customer_id = ${input.customerId} and r.period in (select period from periods)
      order by r.period desc, m.installed_on, m.id`),
  );
  return rows.map(toReadingRow);
}

export interface ClearReadingInput {
  customerId: number;
  period: string;
  meterId: number;
  /** The row's version as loaded (optimistic check). */
  version?: number | null;
}

/**
 * Takes back a reading typed by mistake: the row becomes "not entered" again. Refused on a locked period and
 * for the outgoing meter of a replacement (undo the declaration instead); a billed draft is marked for
 * recalculation. Returns the customer's row as it now reads.
 */
export async function clearReading(db: DbOrTx, actor: Actor, input: ClearReadingInput): Promise<ReadingSheetRow> {
  const bookId = await bookOfCustomer(db, actor, input.customerId, 'edit');
  assertNotFuture(input.period);
  return db.transaction(async (tx) => {
    await assertPeriodsOpen(tx, input.period, [bookId]);
    const [reading] = rowsOf<{ id: number; version: number; is_active: boolean }>(
      await tx.execute(sql`
        select r.id, r.version, m.is_active from readings r join meters m on m.id = r.meter_id
        where r.customer_id = ${input.customerId} and r.period = ${input.period} and r.meter_id = ${input.meterId}
        for update of r`),
    );
    if (!reading) throw new AppError('READING_NOT_FOUND', 'Khách hàng chưa có chỉ số của kỳ này để xóa.');
    if (!reading.is_active)
      throw new AppError(
        'READING_OF_REPLACED_METER',
        'Đây là chỉ số chốt của đồng hồ đã thay; hãy sửa khai báo thay đồng hồ.',
      );
    if (input.version != null && Number(reading.version) !== input.version)
      throw new AppError('VERSION_CONFLICT', 'Chỉ số vừa được người khác sửa. Hãy tải lại sổ.');
    await tx.execute(sql`delete from readings where id = ${reading.id}`);
    await markInvoicesForRecalculation(tx, input.period, [input.customerId]);
    const rows = buildSheetRows(await loadReadingContext(tx, input.period, { customerIds: [input.customerId] }));
    return (rows.find((r) => r.meterId === input.meterId) ?? rows[rows.length - 1]) as ReadingSheetRow;
  });
}
