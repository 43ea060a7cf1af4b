import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { getRequestContext } from '@/app/server/request-context';
import { currentPeriod } from '@/components/readings/format';
import {
  ReadingBookFragment,
  ReadingBooksQuery,
  ReadingSheetQuery,
  sheetVariables,
} from '@/components/readings/readings.documents';
import { ReadingsScreen, type ReadingRights } from '@/components/readings/readings-screen';
import { readFragment } from '@/lib/graphql/graphql';
import { prefetch } from '@/lib/graphql/prefetch';
import { canOnBook } from '@/services/auth/actor';

export const metadata: Metadata = { title: 'Ghi chỉ số' };

function first(v: string | string[] | undefined): string | null {
  const s = Array.isArray(v) ? v[0] : v;
  return s ? s : null;
}

/**
 * Reading entry for a book and period (SPEC §2). The rights handed to the client only enable inputs and
 * buttons; every query and mutation checks them again on the server.
 */
export default async function ReadingsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await getRequestContext();
  const actor = ctx.actor;
  if (!actor) redirect('/login?callbackUrl=/readings');
  const sp = await searchParams;
  const rights: ReadingRights = { isAdmin: actor.isAdmin, books: {} };
  if (!actor.isAdmin && actor.books) {
    for (const bookId of actor.books.keys()) {
      rights.books[bookId] = {
        add: canOnBook(actor, bookId, 'readings', 'add'),
        edit: canOnBook(actor, bookId, 'readings', 'edit'),
        delete: canOnBook(actor, bookId, 'readings', 'delete'),
      };
    }
  }
  const asked = Number(first(sp.book));
  const remembered = Number((await cookies()).get('readings.bookId')?.value);
  const askedPeriod = first(sp.period);
  const customer = first(sp.customer);
  const maxPeriod = currentPeriod();
  const period =
    askedPeriod && /^\d{4}-(0[1-9]|1[0-2])$/.test(askedPeriod) && askedPeriod <= maxPeriod ? askedPeriod : null;

  // The books and the starting book's sheet run here, in-process with the request's actor, so the screen opens
  // with its rows; the client cache takes both over (useHydrate). The starting book is the address's, else the
  // one remembered in the cookie, else the first the user holds, as the screen would choose.
  const books = await prefetch(ctx, ReadingBooksQuery, {});
  const held = books.data ? readFragment(ReadingBookFragment, books.data.readingBooks.rows) : [];
  const bookId = [asked, remembered].find((id) => held.some((b) => b.id === id)) ?? held[0]?.id ?? null;
  const sheet =
    bookId === null ? null : await prefetch(ctx, ReadingSheetQuery, sheetVariables(bookId, period ?? maxPeriod));
  return (
    <ReadingsScreen
      rights={rights}
      initialBookId={bookId}
      initialPeriod={period}
      initialCustomer={customer && /^[A-Za-z0-9_-]{1,32}$/.test(customer) ? customer : null}
      initialData={{ ...books.ssr, ...sheet?.ssr }}
    />
  );
}
