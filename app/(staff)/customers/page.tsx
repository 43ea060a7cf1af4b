import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getRequestContext } from '@/app/server/request-context';
import { CustomersScreen, type CustomerRights } from '@/components/customers/customers-screen';
import { canOnBook } from '@/services/auth/actor';

export const metadata: Metadata = { title: 'Khách hàng' };

function firstInt(v: string | string[] | undefined): number | null {
  const s = Array.isArray(v) ? v[0] : v;
  const n = Number(s);
  return s && Number.isSafeInteger(n) && n > 0 ? n : null;
}

/**
 * Customers of a reading book. The rights handed to the client only enable/disable buttons; every query and
 * mutation checks them again on the server.
 */
export default async function CustomersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
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
  return <CustomersScreen rights={rights} initialBookId={firstInt(sp.book)} initialCustomerId={firstInt(sp.customer)} />;
}
