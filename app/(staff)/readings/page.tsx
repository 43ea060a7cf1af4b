import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getRequestContext } from '@/app/server/request-context';
import { ReadingsScreen, type ReadingRights } from '@/components/readings/readings-screen';
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
export default async function ReadingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
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
  const book = Number(first(sp.book));
  const period = first(sp.period);
  const customer = first(sp.customer);
  return (
    <ReadingsScreen
      rights={rights}
      initialBookId={Number.isSafeInteger(book) && book > 0 ? book : null}
      initialPeriod={period && /^\d{4}-(0[1-9]|1[0-2])$/.test(period) ? period : null}
      initialCustomer={customer && /^[A-Za-z0-9_-]{1,32}$/.test(customer) ? customer : null}
    />
  );
}
