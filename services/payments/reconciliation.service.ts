/**
 * A partner's daily reconciliation: the partner's file for a business day is matched against our ledger (the
 * partner's payments of that day, and any payment of the partner the file names) and against the bank credit the
 * partner sent for the day; what does not agree is stored as exceptions for a cashier to resolve.
 *
 * Rights (README "Partner reconciliation file"):
 * - importing needs the 'payments' edit right on some branch: a partner's file is company-wide;
 * - an exception belongs to its customer (our payment's customer, else the customer the file's code names) and is
 *   seen by users with 'payments' access on that customer's CURRENT book, resolved by those with 'payments' edit;
 *   an exception naming no customer of ours (an unknown code, the bank credit) carries no customer data and is seen
 *   and resolved by any user with the 'payments' edit right;
 * - a reconciliation's header (partner, day, counts) is listed to its importer, to users who see one of its
 *   exceptions, and to administrators.
 * The bank credit is found by its description naming the partner's code, received on the business day and not
 * taken as a customer's payment (suspense or ignored): README explains why that link is weak.
 */
import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { reconciliationExceptions, reconciliations } from '@/db/schema/payments';
import { pgArray, rowsOf } from '@/db/sql';
import { todayInVietnam } from '@/domain/billing/periods';
import {
  type BankCredit,
  type LedgerPayment,
  type ReconciliationTotals,
  matchReconciliation,
  namesPartner,
  parsePartnerFile,
} from '@/domain/payments/reconciliation';
import { isCalendarDate, shiftDate } from '@/domain/time/calendar';
import { type Actor, booksWithRight, canOnBook, hasRight } from '@/services/auth/actor';
import { AppError, forbidden, notFound, pgErrorCode } from '@/services/errors';
import { receiptNumber } from './payment.service';

type Row = Record<string, unknown>;

/** A partner's day is a few thousand transactions; the cap keeps one upload's work bounded. */
export const RECONCILIATION_MAX_BYTES = 5 * 1024 * 1024;
const MAX_ROWS = 100_000;
const INSERT_CHUNK = 1000;

export interface PaymentPartnerOption {
  id: number;
  code: string;
  name: string;
  active: boolean;
}

export interface ReconciliationHeader {
  id: number;
  partnerId: number;
  partnerCode: string;
  partnerName: string;
  businessDay: string;
  fileName: string;
  fileSha256: string;
  importedById: number;
  importedByName: string;
  importedAt: string;
  matched: number;
  exceptions: number;
  openExceptions: number;
}

export interface ReconciliationExceptionRow {
  id: number;
  reconciliationId: number;
  partnerCode: string;
  businessDay: string;
  kind: 'only_partner' | 'only_ours' | 'amount_differs' | 'reversed';
  transactionId: string;
  customerId: number | null;
  customerCode: string | null;
  customerName: string | null;
  partnerAmount: number | null;
  ourAmount: number | null;
  paymentId: number | null;
  receiptNumber: string | null;
  details: Record<string, unknown>;
  resolvedAt: string | null;
  resolvedByName: string | null;
  resolution: string | null;
}

export interface ReconciliationImport {
  /** The same file for the same partner and day was imported before: this is that import. */
  alreadyImported: boolean;
  reconciliation: ReconciliationHeader;
  totals: ReconciliationTotals;
  /** The exceptions the importer may see. */
  exceptions: ReconciliationExceptionRow[];
}

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());
const num = (v: unknown) => (v == null ? null : Number(v));
const parsedJson = (v: unknown): Record<string, unknown> =>
  (typeof v === 'string' ? JSON.parse(v) : (v ?? {})) as Record<string, unknown>;

/** Partners to pick on the reconciliation screen: code and name only (no secret, no allow-list). */
export async function paymentPartners(db: DbOrTx): Promise<PaymentPartnerOption[]> {
  return rowsOf<Row>(await db.execute(sql`select id, code, name, active from partners order by code`)).map((r) => ({
    id: Number(r.id),
    code: String(r.code),
    name: String(r.name),
    active: r.active === true,
  }));
}

/** The customer an exception belongs to: our payment's, else the one the partner's code names. */
const EXCEPTION_FROM = sql`reconciliation_exceptions e
  join reconciliations r on r.id = e.reconciliation_id
  join partners pa on pa.id = r.partner_id
  left join payments p on p.id = e.payment_id
  left join customers c on c.id = coalesce(p.customer_id,
    (select c2.id from customers c2 where c2.code = e.customer_code))
  left join users ru on ru.id = e.resolved_by`;

/** Which exceptions (aliases of EXCEPTION_FROM) the actor sees. */
function visibleException(actor: Actor): SQL {
  if (actor.isAdmin) return sql`true`;
  const books = booksWithRight(actor, 'payments', 'access') ?? [];
  const editAnywhere = hasRight(actor, 'document', 'payments', 'edit');
  return sql`((c.id is null and ${sql.raw(editAnywhere ? 'true' : 'false')}) or c.book_id = any(${pgArray(books)}::int4[]))`;
}

function toException(r: Row): ReconciliationExceptionRow {
  const paymentId = num(r.payment_id);
  return {
    id: Number(r.id),
    reconciliationId: Number(r.reconciliation_id),
    partnerCode: String(r.partner_code),
    businessDay: String(r.business_day),
    kind: String(r.kind) as ReconciliationExceptionRow['kind'],
    transactionId: String(r.transaction_id),
    customerId: num(r.customer_id),
    customerCode: r.customer_code == null ? null : String(r.customer_code),
    customerName: r.customer_name == null ? null : String(r.customer_name),
    partnerAmount: num(r.partner_amount),
    ourAmount: num(r.our_amount),
    paymentId,
    receiptNumber: paymentId === null ? null : receiptNumber(paymentId),
    details: parsedJson(r.details),
    resolvedAt: r.resolved_at == null ? null : iso(r.resolved_at),
    resolvedByName: r.resolved_by_name == null ? null : String(r.resolved_by_name),
    resolution: r.resolution == null ? null : String(r.resolution),
  };
}

const EXCEPTION_COLUMNS = sql`e.id, e.reconciliation_id, pa.code as partner_code, r.business_day::text as business_day,
  e.kind, e.transaction_id, c.id as customer_id, coalesce(c.code, e.customer_code) as customer_code,
  c.name as customer_name, e.partner_amount, e.our_amount, e.payment_id, e.details, e.resolved_at,
  ru.full_name as resolved_by_name, e.resolution`;

/** The exceptions the actor sees, newest reconciliation first; open ones only unless told otherwise. */
export async function listReconciliationExceptions(
  db: DbOrTx,
  actor: Actor,
  filter: { reconciliationId?: number | null; openOnly?: boolean; limit: number },
): Promise<ReconciliationExceptionRow[]> {
  const where: SQL[] = [visibleException(actor)];
  if (filter.reconciliationId != null) where.push(sql`e.reconciliation_id = ${filter.reconciliationId}`);
  if (filter.openOnly ?? true) where.push(sql`e.resolved_at is null`);
  return rowsOf<Row>(
    await db.execute(sql`select ${EXCEPTION_COLUMNS} from ${EXCEPTION_FROM}
      where ${sql.join(where, sql` and `)}
      order by e.reconciliation_id desc, e.kind, e.transaction_id limit ${filter.limit}`),
  ).map(toException);
}

const HEADER_SQL = sql`select r.id, r.partner_id, pa.code as partner_code, pa.name as partner_name,
    r.business_day::text as business_day, r.file_name, r.file_sha256, r.imported_by, u.full_name as imported_by_name,
    r.imported_at, r.matched, r.exceptions,
    (select count(*) from reconciliation_exceptions x where x.reconciliation_id = r.id and x.resolved_at is null)
      as open_exceptions
  from reconciliations r join partners pa on pa.id = r.partner_id join users u on u.id = r.imported_by`;

function toHeader(r: Row): ReconciliationHeader {
  return {
    id: Number(r.id),
    partnerId: Number(r.partner_id),
    partnerCode: String(r.partner_code),
    partnerName: String(r.partner_name),
    businessDay: String(r.business_day),
    fileName: String(r.file_name),
    fileSha256: String(r.file_sha256),
    importedById: Number(r.imported_by),
    importedByName: String(r.imported_by_name),
    importedAt: iso(r.imported_at),
    matched: Number(r.matched),
    exceptions: Number(r.exceptions),
    openExceptions: Number(r.open_exceptions),
  };
}

/** Reconciliations the actor may list (see the module comment), newest day first. */
export async function listReconciliations(
  db: DbOrTx,
  actor: Actor,
  filter: { partnerId?: number | null; from?: string | null; to?: string | null; limit: number },
): Promise<ReconciliationHeader[]> {
  const where: SQL[] = [];
  if (!actor.isAdmin)
    where.push(sql`(h.imported_by = ${actor.userId} or exists (select 1 from ${EXCEPTION_FROM}
      where e.reconciliation_id = h.id and ${visibleException(actor)}))`);
  if (filter.partnerId != null) where.push(sql`h.partner_id = ${filter.partnerId}`);
  if (filter.from) where.push(sql`h.business_day >= ${filter.from}`);
  if (filter.to) where.push(sql`h.business_day <= ${filter.to}`);
  // Named h outside: EXCEPTION_FROM brings its own r, pa and c into the sub-select.
  const rows = rowsOf<Row>(
    await db.execute(sql`select * from (${HEADER_SQL}) h
      ${where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``}
      order by h.business_day desc, h.id desc limit ${filter.limit}`),
  );
  return rows.map(toHeader);
}

async function header(db: DbOrTx, id: number): Promise<ReconciliationHeader> {
  const [row] = rowsOf<Row>(await db.execute(sql`${HEADER_SQL} where r.id = ${id}`));
  if (!row) throw notFound('lần đối soát');
  return toHeader(row);
}

/** Our side of the day: the partner's payments of the business day, and those of other days the file names. */
async function ledgerSide(
  db: DbOrTx,
  partnerId: number,
  day: string,
  transactionIds: readonly string[],
): Promise<LedgerPayment[]> {
  return rowsOf<Row>(
    await db.execute(sql`select p.id, p.external_id, c.code, p.amount, p.status from payments p
      join customers c on c.id = p.customer_id
      where p.partner_id = ${partnerId}
        and (p.business_day = ${day} or p.external_id = any(${pgArray(transactionIds)}::text[]))`),
  ).map((r) => ({
    paymentId: Number(r.id),
    transactionId: String(r.external_id),
    customerCode: String(r.code),
    amount: Number(r.amount),
    status: r.status === 'reversed' ? 'reversed' : 'posted',
  }));
}

/** Money on our account that day whose description names the partner and that no customer's payment took. */
async function bankSide(db: DbOrTx, partnerCode: string, day: string): Promise<BankCredit[]> {
  const from = new Date(`${day}T00:00:00+07:00`).toISOString();
  const to = new Date(`${shiftDate(day, 1)}T00:00:00+07:00`).toISOString();
  return rowsOf<Row>(
    await db.execute(sql`select id, external_id, amount, description from bank_transactions
      where received_at >= ${from} and received_at < ${to} and status in ('suspense', 'ignored')
        and position(${partnerCode.toUpperCase()} in upper(description)) > 0
      order by id`),
  )
    .filter((r) => namesPartner(String(r.description), partnerCode))
    .map((r) => ({ id: Number(r.id), externalId: String(r.external_id), amount: Number(r.amount) }));
}

function decodeFile(content: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    throw new AppError('INVALID_FILE', 'Tệp đối soát phải là CSV mã hóa UTF-8.');
  }
}

/**
 * Imports a partner's file for a business day: parse (a file with any bad line is refused whole, every problem
 * listed), match three ways, store the reconciliation and its exceptions in one transaction. The same file for the
 * same partner and day answers its first import (unique on partner, day, sha256), concurrently too.
 */
export async function importReconciliation(
  db: DbOrTx,
  actor: Actor,
  input: { partnerId: number; day: string; fileName: string; content: Uint8Array },
  now: Date = new Date(),
): Promise<ReconciliationImport> {
  if (!hasRight(actor, 'document', 'payments', 'edit')) throw forbidden('nhập tệp đối soát của đối tác');
  if (!isCalendarDate(input.day))
    throw new AppError('INVALID_DATE', 'Ngày không hợp lệ: cần một ngày có thật dạng YYYY-MM-DD, năm 1900–2100.');
  if (input.day > todayInVietnam(now))
    throw new AppError('VALIDATION_FAILED', 'Không thể đối soát một ngày chưa đến.', { field: 'day' });
  const [partner] = rowsOf<Row>(await db.execute(sql`select id, code from partners where id = ${input.partnerId}`));
  if (!partner) throw notFound('đối tác');
  if (input.content.byteLength === 0) throw new AppError('EMPTY_FILE', 'Tệp đối soát rỗng.');
  if (input.content.byteLength > RECONCILIATION_MAX_BYTES)
    throw new AppError('FILE_TOO_LARGE', 'Tệp đối soát vượt quá 5 MB.');
  const sha256 = createHash('sha256').update(input.content).digest('hex');
  const { rows, problems } = parsePartnerFile(decodeFile(input.content), { maxRows: MAX_ROWS });
  if (problems.length > 0) {
    const shown = problems
      .slice(0, 10)
      .map((p) => (p.line > 0 ? `Dòng ${p.line}: ${p.message}` : p.message))
      .join('\n');
    throw new AppError(
      'INVALID_FILE',
      `Tệp đối soát có ${problems.length}${problems.length >= 50 ? '+' : ''} lỗi, chưa ghi gì:\n${shown}`,
    );
  }
  const partnerCode = String(partner.code);
  const ours = await ledgerSide(
    db,
    input.partnerId,
    input.day,
    rows.map((r) => r.transactionId),
  );
  const bank = await bankSide(db, partnerCode, input.day);
  const outcome = matchReconciliation(rows, ours, bank);
  const fileName = (input.fileName.trim() || 'doi-soat.csv').slice(0, 200);

  const existing = async () => {
    const [row] = rowsOf<Row>(
      await db.execute(sql`select id from reconciliations where partner_id = ${input.partnerId}
        and business_day = ${input.day} and file_sha256 = ${sha256}`),
    );
    return row ? Number(row.id) : null;
  };
  let id = await existing();
  const alreadyImported = id !== null;
  if (id === null) {
    try {
      id = await db.transaction(async (tx) => {
        const [created] = await tx
          .insert(reconciliations)
          .values({
            partnerId: input.partnerId,
            businessDay: input.day,
            fileName,
            fileSha256: sha256,
            importedBy: actor.userId,
            matched: outcome.matched,
            exceptions: outcome.exceptions.length,
          })
          .returning({ id: reconciliations.id });
        const reconciliationId = created!.id;
        for (let i = 0; i < outcome.exceptions.length; i += INSERT_CHUNK) {
          await tx.insert(reconciliationExceptions).values(
            outcome.exceptions.slice(i, i + INSERT_CHUNK).map((e) => ({
              reconciliationId,
              kind: e.kind,
              transactionId: e.transactionId,
              customerCode: e.customerCode,
              partnerAmount: e.partnerAmount,
              ourAmount: e.ourAmount,
              paymentId: e.paymentId,
              details: e.details,
            })),
          );
        }
        return reconciliationId;
      });
    } catch (error) {
      // The same file sent twice at once: the second insert meets the first's unique key; answer the first.
      if (pgErrorCode(error)?.code !== '23505') throw error;
      id = await existing();
      if (id === null) throw error;
      return answer(db, actor, id, true, outcome.totals);
    }
  }
  return answer(db, actor, id, alreadyImported, outcome.totals);
}

async function answer(
  db: DbOrTx,
  actor: Actor,
  id: number,
  alreadyImported: boolean,
  totals: ReconciliationTotals,
): Promise<ReconciliationImport> {
  return {
    alreadyImported,
    reconciliation: await header(db, id),
    totals,
    exceptions: await listReconciliationExceptions(db, actor, {
      reconciliationId: id,
      openOnly: false,
      limit: MAX_ROWS,
    }),
  };
}

/** A cashier's note closes an exception, once: who, when and what they did are kept. */
export async function resolveReconciliationException(
  db: DbOrTx,
  actor: Actor,
  input: { id: number; resolution: string },
): Promise<ReconciliationExceptionRow> {
  const [row] = rowsOf<Row>(
    await db.execute(sql`select ${EXCEPTION_COLUMNS}, c.book_id from ${EXCEPTION_FROM}
      where e.id = ${input.id} and ${visibleException(actor)}`),
  );
  if (!row) throw notFound('chênh lệch đối soát');
  const mayEdit =
    row.customer_id == null
      ? hasRight(actor, 'document', 'payments', 'edit')
      : canOnBook(actor, Number(row.book_id), 'payments', 'edit');
  if (!mayEdit)
    throw new AppError('BOOK_FORBIDDEN', 'Bạn không có quyền xử lý chênh lệch đối soát của khách hàng này.');
  const resolution = input.resolution.trim();
  if (resolution.length < 3 || resolution.length > 500)
    throw new AppError('VALIDATION_FAILED', 'Ghi cách xử lý (3–500 ký tự).', { field: 'resolution' });
  const updated = rowsOf<Row>(
    await db.execute(sql`update reconciliation_exceptions
      set resolved_by = ${actor.userId}, resolved_at = now(), resolution = ${resolution}
      where id = ${input.id} and resolved_at is null returning id`),
  );
  if (updated.length === 0)
    throw new AppError('RECONCILIATION_ALREADY_RESOLVED', 'Chênh lệch này đã được xử lý trước đó.');
  const [after] = rowsOf<Row>(
    await db.execute(sql`select ${EXCEPTION_COLUMNS} from ${EXCEPTION_FROM} where e.id = ${input.id}`),
  );
  return toException(after!);
}
