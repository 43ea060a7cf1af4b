import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getRequestContext } from '@/app/server/request-context';
import { BillingScreen, type BillingRights } from '@/components/billing/billing-screen';
import { canOnBook } from '@/services/auth/actor';

export const metadata: Metadata = { title: 'Tính hóa đơn' };

/**
 * The month's billing run (SPEC §3) for one book, several books, the whole company or one customer. The
 * rights handed to the client only enable the choices; startBillingRun checks every book of the scope.
 */
export default async function BillingPage() {
  const ctx = await getRequestContext();
  const actor = ctx.actor;
  if (!actor) redirect('/login?callbackUrl=/billing');
  const rights: BillingRights = { isAdmin: actor.isAdmin, books: {} };
  if (!actor.isAdmin && actor.books) {
    for (const bookId of actor.books.keys()) {
      rights.books[bookId] = {
        access: canOnBook(actor, bookId, 'billing', 'access'),
        add: canOnBook(actor, bookId, 'billing', 'add'),
        edit: canOnBook(actor, bookId, 'billing', 'edit'),
      };
    }
  }
  return <BillingScreen rights={rights} />;
}
