/**
 * Khóa số liệu. A period of a book is locked
 *  - implicitly, once a later period of the book has readings (SPEC §2: saving locks automatically), or
 *  - explicitly, by an admin, for one book or for the whole company (book_id 0).
 * Every write of readings, declarations and adjustments goes through assertPeriodsOpen; the billing
 * run refuses explicitly locked periods (a closed period is billed no more).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { periodLocks } from '@/db/schema/readings';
import { pgArray, rowsOf } from '@/db/sql';
import { currentPeriodInVietnam, periodLabel } from '@/domain/billing/periods';
import type { Actor } from '@/services/auth/actor';
import { AppError, forbidden } from '@/services/errors';

/** book_id of a lock on the whole company. */
export const COMPANY_WIDE = 0;

export interface PeriodLockState {
  isLocked: boolean;
  explicit: boolean;
  implicit: boolean;
  /** Vietnamese explanation, null when open. */
  message: string | null;
}

export async function explicitLocks(db: DbOrTx, period: string, bookIds: readonly number[]): Promise<Set<number>> {
  const rows = rowsOf<{ book_id: number }>(
    await db.execute(sql`
      select book_id from period_locks
      where period = ${period} and (book_id = ${COMPANY_WIDE} or book_id = any(${pgArray(bookIds)}::int4[]))`),
  );
  const ids = new Set(rows.map((r) => Number(r.book_id)));
  return ids.has(COMPANY_WIDE) ? new Set([COMPANY_WIDE, ...bookIds]) : ids;
}

/** Books whose later periods already have readings. */
async function implicitLocks(db: DbOrTx, period: string, bookIds: readonly number[]): Promise<Set<number>> {
  if (bookIds.length === 0) return new Set();
  const rows = rowsOf<{ id: number }>(
    await db.execute(sql`
      select b.id from unnest(${pgArray(bookIds)}::int4[]) as b(id)
      where exists (select 1 from readings r where r.book_id = b.id and r.period > ${period})`),
  );
  return new Set(rows.map((r) => Number(r.id)));
}

export async function periodLockState(db: DbOrTx, bookId: number, period: string): Promise<PeriodLockState> {
  const [explicit, implicit] = await Promise.all([
    explicitLocks(db, period, [bookId]),
    implicitLocks(db, period, [bookId]),
  ]);
  const isExplicit = explicit.has(bookId);
  const isImplicit = implicit.has(bookId);
  return {
    isLocked: isExplicit || isImplicit,
    explicit: isExplicit,
    implicit: isImplicit,
    message: lockMessage(period, isExplicit, isImplicit),
  };
}

function lockMessage(period: string, explicit: boolean, implicit: boolean): string | null {
  if (explicit) return `Kỳ ${periodLabel(period)} đã bị khóa số liệu.`;
  if (implicit) return `Kỳ ${periodLabel(period)} đã khóa vì kỳ sau đã có số liệu.`;
  return null;
}

/** Refuses a period after the current one: a reading typed in the wrong year would lock every period before it. */
export function assertNotFuture(period: string, now: Date = new Date()): void {
  if (period > currentPeriodInVietnam(now)) {
    throw new AppError('FUTURE_PERIOD', `Kỳ ${periodLabel(period)} chưa đến.`, { field: 'period' });
  }
}

/** Locked books among those given, with the Vietnamese reason. */
export async function lockedBooks(
  db: DbOrTx,
  period: string,
  bookIds: readonly number[],
): Promise<Map<number, string>> {
  const books = [...new Set(bookIds)];
  const [explicit, implicit] = await Promise.all([explicitLocks(db, period, books), implicitLocks(db, period, books)]);
  const out = new Map<number, string>();
  for (const b of books) {
    const message = lockMessage(period, explicit.has(b), implicit.has(b));
    if (message) out.set(b, message);
  }
  return out;
}

/** Throws PERIOD_LOCKED unless the period is open for every book given. */
export async function assertPeriodsOpen(db: DbOrTx, period: string, bookIds: readonly number[]): Promise<void> {
  const [first] = (await lockedBooks(db, period, bookIds)).values();
  if (first) throw new AppError('PERIOD_LOCKED', first, { field: 'period' });
}

function assertAdmin(actor: Actor): void {
  if (!actor.isAdmin) throw forbidden('khóa hoặc mở khóa số liệu');
}

export interface PeriodLockRow {
  period: string;
  bookId: number;
  bookCode: string | null;
  lockedAt: string;
  lockedBy: string | null;
}

/** Explicit locks applying to a book (its own and the company-wide ones), newest period first. */
export async function listPeriodLocks(
  db: DbOrTx,
  input: { bookId: number; period?: string | null },
): Promise<PeriodLockRow[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select l.period, l.book_id, b.code as book_code, l.locked_at, u.login
      from period_locks l left join reading_books b on b.id = l.book_id left join users u on u.id = l.locked_by
      where l.book_id in (${COMPANY_WIDE}, ${input.bookId}) ${input.period ? sql`and l.period = ${input.period}` : sql``}
      order by l.period desc, l.book_id`),
  );
  return rows.map((r) => ({
    period: String(r.period),
    bookId: Number(r.book_id),
    bookCode: (r.book_code as string | null) ?? null,
    lockedAt: r.locked_at instanceof Date ? r.locked_at.toISOString() : String(r.locked_at),
    lockedBy: (r.login as string | null) ?? null,
  }));
}

/** Admins only. bookId omitted or 0: the whole company. Locking twice is harmless. */
export async function lockPeriod(
  db: DbOrTx,
  actor: Actor,
  input: { period: string; bookId?: number | null },
): Promise<PeriodLockState> {
  assertAdmin(actor);
  const bookId = input.bookId ?? COMPANY_WIDE;
  await db.insert(periodLocks).values({ period: input.period, bookId, lockedBy: actor.userId }).onConflictDoNothing();
  return { isLocked: true, explicit: true, implicit: false, message: lockMessage(input.period, true, false) };
}

export async function unlockPeriod(
  db: DbOrTx,
  actor: Actor,
  input: { period: string; bookId?: number | null },
): Promise<boolean> {
  assertAdmin(actor);
  const deleted = await db
    .delete(periodLocks)
    .where(and(eq(periodLocks.period, input.period), eq(periodLocks.bookId, input.bookId ?? COMPANY_WIDE)))
    .returning({ period: periodLocks.period });
  return deleted.length > 0;
}
