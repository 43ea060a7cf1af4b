/**
 * What a billing run covers (one or several books, the whole company, one customer) and who may run or
 * see it: the document right "billing" on every book concerned.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { rowsOf } from '@/db/sql';
import type { Right } from '@/domain/auth/permissions';
import { type Actor, booksWithRight, canOnBook } from '@/services/auth/actor';
import { AppError, notFound } from '@/services/errors';
import type { Scalar } from './bulk-sql';

export type BillingScope =
  { kind: 'all' } | { kind: 'books'; bookIds: number[] } | { kind: 'customer'; customerId: number };

const refused = () => new AppError('BOOK_FORBIDDEN', 'Bạn không có quyền tính hóa đơn trên các sổ đọc này.');

async function allBookIds(db: DbOrTx): Promise<number[]> {
  return rowsOf<{ id: number }>(await db.execute(sql`select id from reading_books order by id`)).map((r) =>
    Number(r.id),
  );
}

/**
 * The books a scope covers, after checking the actor holds `right` on each. The whole company needs the
 * right on every book of the company (admins hold all).
 */
export async function booksOfScope(db: DbOrTx, actor: Actor, scope: BillingScope, right: Right): Promise<number[]> {
  if (scope.kind === 'books') {
    if (scope.bookIds.some((b) => !canOnBook(actor, b, 'billing', right))) throw refused();
    return [...new Set(scope.bookIds)];
  }
  if (scope.kind === 'customer') {
    const [c] = rowsOf<{ book_id: number }>(
      await db.execute(sql`select book_id from customers where id = ${scope.customerId}`),
    );
    if (!c || !canOnBook(actor, Number(c.book_id), 'billing', 'access')) throw notFound('khách hàng');
    if (!canOnBook(actor, Number(c.book_id), 'billing', right)) throw refused();
    return [Number(c.book_id)];
  }
  const books = await allBookIds(db);
  const allowed = booksWithRight(actor, 'billing', right);
  if (allowed !== null) {
    const mine = new Set(allowed);
    if (books.some((b) => !mine.has(b))) throw refused();
  }
  return books;
}

/** SQL condition on `customers c` (text form, parameters from `first`). */
export function scopeCondition(scope: BillingScope, first: number): { text: string; params: Scalar[] } {
  if (scope.kind === 'all') return { text: 'true', params: [] };
  if (scope.kind === 'customer') return { text: `c.id = $${first}::int4`, params: [scope.customerId] };
  return { text: `c.book_id = any($${first}::int4[])`, params: [`{${scope.bookIds.join(',')}}`] };
}
