import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getRequestContext } from '@/app/server/request-context';
import { collectorScreenBooks } from '@/components/payments/collector-rights';
import { CollectorScreen } from '@/components/payments/collector-screen';
import { BookCollectorsQuery, CollectorReadingBooksQuery } from '@/components/payments/collectors.documents';
import { todayVN } from '@/components/readings/format';
import { prefetch } from '@/lib/graphql/prefetch';
import { collectorRightsOf } from './rights';

export const metadata: Metadata = { title: 'Thu ngân viên' };

function first(v: string | string[] | undefined): string | null {
  const s = Array.isArray(v) ? v[0] : v;
  return s ? s : null;
}

/**
 * Thu ngân viên (SPEC §5: collectors' money is settled): assign books to collectors, and a collector's day with what
 * was recorded, what was handed in and the difference, confirmed by a cashier and then locked. The books and the
 * starting book's collectors are read here with the request's actor; `?book=` and `?day=` open another.
 */
export default async function CollectorsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await getRequestContext();
  const actor = ctx.actor;
  if (!actor) redirect('/login?callbackUrl=/payments/collectors');
  const sp = await searchParams;
  const rights = collectorRightsOf(actor);
  const today = todayVN();
  const askedDay = first(sp.day);
  const day = askedDay && /^\d{4}-\d{2}-\d{2}$/.test(askedDay) && askedDay <= today ? askedDay : today;

  const books = await prefetch(ctx, CollectorReadingBooksQuery, {});
  const held = books.data ? collectorScreenBooks(rights, books.data.readingBooks.rows) : [];
  const askedBook = Number(first(sp.book));
  const bookId = held.find((b) => b.id === askedBook)?.id ?? held[0]?.id ?? null;
  const collectors = bookId === null ? null : await prefetch(ctx, BookCollectorsQuery, { bookId });
  return (
    <CollectorScreen
      rights={rights}
      initialBookId={bookId}
      initialDay={day}
      initialData={{ ...books.ssr, ...collectors?.ssr }}
    />
  );
}
