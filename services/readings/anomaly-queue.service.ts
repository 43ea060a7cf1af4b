/**
 * The supervisor's queue: readings flagged as anomalous, and clearing (or reopening) them. A customer
 * with an open anomaly is not billed, so clearing is what releases the bill.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { pgArray, rowsOf } from '@/db/sql';
import { READING_CODE_LABELS, type ReadingCode } from '@/domain/reading/anomaly';
import { type Actor, booksWithRight, canOnBook } from '@/services/auth/actor';
import { AppError, notFound } from '@/services/errors';
import { explicitLocks } from './period-lock.service';
import { anomalyLabels } from './reading-sheet';
import { markInvoicesForRecalculation } from './reading-writer';

export interface AnomalyQueueRow {
  readingId: number;
  period: string;
  bookId: number;
  bookCode: string;
  customerId: number;
  customerCode: string;
  customerName: string;
  address: string;
  sequenceNo: number;
  meterSerial: string;
  previousIndex: number;
  currentIndex: number | null;
  consumption: number;
  code: string;
  codeLabel: string;
  anomalies: string[];
  anomalyLabels: string[];
  anomalyStatus: string;
  note: string | null;
  enteredAt: string;
}

export interface AnomalyQueueInput {
  period?: string | null;
  bookIds?: readonly number[] | null;
  /** open (default) or cleared. */
  status?: 'open' | 'cleared' | null;
  offset?: number | null;
  limit?: number | null;
}

/** Open anomalies in the books the actor may read (refused when asking for a book they may not). */
export async function listAnomalyQueue(db: DbOrTx, actor: Actor, input: AnomalyQueueInput): Promise<{ rows: AnomalyQueueRow[]; total: number }> {
  const allowed = booksWithRight(actor, 'readings', 'access');
  let books: number[] | null = allowed;
  if (input.bookIds && input.bookIds.length > 0) {
    for (const b of input.bookIds) {
      if (!canOnBook(actor, b, 'readings', 'access')) throw new AppError('BOOK_FORBIDDEN', 'Bạn không có quyền trên sổ đọc này.');
    }
    books = [...input.bookIds];
  }
  const status = input.status ?? 'open';
  const limit = Math.min(Math.max(input.limit ?? 200, 1), 2000);
  const offset = Math.max(input.offset ?? 0, 0);
  const where = sql`r.anomaly_status = ${status}
    ${input.period ? sql`and r.period = ${input.period}` : sql``}
    ${books !== null ? sql`and r.book_id = any(${pgArray(books)}::int4[])` : sql``}`;
  const [rows, count] = await Promise.all([
    db.execute(sql`
      select r.id, r.period, r.book_id, b.code as book_code, c.id as customer_id, c.code as customer_code, c.name, c.address,
             c.sequence_no, m.serial, r.previous_index, r.current_index, r.consumption, r.code, r.anomalies, r.anomaly_status,
             r.note, r.entered_at
      from readings r
      join customers c on c.id = r.customer_id
      join reading_books b on b.id = r.book_id
      join meters m on m.id = r.meter_id
      where ${where}
      order by r.period desc, b.code, c.sequence_no, r.id
      offset ${offset} limit ${limit}`),
    db.execute(sql`select count(*)::int8 as n from readings r where ${where}`),
  ]);
  return {
    total: Number(rowsOf<{ n: number }>(count)[0]?.n ?? 0),
    rows: rowsOf<Record<string, unknown>>(rows).map((r) => {
      const anomalies = (typeof r.anomalies === 'string' ? JSON.parse(r.anomalies) : r.anomalies) as string[];
      const code = String(r.code) as ReadingCode;
      return {
        readingId: Number(r.id),
        period: String(r.period),
        bookId: Number(r.book_id),
        bookCode: String(r.book_code),
        customerId: Number(r.customer_id),
        customerCode: String(r.customer_code),
        customerName: String(r.name),
        address: String(r.address),
        sequenceNo: Number(r.sequence_no),
        meterSerial: String(r.serial),
        previousIndex: Number(r.previous_index),
        currentIndex: r.current_index === null ? null : Number(r.current_index),
        consumption: Number(r.consumption),
        code,
        codeLabel: READING_CODE_LABELS[code] ?? code,
        anomalies,
        anomalyLabels: anomalyLabels(anomalies),
        anomalyStatus: String(r.anomaly_status),
        note: (r.note as string | null) ?? null,
        enteredAt: r.entered_at instanceof Date ? r.entered_at.toISOString() : String(r.entered_at),
      };
    }),
  };
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
    const rows = rowsOf<{ id: number; customer_id: number; book_id: number; period: string; consumption: number; anomalies: unknown; anomaly_status: string }>(
      await tx.execute(sql`
        select id, customer_id, book_id, period, consumption, anomalies, anomaly_status from readings
        where id = any(${pgArray(ids)}::int8[]) for update`),
    );
    if (rows.length !== ids.length) throw notFound('chỉ số');
    for (const r of rows) {
      if (!canOnBook(actor, Number(r.book_id), 'readings', 'access')) throw notFound('chỉ số');
      if (!canOnBook(actor, Number(r.book_id), 'readings', 'edit')) throw new AppError('BOOK_FORBIDDEN', 'Bạn không có quyền trên sổ đọc này.');
      if (input.action === 'clear' && Number(r.consumption) < 0) {
        throw new AppError('NEGATIVE_CONSUMPTION', 'Chỉ số mới nhỏ hơn chỉ số cũ: hãy sửa chỉ số trước khi duyệt.');
      }
      const locks = await explicitLocks(tx, String(r.period), [Number(r.book_id)]);
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
    for (const c of changed) byPeriod.set(String(c.period), [...(byPeriod.get(String(c.period)) ?? []), Number(c.customer_id)]);
    for (const [period, customerIds] of byPeriod) await markInvoicesForRecalculation(tx, period, customerIds, ['regular']);
    return changed.length;
  });
}
