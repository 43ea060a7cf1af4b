import 'server-only';
import type { CollectorRights } from '@/components/payments/collector-rights';
import { canOnBook, type Actor } from '@/services/auth/actor';

/** The payments rights of each book the user holds, as services/payments/collector.service.ts applies them. */
export function collectorRightsOf(actor: Actor): CollectorRights {
  const rights: CollectorRights = { isAdmin: actor.isAdmin, userId: actor.userId, books: {} };
  if (actor.isAdmin || !actor.books) return rights;
  for (const bookId of actor.books.keys())
    rights.books[bookId] = {
      access: canOnBook(actor, bookId, 'payments', 'access'),
      edit: canOnBook(actor, bookId, 'payments', 'edit'),
    };
  return rights;
}
