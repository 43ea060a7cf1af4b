import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { customers } from '@/db/schema/customers';
import type { Right } from '@/domain/auth/permissions';
import { type Actor, canOnBook } from '@/services/auth/actor';
import { AppError, forbidden, notFound } from '@/services/errors';

/** Readings rights are checked on the book: the one gate of this area. */
export function assertReadingsRight(actor: Actor, bookId: number, right: Right): void {
  if (!canOnBook(actor, bookId, 'readings', right))
    throw new AppError('BOOK_FORBIDDEN', 'Bạn không có quyền trên sổ đọc này.');
}

/**
 * The customer's (current) book after checking the actor may `right` readings on it. A customer in a book the
 * actor cannot even read is reported as missing — as the missing `what` the caller was looking up (a
 * suspension, an adjustment …) — so ids reveal nothing.
 */
export async function bookOfCustomer(
  db: DbOrTx,
  actor: Actor,
  customerId: number,
  right: Right,
  what = 'khách hàng',
): Promise<number> {
  const [c] = await db
    .select({ bookId: customers.bookId })
    .from(customers)
    .where(eq(customers.id, customerId))
    .limit(1);
  if (!c || !canOnBook(actor, c.bookId, 'readings', 'access')) throw notFound(what);
  if (!canOnBook(actor, c.bookId, 'readings', right)) throw forbidden();
  return c.bookId;
}
