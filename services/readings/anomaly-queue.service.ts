/**
 * The supervisor's queue: readings flagged as anomalous, and clearing (or reopening) them. A customer
 * with an open anomaly is not billed, so clearing is what releases the bill.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { pgArray, rowsOf } from '@/db/sql';
import { type Actor, booksWithRight, canOnBook } from '@/services/auth/actor';
import { AppError, notFound } from '@/services/errors';
import { decodeCursor, pageOf, type PageInfo } from '@/services/page-cursor';
import { explicitLocks } from './period-lock.service';
import { READING_COLUMNS, READING_FROM, toReadingRow, type ReadingRow } from './reading-row';
import { markInvoicesForRecalculation } from './reading-writer';

export interface AnomalyQueueInput {
  period?: string | null;
  bookIds?: readonly number[] | null;
  /** open (default) or cleared. */
  status?: 'open' | 'cleared' | null;
  /** Rows of the page (1..2000, default 200). */
  first?: number | null;
  /** The endCursor of the previous page. */
  after?: string | null;
}

export interface AnomalyQueuePage {
  rows: ReadingRow[];
  /** Every row the filter matches, over all pages. */
  total: number;
  pageInfo: PageInfo;
}

/** The queue's sort key (period desc, book code, sequence, reading id), which its cursor carries. */
const queueCursor = z.object({
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  bookCode: z.string().max(64),
  sequenceNo: z.number().int(),
  id: z.number().int().positive(),
});

/** Open anomalies in the books the actor may read (refused when asking for a book they may not). */
export async function listAnomalyQueue(db: DbOrTx, actor: Actor, input: AnomalyQueueInput): Promise<AnomalyQueuePage> {
  const allowed = booksWithRight(actor, 'readings', 'access');
  let books: number[] | null = allowed;
  if (input.bookIds && input.bookIds.length > 0) {
    for (const b of input.bookIds) {
      if (!canOnBook(actor, b, 'readings', 'access'))
        throw new AppError('BOOK_FORBIDDEN', 'Bạn không có quyền trên sổ đọc này.');
    }
    books = [...input.bookIds];
  }
  const status = input.status ?? 'open';
  const first = Math.min(Math.max(input.first ?? 200, 1), 2000);
  const after = input.after ? decodeCursor(queueCursor, input.after) : null;
  // The customer's current book decides, never the book stamped on the reading (a move does not update it).
  const where = sql`r.anomaly_status = ${status}
    ${input.period ? sql`and r.period = ${input.period}` : sql``}
    ${books !== null ? sql`and c.book_id = any(${pgArray(books)}::int4[])` : sql``}`;
  // Keyset on the ORDER BY: a page costs the same deep in the queue as at its top, and rows cleared meanwhile
  // do not shift the next page. The period runs the other way, hence the split comparison.
  const afterCond = after
    ? sql`and (r.period < ${after.period} or (r.period = ${after.period}
        and (b.code, c.sequence_no, r.id) > (${after.bookCode}, ${after.sequenceNo}, ${after.id})))`
    : sql``;
  const [rows, count] = await Promise.all([
    db.execute(sql`
      select ${READING_COLUMNS} from ${READING_FROM}
      where ${where} ${afterCond}
      order by r.period desc, b.code, c.sequence_no, r.id
      limit ${first + 1}`),
    db.execute(sql`select count(*)::int8 as n from readings r join customers c on c.id = r.customer_id where ${where}`),
  ]);
  const page = pageOf(rowsOf<Record<string, unknown>>(rows).map(toReadingRow), first, (r) => ({
    period: r.period,
    bookCode: r.bookCode,
    sequenceNo: r.sequenceNo,
    id: r.id,
  }));
  return { ...page, total: Number(rowsOf<{ n: number }>(count)[0]?.n ?? 0) };
}

/**
 * Clears (the supervisor accepts the reading for billing) or reopens flagged readings; returns how many
 * changed. All-or-nothing: any reading the actor may not edit refuses the whole request. A negative
 * consumption cannot be billed, so it must be corrected rather than cleared. Only an explicit lock stops
 * this (the review of a period goes on after the next period's readings start).
 */
export async function resolveAnomalies(
  db: DbOrTx,
  actor: Actor,
  input: { readingIds: readonly number[]; action: 'clear' | 'reopen'; note?: string | null },
): Promise<number> {
  const ids = [...new Set(input.readingIds)];
  if (ids.length === 0) return 0;
  return db.transaction(async (tx) => {
    // Rights come from the customer's current book; the reading's own book_id only says where it was taken.
    const rows = rowsOf<{
      id: number;
      customer_book_id: number;
      reading_book_id: number;
      period: string;
      consumption: number;
    }>(
      await tx.execute(sql`
        select r.id, c.book_id as customer_book_id, r.book_id as reading_book_id, r.period, r.consumption
        from readings r join customers c on c.id = r.customer_id
        where r.id = any(${pgArray(ids)}::int8[]) for update of r`),
    );
    if (rows.length !== ids.length) throw notFound('chỉ số');
    for (const r of rows) {
      const bookId = Number(r.customer_book_id);
      if (!canOnBook(actor, bookId, 'readings', 'access')) throw notFound('chỉ số');
      if (!canOnBook(actor, bookId, 'readings', 'edit'))
        throw new AppError('BOOK_FORBIDDEN', 'Bạn không có quyền trên sổ đọc này.');
      if (input.action === 'clear' && Number(r.consumption) < 0) {
        throw new AppError('NEGATIVE_CONSUMPTION', 'Chỉ số mới nhỏ hơn chỉ số cũ: hãy sửa chỉ số trước khi duyệt.');
      }
      // A lock on either book protects the period: the one the reading was taken in and the one that holds it now.
      const locks = await explicitLocks(tx, String(r.period), [bookId, Number(r.reading_book_id)]);
      if (locks.size > 0) throw new AppError('PERIOD_LOCKED', 'Kỳ này đã bị khóa số liệu.');
    }
    const from = input.action === 'clear' ? 'open' : 'cleared';
    const to = input.action === 'clear' ? 'cleared' : 'open';
    const note = input.note?.trim() || null;
    const changed = rowsOf<{ id: number; customer_id: number; period: string }>(
      await tx.execute(sql`
        update readings set anomaly_status = ${to}, note = coalesce(${note}, note), version = version + 1
        where id = any(${pgArray(ids)}::int8[]) and anomaly_status = ${from}
        returning id, customer_id, period`),
    );
    const byPeriod = new Map<string, number[]>();
    for (const c of changed)
      byPeriod.set(String(c.period), [...(byPeriod.get(String(c.period)) ?? []), Number(c.customer_id)]);
    for (const [period, customerIds] of byPeriod)
      await markInvoicesForRecalculation(tx, period, customerIds, ['regular']);
    return changed.length;
  });
}
