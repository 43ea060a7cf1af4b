/**
 * Billing runs (SPEC §3): started for a period over one book, several books, the whole company or one
 * customer; read back with progress and the end summary (customers, invoices, m3, amount, and the
 * customers skipped with their reason). Running them is billing-executor.ts; starting them in the
 * background is jobs/billing-runs.ts.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { billingRuns } from '@/db/schema/billing';
import { pgArray, rowsOf } from '@/db/sql';
import { periodLabel } from '@/domain/billing/periods';
import { SKIP_REASON_LABELS, type SkipReason } from '@/domain/billing/skip-reasons';
import type { BillWarning } from '@/domain/tariff/types';
import { type Actor, booksWithRight, canOnBook } from '@/services/auth/actor';
import { AppError, notFound } from '@/services/errors';
import { assertNotFuture, COMPANY_WIDE } from '@/services/readings/period-lock.service';
import { booksOfScope, scopeCondition, type BillingScope } from './billing-scope';
import { drizzleRunner } from './bulk-sql';
import { jsonWarnings } from './invoice.service';

export type BillingRunRow = typeof billingRuns.$inferSelect;

export interface StartBillingRunInput {
  period: string;
  scope: BillingScope;
}

/** Refuses periods an admin locked (explicit locks: the company, or any book of the scope). */
async function assertNotLocked(db: DbOrTx, period: string, bookIds: readonly number[]): Promise<void> {
  const rows = rowsOf<{ book_id: number; code: string | null }>(
    await db.execute(sql`
      select l.book_id, b.code from period_locks l left join reading_books b on b.id = l.book_id
      where l.period = ${period} and (l.book_id = ${COMPANY_WIDE} or l.book_id = any(${pgArray(bookIds)}::int4[]))
      order by l.book_id`),
  );
  const first = rows[0];
  if (!first) return;
  const what = Number(first.book_id) === COMPANY_WIDE ? 'toàn công ty' : `sổ ${rows.map((r) => r.code).join(', ')}`;
  throw new AppError('PERIOD_LOCKED', `Kỳ ${periodLabel(period)} đã khóa số liệu (${what}): không tính lại hóa đơn.`, {
    field: 'period',
  });
}

async function countCustomers(db: DbOrTx, scope: BillingScope): Promise<number> {
  const cond = scopeCondition(scope, 1);
  const [r] = await drizzleRunner(db).run(
    `select count(*)::int8 as n from customers c where ${cond.text}`,
    cond.params,
  );
  return Number(r?.n ?? 0);
}

/** Creates the run (status queued) after checking rights and locks; nothing is computed yet. */
export async function createBillingRun(db: DbOrTx, actor: Actor, input: StartBillingRunInput): Promise<BillingRunRow> {
  const scope = normaliseScope(input.scope);
  const books = await booksOfScope(db, actor, scope, scope.kind === 'customer' ? 'edit' : 'add');
  assertNotFuture(input.period);
  await assertNotLocked(db, input.period, books);
  const [row] = await db
    .insert(billingRuns)
    .values({
      period: input.period,
      scope,
      status: 'queued',
      totalCustomers: await countCustomers(db, scope),
      startedBy: actor.userId,
    })
    .returning();
  return row!;
}

function normaliseScope(scope: BillingScope): BillingScope {
  if (scope.kind === 'books') {
    const bookIds = [...new Set(scope.bookIds)].sort((a, b) => a - b);
    if (bookIds.length === 0) throw new AppError('VALIDATION_FAILED', 'Chọn ít nhất một sổ đọc.', { field: 'bookIds' });
    return { kind: 'books', bookIds };
  }
  return scope;
}

async function loadRun(db: DbOrTx, id: number): Promise<BillingRunRow> {
  const [row] = await db
    .select()
    .from(billingRuns)
    .where(sql`${billingRuns.id} = ${id}`)
    .limit(1);
  if (!row) throw notFound('lần tính hóa đơn');
  return row;
}

/**
 * SQL condition on `billing_runs`: the actor may access billing on every book the run covers (a run over the
 * whole company needs every book). Evaluated in the query so a list of runs costs one statement, not one per run.
 */
function runVisibleTo(actor: Actor): SQL {
  const allowed = booksWithRight(actor, 'billing', 'access');
  if (allowed === null) return sql`true`;
  const mine = sql`${pgArray(allowed)}::int[]`;
  return sql`(case ${billingRuns.scope}->>'kind'
    when 'books' then (${billingRuns.scope}->'bookIds') <@ to_jsonb(${mine})
    when 'customer' then exists (select 1 from customers vc where vc.id = (${billingRuns.scope}->>'customerId')::int and vc.book_id = any(${mine}))
    when 'all' then not exists (select 1 from reading_books vb where vb.id <> all(${mine}))
    else false end)`;
}

/** A run, if the actor may access billing on every book it covers (otherwise reported as missing); one statement. */
export async function getBillingRun(db: DbOrTx, actor: Actor, id: number): Promise<BillingRunRow> {
  const [row] = await db
    .select()
    .from(billingRuns)
    .where(sql`${billingRuns.id} = ${id} and ${runVisibleTo(actor)}`)
    .limit(1);
  if (!row) throw notFound('lần tính hóa đơn');
  return row;
}

/** Runs that covered a book (the whole company, a list holding it, or one of its customers), newest first; one statement. */
export async function listBillingRuns(
  db: DbOrTx,
  actor: Actor,
  input: { bookId: number; period?: string | null; limit?: number | null },
): Promise<BillingRunRow[]> {
  if (!canOnBook(actor, input.bookId, 'billing', 'access'))
    throw new AppError('BOOK_FORBIDDEN', 'Bạn không có quyền trên sổ đọc này.');
  // a run over more books than the actor holds (the whole company) stays hidden
  return db
    .select()
    .from(billingRuns)
    .where(
      sql`(${billingRuns.scope}->>'kind' = 'all'
        or (${billingRuns.scope}->>'kind' = 'books' and ${billingRuns.scope}->'bookIds' @> to_jsonb(${input.bookId}::int))
        or (${billingRuns.scope}->>'kind' = 'customer'
            and exists (select 1 from customers c where c.id = (${billingRuns.scope}->>'customerId')::int and c.book_id = ${input.bookId})))
        and ${runVisibleTo(actor)}
        ${input.period ? sql`and ${billingRuns.period} = ${input.period}` : sql``}`,
    )
    .orderBy(sql`${billingRuns.id} desc`)
    .limit(Math.min(Math.max(input.limit ?? 50, 1), 500));
}

export interface SkipSummary {
  reason: SkipReason;
  label: string;
  count: number;
}

/**
 * Skipped customers by reason for several runs in one statement (the run history shows a summary per run, and
 * GraphQL batches the runs of one response through this).
 */
export async function summariseSkipsOfRuns(db: DbOrTx, runIds: readonly number[]): Promise<Map<number, SkipSummary[]>> {
  const out = new Map<number, SkipSummary[]>(runIds.map((id) => [id, []]));
  if (runIds.length === 0) return out;
  const rows = rowsOf<{ run_id: number; reason: string; n: number }>(
    await db.execute(sql`select run_id, reason, count(*)::int8 as n from billing_run_skips
      where run_id = any(${pgArray([...new Set(runIds)])}::int4[])
      group by run_id, reason order by run_id, count(*) desc, reason`),
  );
  for (const r of rows) {
    const reason = r.reason as SkipReason;
    out.get(Number(r.run_id))?.push({ reason, label: SKIP_REASON_LABELS[reason] ?? r.reason, count: Number(r.n) });
  }
  return out;
}

export interface SkippedCustomer {
  customerId: number;
  customerCode: string;
  customerName: string;
  bookCode: string;
  sequenceNo: number;
  reason: SkipReason;
  reasonLabel: string;
}

/** The customers a run skipped, in book and sequence order (the end-of-run list to work through). */
export async function listRunSkips(
  db: DbOrTx,
  actor: Actor,
  input: { runId: number; reason?: string | null; offset?: number | null; limit?: number | null },
): Promise<{ rows: SkippedCustomer[]; total: number }> {
  await getBillingRun(db, actor, input.runId);
  // A customer moved out of the run's books since belongs to its new book's holders: list only customers the actor holds now.
  const books = booksWithRight(actor, 'billing', 'access');
  const where = sql`s.run_id = ${input.runId} ${input.reason ? sql`and s.reason = ${input.reason}` : sql``}
    ${books !== null ? sql`and c.book_id = any(${pgArray(books)}::int4[])` : sql``}`;
  const limit = Math.min(Math.max(input.limit ?? 500, 1), 5000);
  const [rows, count] = await Promise.all([
    db.execute(sql`
      select s.customer_id, c.code, c.name, b.code as book_code, c.sequence_no, s.reason
      from billing_run_skips s join customers c on c.id = s.customer_id join reading_books b on b.id = c.book_id
      where ${where}
      order by b.code, c.sequence_no, c.id offset ${Math.max(input.offset ?? 0, 0)} limit ${limit}`),
    db.execute(
      sql`select count(*)::int8 as n from billing_run_skips s join customers c on c.id = s.customer_id where ${where}`,
    ),
  ]);
  return {
    total: Number(rowsOf<{ n: number }>(count)[0]?.n ?? 0),
    rows: rowsOf<Record<string, unknown>>(rows).map((r) => ({
      customerId: Number(r.customer_id),
      customerCode: String(r.code),
      customerName: String(r.name),
      bookCode: String(r.book_code),
      sequenceNo: Number(r.sequence_no),
      reason: r.reason as SkipReason,
      reasonLabel: SKIP_REASON_LABELS[r.reason as SkipReason] ?? String(r.reason),
    })),
  };
}

export interface BilledWithWarnings {
  customerId: number;
  customerCode: string;
  customerName: string;
  bookCode: string;
  sequenceNo: number;
  invoiceId: number;
  invoiceKind: string;
  warnings: BillWarning[];
}

/**
 * Customers a run billed on an assumption a person should check (e.g. 0 persons billed as 1), next to the skip
 * list: the run's invoices whose engine warnings are not empty (an invoice recalculated by a later run moves to it).
 */
export async function listRunWarnings(
  db: DbOrTx,
  actor: Actor,
  input: { runId: number; offset?: number | null; limit?: number | null },
): Promise<{ rows: BilledWithWarnings[]; total: number }> {
  await getBillingRun(db, actor, input.runId);
  const books = booksWithRight(actor, 'billing', 'access');
  // Same predicate as the partial index invoices_with_warnings.
  const where = sql`i.run_id = ${input.runId} and i.warnings <> '[]'::jsonb
    ${books !== null ? sql`and c.book_id = any(${pgArray(books)}::int4[])` : sql``}`;
  const limit = Math.min(Math.max(input.limit ?? 500, 1), 5000);
  const [rows, count] = await Promise.all([
    db.execute(sql`
      select i.id, i.kind, i.customer_id, c.code, c.name, b.code as book_code, c.sequence_no, i.warnings
      from invoices i join customers c on c.id = i.customer_id join reading_books b on b.id = c.book_id
      where ${where}
      order by b.code, c.sequence_no, c.id, i.kind offset ${Math.max(input.offset ?? 0, 0)} limit ${limit}`),
    db.execute(sql`select count(*)::int8 as n from invoices i join customers c on c.id = i.customer_id where ${where}`),
  ]);
  return {
    total: Number(rowsOf<{ n: number }>(count)[0]?.n ?? 0),
    rows: rowsOf<Record<string, unknown>>(rows).map((r) => ({
      customerId: Number(r.customer_id),
      customerCode: String(r.code),
      customerName: String(r.name),
      bookCode: String(r.book_code),
      sequenceNo: Number(r.sequence_no),
      invoiceId: Number(r.id),
      invoiceKind: String(r.kind),
      warnings: jsonWarnings(r.warnings),
    })),
  };
}

/** Makes a failed or interrupted run resumable: it continues after its last written chunk. */
export async function prepareResume(db: DbOrTx, actor: Actor, id: number): Promise<BillingRunRow> {
  const run = await loadRun(db, id);
  const books = await booksOfScope(db, actor, run.scope, run.scope.kind === 'customer' ? 'edit' : 'add');
  if (run.status === 'done') throw new AppError('RUN_FINISHED', 'Lần tính hóa đơn này đã xong.');
  await assertNotLocked(db, run.period, books);
  return run;
}
