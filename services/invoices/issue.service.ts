/**
 * Issuing: drafts become legally numbered invoices. Numbers are gap-free and in issue order within a series
 * (template + symbol, one year): the series row is locked FOR UPDATE for the whole transaction, the drafts are
 * locked and numbered in book and sequence order, and the counter moves by exactly the count numbered. A second
 * issuer of the same series waits on the lock and then sees the first one's drafts as issued; UNIQUE
 * (series_id, number) backs all of it in the database.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { pgArray, rowsOf } from '@/db/sql';
import { todayInVietnam } from '@/domain/billing/periods';
import { type Actor, canOnBook } from '@/services/auth/actor';
import { AppError } from '@/services/errors';
import { applyCreditToIssued } from '@/services/payments/ledger';
import { queueBillNoticesForInvoices } from '@/services/notices/notice-queue.service';
import { currentSellerVersion } from './seller-version';

export interface LockedSeries {
  id: number;
  templateSymbol: string;
  invoiceSymbol: string;
  year: number;
  lastNumber: number;
  lastIssuedOn: string | null;
}

export interface IssueResult {
  issued: number;
  /** Drafts left because the run marked them for recalculation. */
  blocked: number;
  series: string | null;
  firstNumber: number | null;
  lastNumber: number | null;
  books: { bookId: number; issued: number; blocked: number }[];
  /** The invoices numbered, in number order (their e-invoices are signed next, by a job). */
  invoiceIds: number[];
  /** Bill notices queued with the issue (the caller starts the sender once committed). */
  noticesQueued: number;
}

/** Locks the default series of the issue date's year; the lock is what makes numbering gap-free. */
export async function lockDefaultSeries(tx: DbOrTx, issuedOn: string): Promise<LockedSeries> {
  const year = Number(issuedOn.slice(0, 4));
  const [row] = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      select id, template_symbol, invoice_symbol, year, last_number, last_issued_on::text as last_issued_on
      from invoice_series where year = ${year} and is_default and active for update`),
  );
  if (!row)
    throw new AppError(
      'NO_INVOICE_SERIES',
      `Chưa có ký hiệu hóa đơn mặc định cho năm ${year}: khai báo trong danh mục Ký hiệu hóa đơn.`,
    );
  const series: LockedSeries = {
    id: Number(row.id),
    templateSymbol: String(row.template_symbol),
    invoiceSymbol: String(row.invoice_symbol),
    year: Number(row.year),
    lastNumber: Number(row.last_number),
    lastIssuedOn: row.last_issued_on == null ? null : String(row.last_issued_on),
  };
  if (series.lastIssuedOn && series.lastIssuedOn > issuedOn)
    throw new AppError(
      'INVOICE_DATE_ORDER',
      `Ký hiệu ${series.templateSymbol}${series.invoiceSymbol} đã có hóa đơn ngày ${series.lastIssuedOn}: không lập hóa đơn ngày trước đó.`,
    );
  return series;
}

/**
 * Numbers the given invoices (already locked, in the order given) in the locked series, and advances the counter.
 * Buyer name, address and tax code are copied from the customer, and the seller's details named by their version:
 * the printed invoice keeps both forever.
 */
export async function numberInvoices(
  tx: DbOrTx,
  actor: Actor,
  series: LockedSeries,
  ids: readonly number[],
  issuedOn: string,
): Promise<{ first: number; last: number } | null> {
  if (ids.length === 0) return null;
  const first = series.lastNumber + 1;
  const last = series.lastNumber + ids.length;
  if (last > 99_999_999)
    throw new AppError(
      'INVOICE_SERIES_FULL',
      `Ký hiệu ${series.templateSymbol}${series.invoiceSymbol} đã hết số (tối đa 8 chữ số): khai báo ký hiệu mới.`,
    );
  const sellerVersionId = await currentSellerVersion(tx);
  await tx.execute(sql`
    update invoices i set
      status = 'issued', series_id = ${series.id}, number = ${series.lastNumber} + o.ord::int4,
      issued_on = ${issuedOn}::date, issued_at = now(), issued_by = ${actor.userId}, seller_version_id = ${sellerVersionId},
      lookup_code = upper(substr(md5(random()::text || i.id::text || clock_timestamp()::text), 1, 16)),
      buyer_name = c.name, buyer_address = c.address, buyer_tax_code = c.tax_code
    from unnest(${pgArray(ids)}::int8[]) with ordinality as o(id, ord), customers c
    where i.id = o.id and c.id = i.customer_id and i.status = 'draft'`);
  await tx.execute(sql`
    update invoice_series set last_number = ${last}, last_issued_on = ${issuedOn}::date where id = ${series.id}`);
  series.lastNumber = last;
  series.lastIssuedOn = issuedOn;
  return { first, last };
}

function assertIssueRight(actor: Actor, bookIds: readonly number[]): void {
  for (const bookId of bookIds)
    if (!canOnBook(actor, bookId, 'invoices', 'add'))
      throw new AppError('BOOK_FORBIDDEN', 'Bạn không có quyền phát hành hóa đơn của sổ đọc này.');
}

/**
 * Issues the drafts of the books for the period, in one transaction: all books are numbered, or none.
 * Drafts marked for recalculation stay drafts (counted as blocked). Returns what was numbered.
 */
export async function issueInvoices(
  db: DbOrTx,
  actor: Actor,
  input: { period: string; bookIds: readonly number[] },
  now: Date = new Date(),
): Promise<IssueResult> {
  const bookIds = [...new Set(input.bookIds)];
  if (bookIds.length === 0) throw new AppError('VALIDATION_FAILED', 'Chọn ít nhất một sổ đọc.', { field: 'bookIds' });
  assertIssueRight(actor, bookIds);
  const issuedOn = todayInVietnam(now);
  return db.transaction(async (tx) => {
    const series = await lockDefaultSeries(tx, issuedOn);
    // FOR UPDATE takes no window functions, so the drafts are locked and ordered here and numbered by position.
    const drafts = rowsOf<{ id: number; book_id: number; needs_recalculation: boolean }>(
      await tx.execute(sql`
        select i.id, c.book_id, i.needs_recalculation
        from invoices i join customers c on c.id = i.customer_id join reading_books b on b.id = c.book_id
        where c.book_id = any(${pgArray(bookIds)}::int4[]) and i.period = ${input.period} and i.status = 'draft'
          and i.kind in ('regular', 'backbill')
        order by b.code, c.sequence_no, i.kind desc, i.id
        for update of i`),
    );
    const perBook = new Map(bookIds.map((id) => [id, { bookId: id, issued: 0, blocked: 0 }]));
    const ids: number[] = [];
    for (const d of drafts) {
      const book = perBook.get(Number(d.book_id));
      if (!book) continue;
      if (d.needs_recalculation) book.blocked += 1;
      else {
        book.issued += 1;
        ids.push(Number(d.id));
      }
    }
    const numbered = await numberInvoices(tx, actor, series, ids, issuedOn);
    // Credit a customer left over (an overpayment, a cancelled invoice) pays the new invoice at once.
    await applyCreditToIssued(tx, ids);
    // In the issuing transaction, after the credit: every issued bill has its notice, with the amount still due.
    const noticesQueued = await queueBillNoticesForInvoices(tx, ids);
    const books = [...perBook.values()];
    return {
      issued: ids.length,
      blocked: books.reduce((a, b) => a + b.blocked, 0),
      series: numbered ? `${series.templateSymbol}${series.invoiceSymbol}` : null,
      firstNumber: numbered?.first ?? null,
      lastNumber: numbered?.last ?? null,
      books,
      invoiceIds: numbered ? ids : [],
      noticesQueued,
    };
  });
}
