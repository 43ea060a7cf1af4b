import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getRequestContext } from '@/app/server/request-context';
import { counterBooks } from '@/components/payments/counter-rights';
import { CounterScreen } from '@/components/payments/counter-screen';
import { CounterBooksQuery, CounterSheetQuery, counterSheetVariables } from '@/components/payments/payments.documents';
import { currentPeriod, isPeriod } from '@/components/readings/format';
import { prefetch } from '@/lib/graphql/prefetch';
import { paymentRightsOf } from './rights';

export const metadata: Metadata = { title: 'Thu tiền tại quầy' };

function first(v: string | string[] | undefined): string | null {
  const s = Array.isArray(v) ? v[0] : v;
  return s ? s : null;
}

/**
 * Thu tiền tại quầy (SPEC §5): a book's issued invoices of a month, the amounts typed and saved as one transaction.
 * The books and the starting book's sheet are read here with the request's actor, so the screen opens with its rows;
 * `?book=` and `?period=` open another book or month.
 */
export default async function CounterPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await getRequestContext();
  const actor = ctx.actor;
  if (!actor) redirect('/login?callbackUrl=/payments/counter');
  const sp = await searchParams;
  const rights = paymentRightsOf(actor);
  const maxPeriod = currentPeriod();
  const asked = first(sp.period);
  const period = isPeriod(asked) && asked <= maxPeriod ? asked : maxPeriod;

  const books = await prefetch(ctx, CounterBooksQuery, {});
  const held = books.data ? counterBooks(rights, books.data.readingBooks.rows) : [];
  const askedBook = Number(first(sp.book));
  const bookId = held.find((b) => b.id === askedBook)?.id ?? held[0]?.id ?? null;
  const sheet = bookId === null ? null : await prefetch(ctx, CounterSheetQuery, counterSheetVariables(bookId, period));
  return (
    <CounterScreen
      rights={rights}
      initialBookId={bookId}
      initialPeriod={period}
      initialData={{ ...books.ssr, ...sheet?.ssr }}
    />
  );
}
