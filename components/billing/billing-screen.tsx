'use client';

import { useMemo, useState } from 'react';
import { useQuery, type SSRData } from 'urql';
import { EmptyState } from '@/components/ui/empty-state';
import { ReadOnlyBadge } from '@/components/ui/read-only-badge';
import { Spinner } from '@/components/ui/spinner';
import { ToastProvider, useToast } from '@/components/ui/toast';
import { useHotkeys } from '@/components/ui/use-hotkeys';
import { currentPeriod } from '@/components/readings/format';
import { PeriodPicker } from '@/components/readings/period-picker';
import { errorMessage } from '@/lib/graphql/errors';
import { useHydrate } from '@/lib/graphql/provider';
import { billingBooks, firstBook, mayBill, runDisabledReason, type BillingRights } from './billing-rights';
import { BillingBooksQuery } from './billing.documents';
import { RunHistory, useRunHistory } from './run-history';
import { RunPanel, scopeText } from './run-panel';
import { ScopeForm } from './scope-form';
import { useBillingRun, type RunChoice } from './use-billing-run';

export interface BillingScreenProps {
  rights: BillingRights;
  /** The books and the first book's runs, executed by the Server Component through the same documents (see useHydrate). */
  initialData?: SSRData;
}

/**
 * Tính hóa đơn: choose the scope, bill (F9), follow the progress, look at past runs.
 * Documents: billing.documents.ts; keyboard: F9 here; rights: billing-rights.ts.
 */
export function BillingScreen(props: BillingScreenProps) {
  return (
    <ToastProvider>
      <Screen {...props} />
    </ToastProvider>
  );
}

function Screen({ rights, initialData }: BillingScreenProps) {
  const toast = useToast();
  const requestPolicy = useHydrate(initialData);
  const maxPeriod = useMemo(() => currentPeriod(), []);
  const [booksResult] = useQuery({ query: BillingBooksQuery, requestPolicy });
  const books = useMemo(
    () => (booksResult.data ? billingBooks(rights, booksResult.data.readingBooks.rows) : null),
    [booksResult.data, rights],
  );
  const start = books ? (firstBook(rights, books)?.id ?? null) : null;

  const [choice, setChoice] = useState<Omit<RunChoice, 'bookId'> & { bookId: number | null | undefined }>(() => ({
    period: maxPeriod,
    scope: 'book',
    bookId: undefined,
    bookIds: new Set<number>(),
    customerCode: '',
  }));
  const [historyBookChoice, setHistoryBook] = useState<number | null>(null);
  const current: RunChoice = { ...choice, bookId: choice.bookId === undefined ? start : choice.bookId };
  const historyBook = historyBookChoice ?? start;

  const history = useRunHistory(historyBook, requestPolicy);
  const billing = useBillingRun(rights, books ?? [], history.refresh);
  const busy = billing.running || billing.starting;
  const reason = runDisabledReason(rights, { scope: current.scope, bookId: current.bookId });

  const change = (patch: Partial<RunChoice>) => {
    setChoice((c) => ({ ...c, ...patch }));
    // The history follows the book chosen for the run.
    if (patch.bookId !== undefined && patch.bookId !== null) setHistoryBook(patch.bookId);
  };
  const startRun = () => {
    if (busy) return;
    if (reason) return void toast.error(reason);
    billing.start(current);
  };

  useHotkeys({ F9: startRun });

  if (booksResult.error && !books) {
    return (
      <EmptyState
        tone="error"
        title="Không tải được danh sách sổ đọc"
        description={errorMessage(booksResult.error, 'Không tải được danh sách sổ đọc.')}
      />
    );
  }
  if (books === null) {
    return (
      <div className="p-6">
        <Spinner label="Đang tải…" />
      </div>
    );
  }
  if (books.length === 0)
    return (
      <EmptyState
        title="Bạn chưa được giao sổ đọc nào"
        description="Liên hệ quản trị viên để được phân quyền tính hóa đơn."
        icon="📒"
      />
    );

  const bookCode = (id: number) => books.find((b) => b.id === id)?.code ?? `#${id}`;
  const describe = (r: Parameters<typeof scopeText>[0]) => scopeText(r, bookCode, billing.customerNames);
  const { run } = billing;

  return (
    <div className="flex h-full min-h-0 flex-col">
      <header className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-white px-4 py-2.5">
        <h1 className="text-lg font-semibold text-slate-900">Tính hóa đơn</h1>
        <PeriodPicker
          value={current.period}
          max={maxPeriod}
          onChange={(period) => change({ period })}
          disabled={billing.running}
        />
        <span className="text-sm text-slate-500">
          Tính theo chỉ số đã nhập của kỳ; khách hàng có chỉ số bất thường chưa duyệt sẽ bị bỏ qua.
        </span>
        {!mayBill(rights) && <ReadOnlyBadge reason="Bạn chỉ được xem các lần tính hóa đơn, không có quyền tính." />}
      </header>

      <div className="grid min-h-0 flex-1 grid-cols-[340px_minmax(0,1fr)] gap-3 overflow-auto p-3">
        <ScopeForm
          rights={rights}
          books={books}
          choice={current}
          onChange={change}
          busy={busy}
          running={billing.running}
          starting={billing.starting}
          error={billing.formError}
          onStart={startRun}
        />
        <div className="flex min-w-0 flex-col gap-3">
          <RunPanel
            run={run}
            error={billing.pollError}
            scopeText={run ? describe(run) : ''}
            onResume={billing.resume}
            resumeReason={mayBill(rights) ? null : 'Bạn không có quyền tính hóa đơn.'}
            bookIdOf={(code) => books.find((b) => b.code === code)?.id}
          />
          <RunHistory
            books={books}
            bookId={historyBook}
            onBookChange={setHistoryBook}
            history={history}
            selectedId={run?.id ?? null}
            onPick={billing.pick}
            scopeText={describe}
          />
        </div>
      </div>
    </div>
  );
}
