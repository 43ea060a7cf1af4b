import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getRequestContext } from '@/app/server/request-context';
import { invoiceBooks } from '@/components/invoices/invoice-rights';
import { BookInvoicesQuery, InvoiceBooksQuery, bookInvoicesVariables } from '@/components/invoices/invoices.documents';
import { InvoicesScreen } from '@/components/invoices/invoices-screen';
import { currentPeriod, isPeriod } from '@/components/readings/format';
import { prefetch } from '@/lib/graphql/prefetch';
import { invoiceRightsOf } from './rights';

export const metadata: Metadata = { title: 'Hóa đơn' };

function first(v: string | string[] | undefined): string | null {
  const s = Array.isArray(v) ? v[0] : v;
  return s ? s : null;
}

/**
 * A book's invoices of a period (SPEC §9): issue, print, cancel, replace, adjust. The books and the starting book's
 * invoices are read here with the request's actor, so the screen opens with its rows; the client cache takes them
 * over (useHydrate). `?book=` and `?period=` open another book or month.
 */
export default async function InvoicesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await getRequestContext();
  const actor = ctx.actor;
  if (!actor) redirect('/login?callbackUrl=/invoices');
  const sp = await searchParams;
  const rights = invoiceRightsOf(actor);
  const maxPeriod = currentPeriod();
  const asked = first(sp.period);
  const period = isPeriod(asked) && asked <= maxPeriod ? asked : maxPeriod;

  const books = await prefetch(ctx, InvoiceBooksQuery, {});
  const held = books.data ? invoiceBooks(rights, books.data.readingBooks.rows) : [];
  const askedBook = Number(first(sp.book));
  const bookId = held.find((b) => b.id === askedBook)?.id ?? held[0]?.id ?? null;
  const invoices =
    bookId === null ? null : await prefetch(ctx, BookInvoicesQuery, bookInvoicesVariables(bookId, period));
  return (
    <InvoicesScreen
      rights={rights}
      initialBookId={bookId}
      initialPeriod={period}
      initialData={{ ...books.ssr, ...invoices?.ssr }}
    />
  );
}
