/**
 * Collections (tổng hợp thu tiền) by channel, collector or day over a range of business days, and a collector's
 * settlement sheet of one day. Rows are those of customers whose current book the user may report on.
 *
 * A reversal counts on its own business day (Vietnam time of `payment_reversals.reversed_at`), as a negative entry
 * beside the payments: the figures of a day already printed or handed in do not change when a payment of it is
 * reversed later, and a range sums to what the ledger gained over it. A payment made and reversed the same day shows
 * on that day once in each column and nets to zero.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { pgArray, rowsOf } from '@/db/sql';
import type { Right } from '@/domain/auth/permissions';
import { todayInVietnam } from '@/domain/billing/periods';
import {
  collectionTotals,
  formatReportDate,
  NO_COLLECTOR_LABEL,
  PAYMENT_CHANNEL_LABELS,
  type CollectionGroupBy,
  type CollectionReportDocument,
  type CollectionReportRow,
  type CollectorSettlementSheetDocument,
} from '@/domain/payments/payment-reports';
import { shiftDate } from '@/domain/time/calendar';
import type { Actor } from '@/services/auth/actor';
import { AppError, notFound } from '@/services/errors';
import { receiptNumber } from '@/services/payments/payment.service';
import { assertReportRight, booksWithReportRight } from './report-access';
import { reportCompany } from './report-company';
import { reportRows } from './report-statement';

type Row = Record<string, unknown>;

/** The longest range one report covers: a year of days (a row per day is drawn on the screen and the PDF). */
const MAX_COLLECTION_RANGE_DAYS = 366;

export interface CollectionReportInput {
  from: string;
  to: string;
  groupBy: CollectionGroupBy;
}

const KEY: Record<CollectionGroupBy, ReturnType<typeof sql>> = {
  channel: sql`channel`,
  collector: sql`collector_id`,
  day: sql`day`,
};

function collectionStatement(input: CollectionReportInput, books: number[] | null) {
  const customerJoin =
    books === null
      ? sql``
      : sql`join customers c on c.id = p.customer_id and c.book_id = any(${pgArray(books)}::int4[])`;
  // Range bounds as instants of Vietnam midnight, so the reversal index-free scan compares timestamps directly.
  const fromInstant = sql`(${input.from}::date)::timestamp at time zone 'Asia/Ho_Chi_Minh'`;
  const toInstant = sql`(${input.to}::date + 1)::timestamp at time zone 'Asia/Ho_Chi_Minh'`;
  const key = KEY[input.groupBy];
  return sql`
    with entries as (
      select p.business_day as day, p.channel, p.collector_id, 1 as paid_count, p.amount as paid, 0 as reversed_count,
        0::int8 as reversed
      from payments p ${customerJoin}
      where p.business_day between ${input.from}::date and ${input.to}::date
      union all
      select (r.reversed_at at time zone 'Asia/Ho_Chi_Minh')::date, p.channel, p.collector_id, 0, 0, 1, p.amount
      from payment_reversals r join payments p on p.id = r.payment_id ${customerJoin}
      where r.reversed_at >= ${fromInstant} and r.reversed_at < ${toInstant}
    ),
    grouped as (
      select ${key} as key, sum(paid_count) as paid_count, sum(paid) as paid, sum(reversed_count) as reversed_count,
        sum(reversed) as reversed
      from entries group by ${key}
    )
    ${
      input.groupBy === 'collector'
        ? sql`select g.*, u.full_name, u.login from grouped g left join users u on u.id = g.key`
        : sql`select g.*, g.key::text as key_text from grouped g`
    }`;
}

function amounts(r: Row) {
  const paymentAmount = Number(r.paid);
  const reversalAmount = Number(r.reversed);
  return {
    paymentCount: Number(r.paid_count),
    paymentAmount,
    reversalCount: Number(r.reversed_count),
    reversalAmount,
    netAmount: paymentAmount - reversalAmount,
  };
}

const zero = { paymentCount: 0, paymentAmount: 0, reversalCount: 0, reversalAmount: 0, netAmount: 0 };

function rowsOfGroup(groupBy: CollectionGroupBy, raw: Row[], input: CollectionReportInput): CollectionReportRow[] {
  if (groupBy === 'channel') {
    const order = Object.keys(PAYMENT_CHANNEL_LABELS);
    return raw
      .map((r) => ({
        key: String(r.key_text),
        label: PAYMENT_CHANNEL_LABELS[String(r.key_text)] ?? String(r.key_text),
        ...amounts(r),
      }))
      .sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
  }
  if (groupBy === 'collector') {
    const rows = raw.map((r) => ({
      key: r.key == null ? '' : String(r.key),
      label: r.key == null ? NO_COLLECTOR_LABEL : `${String(r.full_name)} (${String(r.login)})`,
      ...amounts(r),
    }));
    // Collectors by name, the money no collector took last.
    return rows.sort((a, b) =>
      (a.key === '') !== (b.key === '') ? (a.key === '' ? 1 : -1) : a.label.localeCompare(b.label, 'vi'),
    );
  }
  // Every day of the range, a quiet day with zeros: the chart's bars then stand at their dates.
  const byDay = new Map(raw.map((r) => [String(r.key_text).slice(0, 10), amounts(r)]));
  const rows: CollectionReportRow[] = [];
  for (let day = input.from; day <= input.to; day = shiftDate(day, 1))
    rows.push({ key: day, label: formatReportDate(day), ...(byDay.get(day) ?? zero) });
  return rows;
}

function assertRange(from: string, to: string): void {
  if (to < from) throw new AppError('INVALID_DATE_RANGE', 'Ngày cuối phải sau hoặc bằng ngày đầu.', { field: 'to' });
  if (shiftDate(from, MAX_COLLECTION_RANGE_DAYS - 1) < to)
    throw new AppError('INVALID_DATE_RANGE', `Khoảng ngày tối đa ${MAX_COLLECTION_RANGE_DAYS} ngày.`, { field: 'to' });
}

/**
 * Collections over `from`–`to` (business days, both included). `right`: `access` to show, `print` for the PDF,
 * `export` for Excel; the books are those where the user holds it.
 */
export async function collectionReport(
  db: DbOrTx,
  actor: Actor,
  input: CollectionReportInput,
  right: Right = 'access',
): Promise<CollectionReportDocument> {
  assertReportRight(actor, 'collectionReport', right);
  assertRange(input.from, input.to);
  const books = booksWithReportRight(actor, 'collectionReport', right);
  const raw = books !== null && books.length === 0 ? [] : await reportRows(db, collectionStatement(input, books));
  const rows = rowsOfGroup(input.groupBy, raw, input);
  return {
    company: await reportCompany(db),
    from: input.from,
    to: input.to,
    groupBy: input.groupBy,
    printedOn: todayInVietnam(new Date()),
    rows,
    totals: collectionTotals(rows),
  };
}

/**
 * A collector's day: every payment they recorded, the reversed ones apart, what the ledger holds, and the cashier's
 * settlement once confirmed. A sheet is a whole hand-over of cash, so it is shown only to a user who sees every
 * payment of it (each customer's current book with the report right); a partial one would be a wrong document.
 */
export async function collectorSettlementSheet(
  db: DbOrTx,
  actor: Actor,
  input: { collectorId: number; day: string },
  right: Right = 'access',
): Promise<CollectorSettlementSheetDocument> {
  assertReportRight(actor, 'collectionReport', right);
  const [collector] = rowsOf<Row>(
    await db.execute(sql`select id, login, full_name from users where id = ${input.collectorId}`),
  );
  if (!collector) throw notFound('thu ngân viên');
  const books = booksWithReportRight(actor, 'collectionReport', right);
  const visible = books === null ? sql`true` : sql`c.book_id = any(${pgArray(books)}::int4[])`;
  const rows = rowsOf<Row>(
    await db.execute(sql`
      select p.id, p.paid_at, p.amount, p.status, c.code as customer_code, c.name as customer_name,
        b.code as book_code, r.reason, ${visible} as visible
      from payments p join customers c on c.id = p.customer_id join reading_books b on b.id = c.book_id
        left join payment_reversals r on r.payment_id = p.id
      where p.collector_id = ${input.collectorId} and p.business_day = ${input.day}::date
      order by p.paid_at, p.id`),
  );
  if (rows.some((r) => r.visible !== true))
    throw new AppError(
      'FORBIDDEN',
      'Bảng quyết toán có khoản thu của khách hàng thuộc sổ bạn không được xem báo cáo thu tiền.',
    );
  const [settled] = rowsOf<Row>(
    await db.execute(sql`select s.recorded, s.payment_count, s.handed_in, s.note, s.confirmed_at, u.full_name
      from collector_settlements s join users u on u.id = s.confirmed_by
      where s.collector_id = ${input.collectorId} and s.day = ${input.day}::date`),
  );
  const payments = rows.map((r) => ({
    id: Number(r.id),
    receiptNumber: receiptNumber(Number(r.id)),
    paidAt: r.paid_at instanceof Date ? r.paid_at.toISOString() : new Date(String(r.paid_at)).toISOString(),
    customerCode: String(r.customer_code),
    customerName: String(r.customer_name),
    bookCode: String(r.book_code),
    amount: Number(r.amount),
    reversed: r.status === 'reversed',
    reversalReason: r.reason == null ? null : String(r.reason),
  }));
  const kept = payments.filter((p) => !p.reversed);
  const reversed = payments.filter((p) => p.reversed);
  return {
    company: await reportCompany(db),
    collector: { id: Number(collector.id), login: String(collector.login), fullName: String(collector.full_name) },
    day: input.day,
    printedOn: todayInVietnam(new Date()),
    payments,
    recorded: kept.reduce((s, p) => s + p.amount, 0),
    paymentCount: kept.length,
    reversedCount: reversed.length,
    reversedAmount: reversed.reduce((s, p) => s + p.amount, 0),
    settlement: settled
      ? {
          recorded: Number(settled.recorded),
          paymentCount: Number(settled.payment_count),
          handedIn: Number(settled.handed_in),
          difference: Number(settled.handed_in) - Number(settled.recorded),
          note: settled.note == null ? null : String(settled.note),
          confirmedBy: String(settled.full_name),
          confirmedAt:
            settled.confirmed_at instanceof Date
              ? settled.confirmed_at.toISOString()
              : new Date(String(settled.confirmed_at)).toISOString(),
        }
      : null,
  };
}

/** The statement itself, for the benchmark's EXPLAIN (bench/reports.ts). */
export const collectionReportStatement = collectionStatement;
