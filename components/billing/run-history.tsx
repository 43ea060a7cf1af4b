'use client';

import { useMemo } from 'react';
import { useQuery, type RequestPolicy } from 'urql';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { fmtDateTime, fmtInt, fmtVnd, periodLabel } from '@/components/readings/format';
import { errorMessage } from '@/lib/graphql/errors';
import {
  readRun,
  BillingRunsQuery,
  RUN_TYPENAMES,
  runsVariables,
  type BillingBook,
  type BillingRun,
} from './billing.documents';
import { STATUS_LABELS, STATUS_STYLES } from './run-panel';

// Never sent (paused without a book): urql needs variables even then.
const NO_BOOK = runsVariables(0);

/** The runs that covered a book, newest first; a new or resumed run re-runs it through the cache. */
export function useRunHistory(bookId: number | null, requestPolicy: RequestPolicy) {
  const [result, refresh] = useQuery({
    query: BillingRunsQuery,
    variables: bookId === null ? NO_BOOK : runsVariables(bookId),
    pause: bookId === null,
    requestPolicy,
    context: useMemo(() => RUN_TYPENAMES, []),
  });
  const runs = useMemo(() => result.data?.billingRuns.map((r) => readRun(r)!) ?? null, [result.data]);
  return {
    runs,
    fetching: result.fetching,
    error: result.error ? errorMessage(result.error, 'Không tải được các lần tính trước.') : null,
    refresh: () => refresh({ requestPolicy: 'network-only' }),
  };
}

export interface RunHistoryProps {
  books: readonly BillingBook[];
  bookId: number | null;
  onBookChange: (id: number) => void;
  history: ReturnType<typeof useRunHistory>;
  selectedId: number | null;
  onPick: (run: BillingRun) => void;
  scopeText: (run: BillingRun) => string;
}

export function RunHistory({ books, bookId, onBookChange, history, selectedId, onPick, scopeText }: RunHistoryProps) {
  const { runs, error } = history;
  return (
    <section className="rounded-md border border-slate-200 bg-white" aria-label="Các lần tính trước">
      <div className="flex items-center gap-3 border-b border-slate-200 px-4 py-2">
        <h2 className="font-semibold text-slate-900">Các lần tính trước</h2>
        <label className="flex items-center gap-2 text-sm">
          <span className="text-slate-600">của sổ</span>
          <select
            value={bookId ?? ''}
            onChange={(e) => onBookChange(Number(e.target.value))}
            data-testid="history-book"
            className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
          >
            {books.map((b) => (
              <option key={b.id} value={b.id}>
                {b.code}
              </option>
            ))}
          </select>
        </label>
        {history.fetching && runs && <Spinner size="sm" hideLabel label="Đang tải…" />}
        <span className="flex-1" />
        <Button size="sm" onClick={history.refresh}>
          Làm mới
        </Button>
      </div>
      {error && !runs ? (
        <p className="px-4 py-3 text-sm text-red-700">{error}</p>
      ) : runs === null ? (
        <div className="px-4 py-3">
          <Spinner size="sm" />
        </div>
      ) : runs.length === 0 ? (
        <p className="px-4 py-4 text-sm text-slate-500">Sổ này chưa được tính hóa đơn lần nào.</p>
      ) : (
        <div className="max-h-80 overflow-auto">
          <table className="w-full text-sm" data-testid="runs-table">
            <thead className="sticky top-0 bg-slate-100 text-left text-xs text-slate-600">
              <tr>
                <th className="px-3 py-1.5">#</th>
                <th className="px-3 py-1.5">Kỳ</th>
                <th className="px-3 py-1.5">Phạm vi</th>
                <th className="px-3 py-1.5">Trạng thái</th>
                <th className="px-3 py-1.5 text-right">Khách hàng</th>
                <th className="px-3 py-1.5 text-right">Hóa đơn</th>
                <th className="px-3 py-1.5 text-right">m3</th>
                <th className="px-3 py-1.5 text-right">Số tiền</th>
                <th className="px-3 py-1.5">Bắt đầu</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr
                  key={r.id}
                  onClick={() => onPick(r)}
                  className={`cursor-pointer border-t border-slate-100 hover:bg-brand-50 ${selectedId === r.id ? 'bg-brand-50' : ''}`}
                  data-testid="run-row"
                >
                  <td className="px-3 py-1.5 tabular-nums text-slate-500">{r.id}</td>
                  <td className="px-3 py-1.5">{periodLabel(r.period)}</td>
                  <td className="px-3 py-1.5">{scopeText(r)}</td>
                  <td className="px-3 py-1.5">
                    <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_STYLES[r.status] ?? ''}`}>
                      {STATUS_LABELS[r.status] ?? r.status}
                    </span>
                  </td>
                  <td className="px-3 py-1.5 text-right tabular-nums">{fmtInt(r.processedCustomers)}</td>
                  <td className="px-3 py-1.5 text-right tabular-nums">{fmtInt(r.invoiceCount)}</td>
                  <td className="px-3 py-1.5 text-right tabular-nums">{fmtInt(r.consumption)}</td>
                  <td className="px-3 py-1.5 text-right tabular-nums">{fmtVnd(r.amount)}</td>
                  <td className="px-3 py-1.5 text-xs text-slate-500">{fmtDateTime(r.startedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
