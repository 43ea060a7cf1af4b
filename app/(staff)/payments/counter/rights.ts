import 'server-only';
import type { PaymentRights } from '@/components/payments/counter-rights';
import { canOnBook, type Actor } from '@/services/auth/actor';

/** The payments rights of each book the user holds, as the API applies them (services/payments/counter.service.ts). */
export function paymentRightsOf(actor: Actor): PaymentRights {
  const rights: PaymentRights = { isAdmin: actor.isAdmin, books: {} };
  if (actor.isAdmin || !actor.books) return rights;
  for (const bookId of actor.books.keys()) {
    const on = (right: 'access' | 'add' | 'delete' | 'print') => canOnBook(actor, bookId, 'payments', right);
    rights.books[bookId] = { access: on('access'), add: on('add'), delete: on('delete'), print: on('print') };
  }
  return rights;
}
