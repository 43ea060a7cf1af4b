/**
 * Collectors (nhân viên thu tiền): users who take payments in the field on the books assigned to them, and the
 * settlement of a collector's day by a cashier, after which that day is locked.
 *
 * Rules (README "Collectors"):
 * - A collector is a user assigned to a book (collector_books) who also holds that book with the 'payments' add
 *   right. Assignments are made by an administrator or by a user with 'payments' edit on the book; a user changes
 *   only the assignments of the books they may edit, the others stay.
 * - A payment a collector records must be of a customer whose CURRENT book the collector is assigned to and holds
 *   with 'payments' add. The device's idempotency key makes a resend after a lost answer return the first answer.
 * - A day (the Vietnam business day of paidAt) is read by a user with 'payments' access on the current book of the
 *   customer of every payment of that collector and day, and settled by a user with 'payments' edit on all of them,
 *   never by the collector. A day without payments: access / edit on at least one of the collector's assigned books.
 * - After the settlement no payment of that collector and day is recorded or reversed (PAYMENT_SETTLED). Recording
 *   and settling take the collector's lock, and the settlement locks the day's payments (FOR SHARE) against a
 *   reversal, so a settlement confirms exactly the payments committed beside it.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { pgArray, rowsOf } from '@/db/sql';
import { todayInVietnam } from '@/domain/billing/periods';
import { isCalendarDate } from '@/domain/time/calendar';
import { type Actor, booksWithRight, canOnBook, loadActor } from '@/services/auth/actor';
import { AppError, notFound, pgErrorCode } from '@/services/errors';
import { COLLECTOR_KEY_RE } from '@/schemas/payments-collectors';
import { lockLedger } from './ledger';
import { assertPaymentAmount, postPayment, receiptNumber } from './payment.service';

type Row = Record<string, unknown>;

/** Namespace of the collectors' advisory locks (the second key is the collector's user id). */
const COLLECTOR_LOCK = 727_101;
/** How far ahead of the server's clock a device's paidAt may be (clock drift), never a future day's payment. */
const CLOCK_DRIFT_MS = 5 * 60_000;
/** What a cashier may type as handed in: far above any day, below anything that would overflow. */
const MAX_HANDED_IN = 1_000_000_000_000;

export interface CollectorBookRow {
  bookId: number;
  code: string;
  name: string;
  assignedAt: string;
  /** Whether the collector still holds the book with the payments add right (else they cannot collect on it). */
  canCollect: boolean;
}

export interface BookCollectorRow {
  userId: number;
  login: string;
  fullName: string;
  isAssigned: boolean;
  canCollect: boolean;
}

export interface CollectorPaymentLine {
  invoiceId: number;
  period: string;
  series: string | null;
  number: number | null;
  /** The parts of `amount` on the water amount, its VAT and the fees (the fixed order inside an invoice). */
  water: number;
  vat: number;
  fees: number;
  amount: number;
}

export interface CollectorPaymentResult {
  replayed: boolean;
  paymentId: number;
  receiptNumber: string;
  customerId: number;
  customerCode: string;
  customerName: string;
  amount: number;
  paidAt: string;
  businessDay: string;
  /** What the payment paid when it was recorded, invoice by invoice. */
  lines: CollectorPaymentLine[];
  /** The part of the amount no invoice asked for: the customer's credit. */
  credit: number;
}

export interface CollectorDayPayment {
  id: number;
  receiptNumber: string;
  customerId: number;
  customerCode: string;
  customerName: string;
  amount: number;
  paidAt: string;
  status: 'posted' | 'reversed';
  reversalReason: string | null;
}

export interface CollectorSettlementRow {
  id: number;
  recorded: number;
  paymentCount: number;
  handedIn: number;
  difference: number;
  note: string | null;
  confirmedById: number;
  confirmedByName: string;
  confirmedAt: string;
}

export interface CollectorDayView {
  collectorId: number;
  collectorLogin: string;
  collectorName: string;
  day: string;
  /** Posted payments of the day: what the collector must hand in. */
  recorded: number;
  paymentCount: number;
  payments: CollectorDayPayment[];
  /** Payments of the day taken back; they count for nothing. */
  reversed: CollectorDayPayment[];
  settlement: CollectorSettlementRow | null;
}

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());

/** The collector's lock: recording, reversing and settling of one collector happen one after the other. */
async function lockCollector(tx: DbOrTx, collectorId: number): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${COLLECTOR_LOCK}::int4, ${collectorId}::int4)`);
}

/**
 * Refuses with PAYMENT_SETTLED when the collector's day is settled, holding the collector's lock until the
 * transaction ends, so a settlement cannot slip in between the check and the new payment. Taken after the
 * customer's ledger lock.
 */
async function assertCollectorDayOpen(tx: DbOrTx, collectorId: number, day: string): Promise<void> {
  await lockCollector(tx, collectorId);
  const [settled] = rowsOf<Row>(
    await tx.execute(sql`select id from collector_settlements where collector_id = ${collectorId} and day = ${day}`),
  );
  if (settled)
    throw new AppError(
      'PAYMENT_SETTLED',
      `Ngày thu ${dayLabel(day)} của nhân viên thu đã được quyết toán và khóa: không thể thêm hay hủy khoản thu của ngày này.`,
    );
}

const dayLabel = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

async function activeUser(db: DbOrTx, userId: number): Promise<{ id: number; login: string; fullName: string }> {
  const [u] = rowsOf<Row>(
    await db.execute(sql`select id, login, full_name from users where id = ${userId} and is_active`),
  );
  if (!u) throw notFound('nhân viên thu tiền');
  return { id: Number(u.id), login: String(u.login), fullName: String(u.full_name) };
}

/** The collector's assigned books the caller may see ('payments' access), with whether they can still collect there. */
export async function collectorBooks(db: DbOrTx, actor: Actor, collectorId: number): Promise<CollectorBookRow[]> {
  const visible = booksWithRight(actor, 'payments', 'access');
  const rows = rowsOf<Row>(
    await db.execute(sql`select cb.book_id, rb.code, rb.name, cb.assigned_at from collector_books cb
      join reading_books rb on rb.id = cb.book_id
      where cb.user_id = ${collectorId}
        ${visible === null ? sql`` : sql`and cb.book_id = any(${pgArray(visible)}::int4[])`}
      order by rb.code, rb.id`),
  );
  if (rows.length === 0) return [];
  const collector = await loadActor(db, collectorId);
  return rows.map((r) => ({
    bookId: Number(r.book_id),
    code: String(r.code),
    name: String(r.name),
    assignedAt: iso(r.assigned_at),
    canCollect: collector !== null && canOnBook(collector, Number(r.book_id), 'payments', 'add'),
  }));
}

/**
 * The users who may collect on a book (they hold it with the 'payments' add right) and those assigned to it, for
 * a user with 'payments' access on the book. Administrators are listed only when assigned.
 */
export async function bookCollectors(db: DbOrTx, actor: Actor, bookId: number): Promise<BookCollectorRow[]> {
  if (!canOnBook(actor, bookId, 'payments', 'access'))
    throw new AppError('BOOK_FORBIDDEN', 'Bạn không có quyền thu tiền trên sổ đọc này.');
  const rows = rowsOf<Row>(
    await db.execute(sql`with book as (
        select rb.id, rb.route_id, r.branch_id from reading_books rb join routes r on r.id = rb.route_id
        where rb.id = ${bookId})
      select u.id, u.login, u.full_name,
        exists (select 1 from collector_books cb where cb.user_id = u.id and cb.book_id = book.id) as is_assigned,
        (u.is_admin or (
          (exists (select 1 from user_books ub where ub.user_id = u.id and ub.book_id = book.id)
            or exists (select 1 from user_routes ur where ur.user_id = u.id and ur.route_id = book.route_id))
          and exists (select 1 from user_permissions p where p.user_id = u.id and p.branch_id = book.branch_id
            and p."group" = 'document' and p.object = 'payments' and p.can_add))) as can_collect
      from users u, book
      where u.is_active and (
        exists (select 1 from collector_books cb where cb.user_id = u.id and cb.book_id = book.id)
        or (not u.is_admin
          and (exists (select 1 from user_books ub where ub.user_id = u.id and ub.book_id = book.id)
            or exists (select 1 from user_routes ur where ur.user_id = u.id and ur.route_id = book.route_id))
          and exists (select 1 from user_permissions p where p.user_id = u.id and p.branch_id = book.branch_id
            and p."group" = 'document' and p.object = 'payments' and p.can_add)))
      order by u.full_name, u.id`),
  );
  if (rows.length === 0) {
    const [exists] = rowsOf<Row>(await db.execute(sql`select 1 from reading_books where id = ${bookId}`));
    if (!exists) throw notFound('sổ đọc');
  }
  return rows.map((r) => ({
    userId: Number(r.id),
    login: String(r.login),
    fullName: String(r.full_name),
    isAssigned: r.is_assigned === true,
    canCollect: r.can_collect === true,
  }));
}

/**
 * Sets which books the collector collects, among the books the caller may edit payments on: those in `bookIds` are
 * assigned, the caller's other books unassigned; books beyond the caller's reach keep their assignment.
 */
export async function assignCollectorBooks(
  db: DbOrTx,
  actor: Actor,
  input: { collectorId: number; bookIds: readonly number[] },
): Promise<CollectorBookRow[]> {
  const bookIds = [...new Set(input.bookIds)];
  if (bookIds.length > 500) throw new AppError('ARGUMENT_TOO_LONG', 'Mỗi lần phân công tối đa 500 sổ đọc.');
  for (const bookId of bookIds)
    if (!canOnBook(actor, bookId, 'payments', 'edit'))
      throw new AppError('BOOK_FORBIDDEN', 'Bạn không có quyền phân công thu tiền trên một số sổ đọc đã chọn.');
  await activeUser(db, input.collectorId);
  const collector = await loadActor(db, input.collectorId);
  const books = rowsOf<Row>(
    await db.execute(sql`select id, code from reading_books where id = any(${pgArray(bookIds)}::int4[])`),
  );
  if (books.length !== bookIds.length)
    throw new AppError('INVALID_REFERENCE', 'Một số sổ đọc đã chọn không tồn tại.', { field: 'bookIds' });
  const cannot = books.filter((b) => !collector || !canOnBook(collector, Number(b.id), 'payments', 'add'));
  if (cannot.length > 0)
    throw new AppError(
      'COLLECTOR_CANNOT_COLLECT',
      `Người này chưa được giao sổ ${cannot.map((b) => String(b.code)).join(', ')} với quyền thêm khoản thu, nên không thể thu tiền trên sổ đó.`,
      { field: 'bookIds' },
    );
  const editable = booksWithRight(actor, 'payments', 'edit');
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from collector_books where user_id = ${input.collectorId}
      and not (book_id = any(${pgArray(bookIds)}::int4[]))
      ${editable === null ? sql`` : sql`and book_id = any(${pgArray(editable)}::int4[])`}`);
    if (bookIds.length > 0)
      await tx.execute(sql`insert into collector_books (user_id, book_id)
        select ${input.collectorId}, b from unnest(${pgArray(bookIds)}::int4[]) as b
        on conflict do nothing`);
  });
  return collectorBooks(db, actor, input.collectorId);
}

export interface RecordCollectorPaymentInput {
  customerId?: number | null;
  customerCode?: string | null;
  amount: number;
  paidAt?: Date | null;
  idempotencyKey: string;
  invoiceId?: number | null;
}

async function findCustomer(
  db: DbOrTx,
  input: Pick<RecordCollectorPaymentInput, 'customerId' | 'customerCode'>,
): Promise<{ id: number; code: string; name: string; bookId: number }> {
  const code = input.customerCode?.trim() || null;
  if (input.customerId == null && code === null)
    throw new AppError('VALIDATION_FAILED', 'Cần mã khách hàng (customerCode) hoặc customerId.', {
      field: 'customerCode',
    });
  const [c] = rowsOf<Row>(
    await db.execute(sql`select id, code, name, book_id from customers
      where ${input.customerId != null ? sql`id = ${input.customerId}` : sql`code = ${code}`}`),
  );
  if (!c) throw notFound('khách hàng');
  return { id: Number(c.id), code: String(c.code), name: String(c.name), bookId: Number(c.book_id) };
}

/** What the first answer depends on: a resend must carry the same, or it is another payment under a reused key. */
function fingerprint(p: { customerId: number; amount: number; invoiceId: number | null; paidAt: Date | null }): string {
  return createHash('sha256')
    .update(JSON.stringify([p.customerId, p.amount, p.invoiceId, p.paidAt ? p.paidAt.toISOString() : null]))
    .digest('hex');
}

/**
 * The answer for a collector's payment, read back from the ledger: the allocations made when it was posted (reason
 * 'payment') never change, so the first answer and every replay are the same.
 */
async function collectorAnswer(db: DbOrTx, paymentId: number, replayed: boolean): Promise<CollectorPaymentResult> {
  const [p] = rowsOf<Row>(
    await db.execute(sql`select p.id, p.customer_id, c.code, c.name, p.amount, p.paid_at, p.business_day::text as day
      from payments p join customers c on c.id = p.customer_id where p.id = ${paymentId}`),
  );
  if (!p) throw notFound('khoản thu');
  const lines = rowsOf<Row>(
    await db.execute(sql`select a.invoice_id, i.period, s.template_symbol || s.invoice_symbol as series, i.number,
        sum(a.amount) filter (where a.component = 'water') as water,
        sum(a.amount) filter (where a.component = 'vat') as vat,
        sum(a.amount) filter (where a.component = 'fees') as fees,
        sum(a.amount) as amount
      from payment_allocations a join invoices i on i.id = a.invoice_id
      left join invoice_series s on s.id = i.series_id
      where a.payment_id = ${paymentId} and a.reason = 'payment'
      group by a.invoice_id, i.period, s.template_symbol, s.invoice_symbol, i.number
      order by min(a.id)`),
  ).map((r) => ({
    invoiceId: Number(r.invoice_id),
    period: String(r.period),
    series: r.series == null ? null : String(r.series),
    number: r.number == null ? null : Number(r.number),
    water: Number(r.water ?? 0),
    vat: Number(r.vat ?? 0),
    fees: Number(r.fees ?? 0),
    amount: Number(r.amount),
  }));
  const amount = Number(p.amount);
  return {
    replayed,
    paymentId: Number(p.id),
    receiptNumber: receiptNumber(Number(p.id)),
    customerId: Number(p.customer_id),
    customerCode: String(p.code),
    customerName: String(p.name),
    amount,
    paidAt: iso(p.paid_at),
    businessDay: String(p.day),
    lines,
    credit: amount - lines.reduce((s, l) => s + l.amount, 0),
  };
}

/** A stored payment under the key: its answer when the request is the same, else IDEMPOTENCY_CONFLICT. */
async function replayOf(
  db: DbOrTx,
  actor: Actor,
  storedKey: string,
  print: string,
): Promise<CollectorPaymentResult | null> {
  const [row] = rowsOf<Row>(
    await db.execute(sql`select p.id, p.request_fingerprint, c.book_id from payments p
      join customers c on c.id = p.customer_id where p.idempotency_key = ${storedKey}`),
  );
  if (!row) return null;
  if (String(row.request_fingerprint) !== print)
    throw new AppError(
      'IDEMPOTENCY_CONFLICT',
      'Mã gửi (idempotencyKey) này đã dùng cho một khoản thu khác: hãy tạo mã mới cho mỗi khoản thu.',
      { field: 'idempotencyKey' },
    );
  // The stored answer names its customer: it is replayed only to someone who may still collect on that customer.
  if (!canOnBook(actor, Number(row.book_id), 'payments', 'add'))
    throw new AppError('BOOK_FORBIDDEN', 'Bạn không có quyền thu tiền trên sổ đọc của khách hàng này.');
  return collectorAnswer(db, Number(row.id), true);
}

/**
 * A payment taken by the caller in the field (the handheld's mutation). One transaction: the customer's ledger
 * lock, the collector's lock, the key, the settlement, the payment. The key is stored per collector, so another
 * user's key can never replay this collector's answer.
 */
export async function recordCollectorPayment(
  db: DbOrTx,
  actor: Actor,
  input: RecordCollectorPaymentInput,
  now: Date = new Date(),
): Promise<CollectorPaymentResult> {
  const key = input.idempotencyKey.trim();
  if (!COLLECTOR_KEY_RE.test(key))
    throw new AppError(
      'VALIDATION_FAILED',
      'Mã gửi (idempotencyKey) phải có 8–48 ký tự: chữ cái, chữ số, dấu chấm, gạch ngang, gạch dưới, hai chấm.',
      { field: 'idempotencyKey' },
    );
  const customer = await findCustomer(db, input);
  const code = input.customerCode?.trim();
  if (!canOnBook(actor, customer.bookId, 'payments', 'add'))
    throw new AppError('BOOK_FORBIDDEN', 'Bạn không có quyền thu tiền trên sổ đọc của khách hàng này.');
  if (input.customerId != null && code && code !== customer.code)
    throw new AppError('VALIDATION_FAILED', 'customerId và customerCode chỉ hai khách hàng khác nhau.', {
      field: 'customerCode',
    });
  assertPaymentAmount(input.amount);
  const paidAt = input.paidAt ?? null;
  const storedKey = `col:${actor.userId}:${key}`;
  const print = fingerprint({
    customerId: customer.id,
    amount: input.amount,
    invoiceId: input.invoiceId ?? null,
    paidAt,
  });
  const replay = await replayOf(db, actor, storedKey, print);
  if (replay) return replay;

  const [assigned] = rowsOf<Row>(
    await db.execute(
      sql`select 1 from collector_books where user_id = ${actor.userId} and book_id = ${customer.bookId}`,
    ),
  );
  if (!assigned)
    throw new AppError(
      'COLLECTOR_NOT_ASSIGNED',
      `Bạn chưa được phân công thu tiền sổ đọc của khách hàng ${customer.code}.`,
    );
  const at = paidAt ?? now;
  if (at.getTime() > now.getTime() + CLOCK_DRIFT_MS)
    throw new AppError('VALIDATION_FAILED', 'Thời điểm thu tiền ở tương lai: kiểm tra đồng hồ của máy.', {
      field: 'paidAt',
    });
  if (input.invoiceId != null) {
    const [inv] = rowsOf<Row>(
      await db.execute(sql`select 1 from invoices where id = ${input.invoiceId} and customer_id = ${customer.id}`),
    );
    if (!inv)
      throw new AppError('INVALID_REFERENCE', 'Hóa đơn đã chọn không phải của khách hàng này.', { field: 'invoiceId' });
  }
  const day = todayInVietnam(at);

  try {
    return await db.transaction(async (tx) => {
      await lockLedger(tx, [customer.id]);
      await lockCollector(tx, actor.userId);
      // A resend that waited on the lock behind its first attempt finds the key now.
      const raced = await replayOf(tx, actor, storedKey, print);
      if (raced) return raced;
      await assertCollectorDayOpen(tx, actor.userId, day);
      const { payment } = await postPayment(tx, {
        customerId: customer.id,
        amount: input.amount,
        channel: 'collector',
        paidAt: at,
        recordedBy: actor.userId,
        collectorId: actor.userId,
        idempotencyKey: storedKey,
        requestFingerprint: print,
        preferredInvoiceId: input.invoiceId ?? null,
      });
      return collectorAnswer(tx, payment.id, false);
    });
  } catch (error) {
    // Two first attempts on two connections: the loser's insert hits the key's unique index; answer the winner's.
    if (pgErrorCode(error)?.code === '23505') {
      const winner = await replayOf(db, actor, storedKey, print);
      if (winner) return winner;
    }
    throw error;
  }
}

interface DayPaymentRow extends CollectorDayPayment {
  bookId: number;
}

/**
 * The collector's payments of the day. `lock` (the settlement's read) takes FOR SHARE on them: a reversal locks its
 * payment FOR UPDATE before it checks the settlement, so a reversal racing a settlement either commits first and is
 * read as reversed, or waits for the settlement and then meets it (PAYMENT_SETTLED).
 */
async function dayPayments(db: DbOrTx, collectorId: number, day: string, lock = false): Promise<DayPaymentRow[]> {
  return rowsOf<Row>(
    await db.execute(sql`select p.id, p.customer_id, c.code, c.name, c.book_id, p.amount, p.paid_at, p.status,
        r.reason as reversal_reason
      from payments p join customers c on c.id = p.customer_id
      left join payment_reversals r on r.payment_id = p.id
      where p.collector_id = ${collectorId} and p.business_day = ${day} and p.channel = 'collector'
      order by p.paid_at, p.id ${lock ? sql`for share of p` : sql``}`),
  ).map((r) => ({
    id: Number(r.id),
    receiptNumber: receiptNumber(Number(r.id)),
    customerId: Number(r.customer_id),
    customerCode: String(r.code),
    customerName: String(r.name),
    bookId: Number(r.book_id),
    amount: Number(r.amount),
    paidAt: iso(r.paid_at),
    status: r.status === 'reversed' ? 'reversed' : 'posted',
    reversalReason: r.reversal_reason == null ? null : String(r.reversal_reason),
  }));
}

/**
 * The books the caller must hold to see or settle the day: the current book of every payment's customer, or, on a
 * day without payments, one of the collector's assigned books.
 */
async function assertMayHandleDay(
  db: DbOrTx,
  actor: Actor,
  collectorId: number,
  payments: readonly DayPaymentRow[],
  right: 'access' | 'edit',
): Promise<void> {
  if (actor.isAdmin) return;
  const refuse = () =>
    new AppError(
      'BOOK_FORBIDDEN',
      right === 'edit'
        ? 'Bạn cần quyền sửa khoản thu trên sổ đọc của mọi khách hàng trong ngày thu này.'
        : 'Bạn không có quyền xem khoản thu trên sổ đọc của một số khách hàng trong ngày thu này.',
    );
  if (payments.length > 0) {
    for (const bookId of new Set(payments.map((p) => p.bookId)))
      if (!canOnBook(actor, bookId, 'payments', right)) throw refuse();
    return;
  }
  const assigned = rowsOf<Row>(
    await db.execute(sql`select book_id from collector_books where user_id = ${collectorId}`),
  ).map((r) => Number(r.book_id));
  if (!assigned.some((bookId) => canOnBook(actor, bookId, 'payments', right))) throw refuse();
}

async function settlementOf(db: DbOrTx, collectorId: number, day: string): Promise<CollectorSettlementRow | null> {
  const [s] = rowsOf<Row>(
    await db.execute(sql`select s.*, u.full_name as confirmed_by_name from collector_settlements s
      join users u on u.id = s.confirmed_by where s.collector_id = ${collectorId} and s.day = ${day}`),
  );
  if (!s) return null;
  return {
    id: Number(s.id),
    recorded: Number(s.recorded),
    paymentCount: Number(s.payment_count),
    handedIn: Number(s.handed_in),
    difference: Number(s.handed_in) - Number(s.recorded),
    note: s.note == null ? null : String(s.note),
    confirmedById: Number(s.confirmed_by),
    confirmedByName: String(s.confirmed_by_name),
    confirmedAt: iso(s.confirmed_at),
  };
}

function assertDay(day: string): void {
  if (!isCalendarDate(day))
    throw new AppError('INVALID_DATE', 'Ngày không hợp lệ: cần một ngày có thật dạng YYYY-MM-DD, năm 1900–2100.');
}

function view(
  collector: { id: number; login: string; fullName: string },
  day: string,
  payments: readonly DayPaymentRow[],
  settlement: CollectorSettlementRow | null,
): CollectorDayView {
  const strip = (p: DayPaymentRow): CollectorDayPayment => ({
    id: p.id,
    receiptNumber: p.receiptNumber,
    customerId: p.customerId,
    customerCode: p.customerCode,
    customerName: p.customerName,
    amount: p.amount,
    paidAt: p.paidAt,
    status: p.status,
    reversalReason: p.reversalReason,
  });
  const posted = payments.filter((p) => p.status === 'posted');
  return {
    collectorId: collector.id,
    collectorLogin: collector.login,
    collectorName: collector.fullName,
    day,
    recorded: posted.reduce((s, p) => s + p.amount, 0),
    paymentCount: posted.length,
    payments: posted.map(strip),
    reversed: payments.filter((p) => p.status === 'reversed').map(strip),
    settlement,
  };
}

/** A collector's day: what the ledger says they took (posted payments), the reversed ones apart, the settlement. */
export async function collectorDay(
  db: DbOrTx,
  actor: Actor,
  input: { collectorId: number; day: string },
): Promise<CollectorDayView> {
  assertDay(input.day);
  const collector = await activeOrFormerUser(db, input.collectorId);
  const payments = await dayPayments(db, input.collectorId, input.day);
  await assertMayHandleDay(db, actor, input.collectorId, payments, 'access');
  return view(collector, input.day, payments, await settlementOf(db, input.collectorId, input.day));
}

/** A collector who has left still has days to read and settle: any user row, active or not. */
async function activeOrFormerUser(
  db: DbOrTx,
  userId: number,
): Promise<{ id: number; login: string; fullName: string }> {
  const [u] = rowsOf<Row>(await db.execute(sql`select id, login, full_name from users where id = ${userId}`));
  if (!u) throw notFound('nhân viên thu tiền');
  return { id: Number(u.id), login: String(u.login), fullName: String(u.full_name) };
}

/**
 * A cashier confirms what the collector handed in for the day: the recorded total and count are taken from the
 * ledger under the collector's lock, the difference (handed in − recorded) needs a note when it is not zero, and
 * the day is locked from then on. Once per collector and day (a second confirmation: PAYMENT_SETTLED).
 */
export async function settleCollectorDay(
  db: DbOrTx,
  actor: Actor,
  input: { collectorId: number; day: string; handedIn: number; note?: string | null },
  now: Date = new Date(),
): Promise<CollectorDayView> {
  assertDay(input.day);
  const collector = await activeOrFormerUser(db, input.collectorId);
  await assertMayHandleDay(db, actor, input.collectorId, await dayPayments(db, input.collectorId, input.day), 'edit');
  if (actor.userId === input.collectorId)
    throw new AppError(
      'COLLECTOR_SELF_SETTLEMENT',
      'Nhân viên thu không tự quyết toán ngày thu của mình: việc này do thủ quỹ xác nhận.',
    );
  if (input.day > todayInVietnam(now))
    throw new AppError('VALIDATION_FAILED', 'Không thể quyết toán một ngày chưa đến.', { field: 'day' });
  if (!Number.isSafeInteger(input.handedIn) || input.handedIn < 0 || input.handedIn > MAX_HANDED_IN)
    throw new AppError('VALIDATION_FAILED', 'Số tiền nộp phải là số nguyên không âm (đồng).', { field: 'handedIn' });
  const note = input.note?.trim() || null;
  if (note && note.length > 500)
    throw new AppError('VALIDATION_FAILED', 'Ghi chú dài quá 500 ký tự.', { field: 'note' });

  try {
    await db.transaction(async (tx) => {
      await lockCollector(tx, input.collectorId);
      if (await settlementOf(tx, input.collectorId, input.day))
        throw new AppError('PAYMENT_SETTLED', `Ngày thu ${dayLabel(input.day)} đã được quyết toán trước đó.`);
      // Read again under the lock: this is the set the settlement confirms, and the rights are checked on it.
      const payments = await dayPayments(tx, input.collectorId, input.day, true);
      await assertMayHandleDay(tx, actor, input.collectorId, payments, 'edit');
      const posted = payments.filter((p) => p.status === 'posted');
      const recorded = posted.reduce((s, p) => s + p.amount, 0);
      if (recorded > MAX_HANDED_IN)
        throw new AppError('VALIDATION_FAILED', 'Tổng thu của ngày vượt giới hạn quyết toán.', { field: 'day' });
      if (input.handedIn !== recorded && !note)
        throw new AppError('VALIDATION_FAILED', 'Số tiền nộp khác số đã thu: ghi rõ lý do chênh lệch vào ghi chú.', {
          field: 'note',
        });
      await tx.execute(sql`insert into collector_settlements
        (collector_id, day, recorded, payment_count, handed_in, note, confirmed_by)
        values (${input.collectorId}, ${input.day}, ${recorded}, ${posted.length}, ${input.handedIn}, ${note},
          ${actor.userId})`);
    });
  } catch (error) {
    if (pgErrorCode(error)?.code === '23505')
      throw new AppError('PAYMENT_SETTLED', `Ngày thu ${dayLabel(input.day)} đã được quyết toán trước đó.`);
    throw error;
  }
  return view(
    collector,
    input.day,
    await dayPayments(db, input.collectorId, input.day),
    await settlementOf(db, input.collectorId, input.day),
  );
}
