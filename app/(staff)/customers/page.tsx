import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { getRequestContext } from '@/app/server/request-context';
import {
  BOOK_COOKIE,
  BookCustomersQuery,
  BookOptionFragment,
  CustomerBooksQuery,
  CustomerCatalogsQuery,
  bookVariables,
} from '@/components/customers/customer-documents';
import type { CustomerRights } from '@/components/customers/customer-rights';
import { CustomersScreen } from '@/components/customers/customers-screen';
import { readFragment } from '@/lib/graphql/graphql';
import { prefetch } from '@/lib/graphql/prefetch';
import { canOnBook } from '@/services/auth/actor';

export const metadata: Metadata = { title: 'Khách hàng' };

function firstInt(v: string | string[] | undefined): number | null {
  const s = Array.isArray(v) ? v[0] : v;
  const n = Number(s);
  return s && Number.isSafeInteger(n) && n > 0 ? n : null;
}

/**
 * Customers of a reading book. The books, the catalogs and the open book's rows are read on the server through
 * the same documents and the same actor, so the screen opens with rows; the client cache takes them over
 * (useHydrate). The rights handed to the client only enable/disable buttons; every query and mutation checks
 * them again on the server.
 */
export default async function CustomersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await getRequestContext();
  const actor = ctx.actor;
  if (!actor) redirect('/login?callbackUrl=/customers');
  const sp = await searchParams;
  const rights: CustomerRights = { isAdmin: actor.isAdmin, books: {} };
  if (!actor.isAdmin && actor.books) {
    for (const bookId of actor.books.keys()) {
      rights.books[bookId] = {
        add: canOnBook(actor, bookId, 'customers', 'add'),
        edit: canOnBook(actor, bookId, 'customers', 'edit'),
        delete: canOnBook(actor, bookId, 'customers', 'delete'),
        export: canOnBook(actor, bookId, 'customers', 'export'),
      };
    }
  }

  const [books, catalogs] = await Promise.all([
    prefetch(ctx, CustomerBooksQuery, {}),
    prefetch(ctx, CustomerCatalogsQuery, {}),
  ]);
  const held = books.data ? readFragment(BookOptionFragment, books.data.readingBooks.rows) : [];
  // The book asked for in the address, else the one the clerk had open last time, else their first book.
  const remembered = firstInt((await cookies()).get(BOOK_COOKIE)?.value);
  const bookId =
    [firstInt(sp.book), remembered].find((id) => id !== null && held.some((b) => b.id === id)) ?? held[0]?.id ?? null;
  const rows = bookId === null ? null : await prefetch(ctx, BookCustomersQuery, bookVariables(bookId));

  return (
    <CustomersScreen
      rights={rights}
      initialBookId={bookId}
      initialCustomerId={firstInt(sp.customer)}
      initialData={{ ...books.ssr, ...catalogs.ssr, ...rows?.ssr }}
    />
  );
}
