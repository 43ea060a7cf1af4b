import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getRequestContext } from '@/app/server/request-context';
import { billingBooks, firstBook, type BillingRights } from '@/components/billing/billing-rights';
import { BillingBooksQuery, BillingRunsQuery, runsVariables } from '@/components/billing/billing.documents';
import { BillingScreen } from '@/components/billing/billing-screen';
import { prefetch } from '@/lib/graphql/prefetch';
import { canOnBook } from '@/services/auth/actor';

export const metadata: Metadata = { title: 'Tính hóa đơn' };

/**
 * The month's billing run (SPEC §3) for one book, several books, the whole company or one customer. The
 * rights handed to the client only enable the choices; startBillingRun checks every book of the scope.
 * The books and the first book's runs are read on the server with the request's actor, so the screen opens
 * with them; the client cache takes them over (useHydrate).
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
  const books = await prefetch(ctx, BillingBooksQuery, {});
  const first = books.data ? firstBook(rights, billingBooks(rights, books.data.readingBooks.rows)) : undefined;
  const runs = first ? await prefetch(ctx, BillingRunsQuery, runsVariables(first.id)) : null;
  return <BillingScreen rights={rights} initialData={{ ...books.ssr, ...runs?.ssr }} />;
}
