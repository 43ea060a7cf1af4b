/**
 * Invoice lookup across the company: by period, book, customer, series and number, status. The books the caller
 * may read are a condition of the SQL, never a filter afterwards; pages follow a cursor (the last id seen), so a
 * page costs the same at the millionth row as at the first.
 */
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { pgArray, rowsOf } from '@/db/sql';
import type { Actor } from '@/services/auth/actor';
import {
  booksWithInvoiceRight,
  SUMMARY_FROM,
  SUMMARY_SELECT,
  toSummary,
  type InvoiceSummary,
} from '@/services/billing/invoice.service';
import { AppError, forbidden } from '@/services/errors';
import { decodeCursor, pageOf, type PageInfo } from '@/services/page-cursor';

export interface InvoiceFilter {
  period?: string | null;
  bookId?: number | null;
  customerId?: number | null;
  customerCode?: string | null;
  series?: string | null;
  number?: number | null;
  status?: string | null;
}

export interface InvoiceSearchPage {
  rows: InvoiceSummary[];
  pageInfo: PageInfo;
}

/** The cursor is the last invoice id seen (the list is newest id first). */
const cursorSchema = z.object({ id: z.number().int().positive() });

export async function searchInvoices(
  db: DbOrTx,
  actor: Actor,
  input: { filter: InvoiceFilter; first: number; after?: string | null },
): Promise<InvoiceSearchPage> {
  const f = input.filter;
  const books = booksWithInvoiceRight(actor, 'access');
  if (books !== null && books.length === 0) throw forbidden('xem hóa đơn');
  if (f.bookId != null && books !== null && !books.includes(f.bookId))
    throw new AppError('BOOK_FORBIDDEN', 'Bạn không có quyền trên sổ đọc này.');
  const conds: SQL[] = [];
  if (books !== null) conds.push(sql`c.book_id = any(${pgArray(books)}::int4[])`);
  if (f.period) conds.push(sql`i.period = ${f.period}`);
  if (f.bookId != null) conds.push(sql`c.book_id = ${f.bookId}`);
  if (f.customerId != null) conds.push(sql`i.customer_id = ${f.customerId}`);
  if (f.customerCode) conds.push(sql`c.code = ${f.customerCode.trim().toUpperCase()}`);
  if (f.series) {
    const s = f.series.trim().toUpperCase();
    conds.push(sql`s.template_symbol = ${s.slice(0, 1)} and s.invoice_symbol = ${s.slice(1)}`);
  }
  if (f.number != null) conds.push(sql`i.number = ${f.number}`);
  if (f.status) conds.push(sql`i.status = ${f.status}`);
  if (input.after) conds.push(sql`i.id < ${decodeCursor(cursorSchema, input.after).id}`);
  const where = conds.length > 0 ? sql.join(conds, sql` and `) : sql`true`;
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`select ${SUMMARY_SELECT} from ${SUMMARY_FROM} where ${where}
      order by i.id desc limit ${input.first + 1}`),
  ).map(toSummary);
  return pageOf(rows, input.first, (r) => ({ id: r.id }));
}
