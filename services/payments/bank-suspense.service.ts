/**
 * The bank transactions a cashier works through: the suspense list (money no payment code matched), allocating a
 * line to a customer (a bank-transfer payment made by hand) and ignoring one (money that is not for water: a refund,
 * a transfer between the company's accounts) with a note. Rights: bank-access.ts.
 *
 * A line is resolved once: the row is locked and must still be in suspense, and the payment carries the bank's id
 * under the unique index payments_bank_transaction, so neither a second click nor a statement line arriving at the
 * same moment can pay twice.
 */
import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '@/db/client';
import { pgArray, rowsOf } from '@/db/sql';
import { findPaymentCodes } from '@/domain/invoices/vietqr';
import { allocationNoteSchema, bankCustomerCodeSchema, ignoreNoteSchema } from '@/schemas/bank-transfers';
import { customerCodeHints } from '@/domain/payments/payment-code';
import { type Actor, booksWithRight, canOnBook } from '@/services/auth/actor';
import { AMOUNT_DUE } from '@/services/billing/invoice.service';
import { AppError, forbidden, notFound } from '@/services/errors';
import { decodeCursor, pageOf, type PageInfo } from '@/services/page-cursor';
import { assertBankRight } from './bank-access';
import { periodInvoice } from './bank-transfer.service';
import { postPayment, receiptNumber } from './payment.service';

type Row = Record<string, unknown>;

type BankTransactionStatus = 'matched' | 'suspense' | 'allocated' | 'ignored';

export interface BankCustomer {
  id: number;
  code: string;
  name: string;
  address: string;
  /** What the open invoices ask now. */
  totalDue: number;
  /** Money of posted payments not on any invoice. */
  credit: number;
}

export interface BankTransactionRow {
  id: number;
  bankAccount: string;
  externalId: string;
  amount: number;
  receivedAt: Date;
  description: string;
  source: 'webhook' | 'statement';
  status: BankTransactionStatus;
  paymentId: number | null;
  receiptNumber: string | null;
  /** Whom the money went to (matched or allocated). */
  customer: { id: number; code: string; name: string } | null;
  /** In suspense: a customer whose code the description names, among those the viewer may pay. */
  suggestedCustomer: BankCustomer | null;
  resolvedByName: string | null;
  resolvedAt: Date | null;
  resolutionNote: string | null;
}

export interface BankTransactionFilter {
  status?: BankTransactionStatus | null;
  /** Business days (Vietnam), inclusive. */
  from?: string | null;
  to?: string | null;
  /** Part of the description or the bank's reference. */
  search?: string | null;
}

export interface BankTransactionPage {
  rows: BankTransactionRow[];
  pageInfo: PageInfo;
  /** Lines and money matching the filter, over every page. */
  totalCount: number;
  totalAmount: number;
}

const CURSOR = z.tuple([z.string().datetime({ offset: true }), z.number().int().positive()]);

const vietnamMidnight = (day: string) => new Date(`${day}T00:00:00+07:00`);

/** Lines the actor may see: unresolved and ignored money is company-wide; matched or allocated follows its customer. */
function visibleTo(actor: Actor): SQL {
  const books = booksWithRight(actor, 'payments', 'access');
  if (books === null) return sql`true`;
  return sql`(bt.status in ('suspense', 'ignored') or c.book_id = any(${pgArray(books)}::int4[]))`;
}

const ROW_SELECT = sql`bt.id, bt.bank_account, bt.external_id, bt.amount, bt.received_at, bt.description, bt.source,
  bt.status, bt.payment_id, bt.resolved_at, bt.resolution_note, c.id as customer_id, c.code as customer_code,
  c.name as customer_name, u.full_name as resolved_by_name`;
const ROW_FROM = sql`bank_transactions bt left join payments p on p.id = bt.payment_id
  left join customers c on c.id = p.customer_id left join users u on u.id = bt.resolved_by`;

const asDate = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));

function toRow(r: Row): Omit<BankTransactionRow, 'suggestedCustomer'> {
  const paymentId = r.payment_id == null ? null : Number(r.payment_id);
  return {
    id: Number(r.id),
    bankAccount: String(r.bank_account),
    externalId: String(r.external_id),
    amount: Number(r.amount),
    receivedAt: asDate(r.received_at),
    description: String(r.description),
    source: r.source === 'statement' ? 'statement' : 'webhook',
    status: String(r.status) as BankTransactionStatus,
    paymentId,
    receiptNumber: paymentId === null ? null : receiptNumber(paymentId),
    customer:
      r.customer_id == null
        ? null
        : { id: Number(r.customer_id), code: String(r.customer_code), name: String(r.customer_name) },
    resolvedByName: r.resolved_by_name == null ? null : String(r.resolved_by_name),
    resolvedAt: r.resolved_at == null ? null : asDate(r.resolved_at),
    resolutionNote: r.resolution_note == null ? null : String(r.resolution_note),
  };
}

/** Customers by code with what they owe, restricted to `books` (null: every book). */
async function customersByCode(db: DbOrTx, codes: readonly string[], books: number[] | null): Promise<Row[]> {
  if (codes.length === 0) return [];
  return rowsOf<Row>(
    await db.execute(sql`select c.id, c.code, c.name, c.address, c.book_id,
        (select coalesce(sum(${AMOUNT_DUE}), 0) from invoices i where i.customer_id = c.id) as total_due,
        (select coalesce(sum(amount - allocated), 0) from payments
          where customer_id = c.id and status = 'posted') as credit
      from customers c where c.code = any(${pgArray([...new Set(codes)])}::text[])
        ${books === null ? sql`` : sql`and c.book_id = any(${pgArray(books)}::int4[])`}`),
  );
}

function toBankCustomer(r: Row): BankCustomer {
  return {
    id: Number(r.id),
    code: String(r.code),
    name: String(r.name),
    address: String(r.address),
    totalDue: Number(r.total_due),
    credit: Number(r.credit),
  };
}

/** Suggestions for the suspense rows of a page, in one query: the first hinted code that is a payable customer. */
async function withSuggestions(
  db: DbOrTx,
  actor: Actor,
  rows: Omit<BankTransactionRow, 'suggestedCustomer'>[],
): Promise<BankTransactionRow[]> {
  const hints = new Map(
    rows.filter((r) => r.status === 'suspense').map((r) => [r.id, customerCodeHints(r.description)]),
  );
  const found = await customersByCode(db, [...hints.values()].flat(), booksWithRight(actor, 'payments', 'add'));
  const byCode = new Map(found.map((c) => [String(c.code), toBankCustomer(c)]));
  return rows.map((r) => {
    const code = hints.get(r.id)?.find((h) => byCode.has(h));
    return { ...r, suggestedCustomer: code ? byCode.get(code)! : null };
  });
}

function filterSql(filter: BankTransactionFilter): SQL {
  const parts: SQL[] = [];
  if (filter.status) parts.push(sql`bt.status = ${filter.status}`);
  if (filter.from) parts.push(sql`bt.received_at >= ${vietnamMidnight(filter.from).toISOString()}`);
  if (filter.to) {
    const next = vietnamMidnight(filter.to);
    next.setUTCDate(next.getUTCDate() + 1);
    parts.push(sql`bt.received_at < ${next.toISOString()}`);
  }
  const search = filter.search?.trim();
  if (search) {
    const like = `%${search.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    parts.push(sql`(bt.external_id ilike ${like} or bt.description ilike ${like})`);
  }
  return parts.length === 0 ? sql`true` : sql.join(parts, sql` and `);
}

/** Bank transactions newest first, a page at a time, with the filter's totals. */
export async function listBankTransactions(
  db: DbOrTx,
  actor: Actor,
  input: { filter: BankTransactionFilter; first: number; after: string | null },
): Promise<BankTransactionPage> {
  assertBankRight(actor, 'access', 'xem giao dịch ngân hàng');
  const { filter, first } = input;
  if (filter.from && filter.to && filter.to < filter.from)
    throw new AppError('INVALID_PERIOD_RANGE', 'Ngày kết thúc phải sau ngày bắt đầu.', { field: 'to' });
  const where = sql`${visibleTo(actor)} and ${filterSql(filter)}`;
  let keyset = sql`true`;
  if (input.after) {
    const [at, id] = decodeCursor(CURSOR, input.after);
    keyset = sql`(bt.received_at, bt.id) < (${at}::timestamptz, ${id})`;
  }
  const rows = rowsOf<Row>(
    await db.execute(sql`select ${ROW_SELECT} from ${ROW_FROM} where ${where} and ${keyset}
      order by bt.received_at desc, bt.id desc limit ${first + 1}`),
  ).map(toRow);
  const [totals] = rowsOf<Row>(
    await db.execute(sql`select count(*) as n, coalesce(sum(bt.amount), 0) as amount from ${ROW_FROM} where ${where}`),
  );
  const page = pageOf(rows, first, (r) => [r.receivedAt.toISOString(), r.id]);
  return {
    rows: await withSuggestions(db, actor, page.rows),
    pageInfo: page.pageInfo,
    totalCount: Number(totals?.n ?? 0),
    totalAmount: Number(totals?.amount ?? 0),
  };
}

/** One line as the actor may see it; NOT_FOUND when it is missing or belongs to a customer of another book. */
async function getBankTransaction(db: DbOrTx, actor: Actor, id: number): Promise<BankTransactionRow> {
  assertBankRight(actor, 'access', 'xem giao dịch ngân hàng');
  const [row] = rowsOf<Row>(
    await db.execute(sql`select ${ROW_SELECT} from ${ROW_FROM} where bt.id = ${id} and ${visibleTo(actor)}`),
  );
  if (!row) throw notFound('giao dịch ngân hàng');
  const [withSuggestion] = await withSuggestions(db, actor, [toRow(row)]);
  return withSuggestion!;
}

/** Locks a line for a resolution; it must be visible to the actor and still in suspense. */
async function lockSuspense(tx: DbOrTx, actor: Actor, id: number): Promise<Row> {
  // The row lock first, then the customer in a second statement: after waiting for a concurrent resolution, a
  // locking statement sees the new row but joins the payment as of its own start (none yet), while a new
  // statement sees the payment that resolution made.
  await tx.execute(sql`select id from bank_transactions where id = ${id} for update`);
  const [row] = rowsOf<Row>(
    await tx.execute(sql`select bt.id, bt.status, bt.amount, bt.received_at, bt.description, bt.external_id,
        bt.bank_account, c.book_id
      from bank_transactions bt left join payments p on p.id = bt.payment_id
        left join customers c on c.id = p.customer_id
      where bt.id = ${id}`),
  );
  const visible =
    row !== undefined &&
    (row.status === 'suspense' ||
      row.status === 'ignored' ||
      canOnBook(actor, Number(row.book_id), 'payments', 'access'));
  if (!row || !visible) throw notFound('giao dịch ngân hàng');
  if (row.status !== 'suspense')
    throw new AppError(
      'BANK_TRANSACTION_RESOLVED',
      row.status === 'ignored'
        ? 'Giao dịch này đã được đánh dấu bỏ qua trước đó.'
        : 'Giao dịch này đã được ghi thu cho khách hàng trước đó: không thể phân bổ lần nữa.',
    );
  return row;
}

/**
 * The customer a cashier typed, if they may take money for them: the add right on the customer's current book.
 * A customer of a book the actor does not hold answers like a missing code.
 */
async function payableCustomer(
  db: DbOrTx,
  actor: Actor,
  customerCode: string,
): Promise<BankCustomer & { bookId: number }> {
  const parsed = bankCustomerCodeSchema.safeParse(customerCode);
  if (!parsed.success)
    throw new AppError('VALIDATION_FAILED', parsed.error.issues[0]?.message ?? 'Mã khách hàng không hợp lệ.', {
      field: 'customerCode',
    });
  const code = parsed.data;
  const [row] = await customersByCode(db, [code], null);
  if (!row || !canOnBook(actor, Number(row.book_id), 'payments', 'access')) throw notFound('khách hàng');
  if (!canOnBook(actor, Number(row.book_id), 'payments', 'add')) throw forbidden('thu tiền cho khách hàng này');
  return { ...toBankCustomer(row), bookId: Number(row.book_id) };
}

/** The invoice the description's payment code names for this customer, if any: paid first. */
async function describedInvoice(db: DbOrTx, customer: { id: number; code: string }, description: string) {
  const reading = findPaymentCodes(description).find((r) => r.customerCode === customer.code);
  if (!reading) return null;
  const invoiceId = await periodInvoice(db, customer.id, reading.period);
  return invoiceId === null ? null : { invoiceId, period: reading.period };
}

export interface BankAllocationPreview {
  transaction: BankTransactionRow;
  customer: BankCustomer;
  /** The invoice paid first (the description's period for this customer), if any. */
  invoicePeriod: string | null;
  /** What would stay as the customer's credit after paying what they owe. */
  creditAfter: number;
}

/** What allocating a suspense line to a customer would do, before the cashier confirms. */
export async function previewBankAllocation(
  db: DbOrTx,
  actor: Actor,
  input: { id: number; customerCode: string },
): Promise<BankAllocationPreview> {
  const transaction = await getBankTransaction(db, actor, input.id);
  if (transaction.status !== 'suspense')
    throw new AppError('BANK_TRANSACTION_RESOLVED', 'Giao dịch này đã được xử lý trước đó.');
  const customer = await payableCustomer(db, actor, input.customerCode);
  const invoice = await describedInvoice(db, customer, transaction.description);
  const { bookId: _bookId, ...shown } = customer;
  return {
    transaction,
    customer: shown,
    invoicePeriod: invoice?.period ?? null,
    creditAfter: Math.max(0, transaction.amount - Math.max(0, customer.totalDue)),
  };
}

function cleanNote(note: string | null | undefined, required: boolean): string | null {
  const parsed = (required ? ignoreNoteSchema : allocationNoteSchema).safeParse(note ?? '');
  if (!parsed.success)
    throw new AppError('VALIDATION_FAILED', parsed.error.issues[0]?.message ?? 'Ghi chú không hợp lệ.', {
      field: 'note',
    });
  return parsed.data || null;
}

/** Pays a suspense line to the customer with this code (a bank-transfer payment), once. */
export async function allocateBankTransaction(
  db: Db,
  actor: Actor,
  input: { id: number; customerCode: string; note?: string | null },
): Promise<BankTransactionRow> {
  assertBankRight(actor, 'add', 'phân bổ tiền chuyển khoản');
  await db.transaction(async (tx) => {
    const line = await lockSuspense(tx, actor, input.id);
    const note = cleanNote(input.note, false);
    const customer = await payableCustomer(tx, actor, input.customerCode);
    const invoice = await describedInvoice(tx, customer, String(line.description));
    const { payment } = await postPayment(tx, {
      customerId: customer.id,
      amount: Number(line.amount),
      channel: 'bank_transfer',
      paidAt: asDate(line.received_at),
      externalId: String(line.external_id),
      bankAccount: String(line.bank_account),
      recordedBy: actor.userId,
      preferredInvoiceId: invoice?.invoiceId ?? null,
      note: note ?? `Chuyển khoản ${String(line.external_id)} (phân bổ từ danh sách chờ)`,
    });
    await tx.execute(sql`update bank_transactions set status = 'allocated', payment_id = ${payment.id},
      resolved_by = ${actor.userId}, resolved_at = now(), resolution_note = ${note}
      where id = ${input.id}`);
  });
  return getBankTransaction(db, actor, input.id);
}

/** Marks a suspense line as not water money (a refund, an internal transfer), with a note saying why. */
export async function ignoreBankTransaction(
  db: Db,
  actor: Actor,
  input: { id: number; note: string },
): Promise<BankTransactionRow> {
  assertBankRight(actor, 'edit', 'bỏ qua giao dịch ngân hàng');
  await db.transaction(async (tx) => {
    await lockSuspense(tx, actor, input.id);
    // After the row check, so a line the actor may not see answers NOT_FOUND whatever the note.
    const note = cleanNote(input.note, true);
    await tx.execute(sql`update bank_transactions set status = 'ignored', resolved_by = ${actor.userId},
      resolved_at = now(), resolution_note = ${note} where id = ${input.id}`);
  });
  return getBankTransaction(db, actor, input.id);
}
