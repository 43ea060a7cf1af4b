import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getRequestContext } from '@/app/server/request-context';
import { AnomalyQueueScreen } from '@/components/readings/anomaly-queue-screen';
import { currentPeriod } from '@/components/readings/format';
import { AnomalyQueueQuery, queueVariables, ReadingBooksQuery } from '@/components/readings/readings.documents';
import { prefetch } from '@/lib/graphql/prefetch';
import { booksWithRight } from '@/services/auth/actor';

export const metadata: Metadata = { title: 'Chỉ số bất thường' };

function first(v: string | string[] | undefined): string | null {
  const s = Array.isArray(v) ? v[0] : v;
  return s ? s : null;
}

/**
 * The supervisor's queue of flagged readings (SPEC §2): clear them for billing or reopen them. The books
 * the user may edit only enable the buttons; resolveAnomalies checks every reading's book again.
 */
export default async function AnomaliesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await getRequestContext();
  const actor = ctx.actor;
  if (!actor) redirect('/login?callbackUrl=/anomalies');
  const sp = await searchParams;
  const asked = first(sp.period);
  const book = Number(first(sp.book));
  const period = asked && /^\d{4}-(0[1-9]|1[0-2])$/.test(asked) ? asked : null;
  const bookId = Number.isSafeInteger(book) && book > 0 ? book : null;
  // The books and the first page run here with the request's actor, so the queue opens with its rows.
  const [books, queue] = await Promise.all([
    prefetch(ctx, ReadingBooksQuery, {}),
    prefetch(ctx, AnomalyQueueQuery, queueVariables({ bookId, period: period ?? currentPeriod(), status: 'OPEN' })),
  ]);
  return (
    <AnomalyQueueScreen
      editableBooks={booksWithRight(actor, 'readings', 'edit')}
      initialPeriod={period}
      initialBookId={bookId}
      initialData={{ ...books.ssr, ...queue.ssr }}
    />
  );
}
