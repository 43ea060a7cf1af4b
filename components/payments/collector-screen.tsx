'use client';

import { useMemo, useState } from 'react';
import { useClient, useMutation, useQuery, type SSRData } from 'urql';
import { todayVN } from '@/components/readings/format';
import { BookPicker, BooksPending } from '@/components/ui/book-picker';
import { ToastProvider, useToast } from '@/components/ui/toast';
import { useHotkeys } from '@/components/ui/use-hotkeys';
import { apiError, errorMessage } from '@/lib/graphql/errors';
import { readFragment } from '@/lib/graphql/graphql';
import { useHydrate } from '@/lib/graphql/provider';
import { CollectorDayPanel } from './collector-day-panel';
import { CollectorList } from './collector-list';
import { canOnCollectorBook, collectorScreenBooks, toggledBooks, type CollectorRights } from './collector-rights';
import {
  AssignCollectorBooksMutation,
  BookCollectorsQuery,
  COLLECTOR_TYPENAMES,
  CollectorBooksQuery,
  CollectorDayFragment,
  CollectorDayQuery,
  CollectorReadingBooksQuery,
  type BookCollector,
} from './collectors.documents';

export interface CollectorScreenProps {
  rights: CollectorRights;
  initialBookId: number | null;
  initialDay: string;
  /** The books and the starting book's collectors, executed by the Server Component through the same documents. */
  initialData?: SSRData;
}

/**
 * Thu ngân viên: who collects on a book (tick to assign), and a collector's day: what the ledger says they took,
 * what they handed in, the difference, confirmed by a cashier and then locked. F9 reloads.
 */
export function CollectorScreen(props: CollectorScreenProps) {
  return (
    <ToastProvider>
      <Screen {...props} />
    </ToastProvider>
  );
}

function Screen({ rights, initialBookId, initialDay, initialData }: CollectorScreenProps) {
  const toast = useToast();
  const client = useClient();
  const requestPolicy = useHydrate(initialData);
  const today = useMemo(() => todayVN(), []);
  const [booksResult, refetchBooks] = useQuery({ query: CollectorReadingBooksQuery, requestPolicy });
  const books = useMemo(
    () => (booksResult.data ? collectorScreenBooks(rights, booksResult.data.readingBooks.rows) : null),
    [booksResult.data, rights],
  );
  const [bookChoice, setBookChoice] = useState<number | null>(initialBookId);
  const bookId = books?.some((b) => b.id === bookChoice) ? bookChoice : (books?.[0]?.id ?? null);
  const [day, setDay] = useState(initialDay);
  const [collectorId, setCollectorId] = useState<number | null>(null);
  const [busyId, setBusyId] = useState<number | null>(null);

  const [collectorsResult, refetchCollectors] = useQuery({
    query: BookCollectorsQuery,
    variables: { bookId: bookId ?? 0 },
    pause: bookId === null,
    requestPolicy,
    context: useMemo(() => COLLECTOR_TYPENAMES, []),
  });
  const collectors = collectorsResult.data?.bookCollectors ?? null;
  // The cursor starts on the first assigned collector, else the first listed.
  const selectedId =
    collectors?.some((c) => c.userId === collectorId) === true
      ? collectorId
      : (collectors?.find((c) => c.isAssigned)?.userId ?? collectors?.[0]?.userId ?? null);

  const [dayResult, refetchDay] = useQuery({
    query: CollectorDayQuery,
    variables: { collectorId: selectedId ?? 0, day },
    pause: selectedId === null || !/^\d{4}-\d{2}-\d{2}$/.test(day),
    context: useMemo(() => COLLECTOR_TYPENAMES, []),
  });
  const dayData = dayResult.data ? readFragment(CollectorDayFragment, dayResult.data.collectorDay) : null;
  const shownDay = dayData && dayData.collectorId === selectedId && dayData.day === day ? dayData : null;

  const [, assign] = useMutation(AssignCollectorBooksMutation);
  const assignReason = canOnCollectorBook(rights, bookId, 'edit')
    ? null
    : 'Bạn cần quyền “Thu tiền – Sửa” trên sổ này để phân công nhân viên thu.';
  const settleReason =
    selectedId === rights.userId
      ? 'Nhân viên thu không tự quyết toán ngày thu của mình.'
      : canOnCollectorBook(rights, bookId, 'edit')
        ? null
        : 'Bạn cần quyền “Thu tiền – Sửa” để xác nhận quyết toán.';

  const reload = () => {
    refetchCollectors({ requestPolicy: 'network-only' });
    if (selectedId !== null) refetchDay({ requestPolicy: 'network-only' });
  };
  useHotkeys({ F9: reload });

  const toggle = async (row: BookCollector) => {
    if (bookId === null || assignReason) return;
    setBusyId(row.userId);
    try {
      const current = await client
        .query(CollectorBooksQuery, { collectorId: row.userId }, { requestPolicy: 'network-only' })
        .toPromise();
      if (current.error || !current.data) throw current.error ?? new Error('Không đọc được sổ của nhân viên thu.');
      const bookIds = toggledBooks(
        rights,
        current.data.collectorBooks.map((b) => b.bookId),
        bookId,
        !row.isAssigned,
      );
      const result = await assign({ collectorId: row.userId, bookIds }, COLLECTOR_TYPENAMES);
      if (result.error) throw result.error;
      toast.success(
        row.isAssigned ? `Đã bỏ phân công ${row.fullName} thu sổ này.` : `Đã phân công ${row.fullName} thu sổ này.`,
      );
      refetchCollectors({ requestPolicy: 'network-only' });
    } catch (e) {
      toast.error(apiError(e, 'Không lưu được phân công, vui lòng thử lại.').message);
    } finally {
      setBusyId(null);
    }
  };

  if (booksResult.error || books === null || books.length === 0) {
    return (
      <BooksPending
        books={books}
        error={booksResult.error ? errorMessage(booksResult.error, 'Không tải được danh sách sổ đọc.') : null}
        onRetry={() => refetchBooks({ requestPolicy: 'network-only' })}
      />
    );
  }

  return (
    <div className="flex h-full min-h-0 flex-col">
      <header className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-white px-4 py-2">
        <h1 className="text-lg font-semibold text-slate-900">Thu ngân viên</h1>
        <BookPicker
          books={books}
          value={bookId}
          onChange={(id) => {
            setBookChoice(id);
            setCollectorId(null);
          }}
        />
        <label className="flex items-center gap-2 text-sm">
          <span className="text-slate-600">Ngày thu</span>
          <input
            type="date"
            value={day}
            max={today}
            onChange={(e) => e.target.value && setDay(e.target.value)}
            data-testid="collector-day-picker"
            className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
          />
        </label>
        <span className="text-xs text-slate-500">
          ↑/↓ chọn nhân viên · Space phân công · Alt+S quyết toán · F9 tải lại
        </span>
      </header>
      <div className="grid min-h-0 flex-1 grid-cols-1 md:grid-cols-[20rem_1fr]">
        <aside className="min-h-0 overflow-y-auto border-r border-slate-200 bg-white">
          <CollectorList
            rows={collectors}
            fetching={collectorsResult.fetching}
            error={collectorsResult.error ? errorMessage(collectorsResult.error) : null}
            selectedId={selectedId}
            onSelect={setCollectorId}
            assignReason={assignReason}
            busyId={busyId}
            onToggle={(row) => void toggle(row)}
          />
        </aside>
        <main className="min-h-0 overflow-y-auto bg-slate-50">
          <CollectorDayPanel
            key={`${selectedId}:${day}`}
            day={shownDay}
            fetching={dayResult.fetching}
            error={dayResult.error ? errorMessage(dayResult.error) : null}
            settleReason={settleReason}
            onSettled={() => refetchDay({ requestPolicy: 'network-only' })}
          />
        </main>
      </div>
    </div>
  );
}
