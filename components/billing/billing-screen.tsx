'use client';

import Link from 'next/link';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import { ToastProvider, useToast } from '@/components/ui/toast';
import { useHotkeys } from '@/components/ui/use-hotkeys';
import { fetchReadingBooks, type ReadingBookOption } from '@/components/readings/api';
import { currentPeriod, errorMessage, fmtDateTime, fmtInt, fmtVnd, periodLabel } from '@/components/readings/format';
import { LockIcon } from '@/components/readings/lock-icon';
import { PeriodPicker } from '@/components/readings/period-picker';
import {
  fetchBillingRun,
  fetchBillingRuns,
  fetchLock,
  fetchRunSkips,
  fetchRunWarnings,
  resumeBillingRun,
  searchCustomerByCode,
  startBillingRun,
  type BilledWithWarnings,
  type BillingRun,
  type PeriodLockState,
  type ScopeKind,
  type SkippedCustomer,
} from './api';

/** Billing rights per book (computed on the server; the API checks again on every book of the scope). */
export interface BillingRights {
  isAdmin: boolean;
  books: Record<number, { access: boolean; add: boolean; edit: boolean }>;
}

type ScopeChoice = 'book' | 'books' | 'all' | 'customer';

const STATUS_LABELS: Record<string, string> = {
  queued: 'Đang chờ',
  running: 'Đang tính',
  done: 'Hoàn thành',
  failed: 'Lỗi',
};
const STATUS_STYLES: Record<string, string> = {
  queued: 'bg-slate-100 text-slate-700',
  running: 'bg-sky-100 text-sky-800',
  done: 'bg-emerald-100 text-emerald-800',
  failed: 'bg-red-100 text-red-800',
};

const SKIP_PAGE = 200;

export function BillingScreen(props: { rights: BillingRights }) {
  return (
    <ToastProvider>
      <Screen {...props} />
    </ToastProvider>
  );
}

function Screen({ rights }: { rights: BillingRights }) {
  const toast = useToast();
  const maxPeriod = useMemo(() => currentPeriod(), []);
  const [books, setBooks] = useState<ReadingBookOption[] | null>(null);
  const [booksError, setBooksError] = useState<string | null>(null);
  const [period, setPeriod] = useState(maxPeriod);
  const [scope, setScope] = useState<ScopeChoice>('book');
  const [bookId, setBookId] = useState<number | null>(null);
  const [multi, setMulti] = useState<Set<number>>(new Set());
  const [customerCode, setCustomerCode] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [run, setRun] = useState<BillingRun | null>(null);
  const [runError, setRunError] = useState<string | null>(null);
  const [runs, setRuns] = useState<BillingRun[] | null>(null);
  const [runsError, setRunsError] = useState<string | null>(null);
  const [historyBook, setHistoryBook] = useState<number | null>(null);
  const [lock, setLock] = useState<PeriodLockState | null>(null);
  const [customerNames, setCustomerNames] = useState<Record<number, string>>({});
  const pollRef = useRef<number | null>(null);

  const canRun = (id: number, right: 'add' | 'edit' = 'add') => rights.isAdmin || !!rights.books[id]?.[right];

  useEffect(() => {
    fetchReadingBooks()
      .then((list) => {
        const mine = rights.isAdmin ? list : list.filter((b) => rights.books[b.id]?.access);
        setBooks(mine);
        const first = mine.find((b) => canRun(b.id)) ?? mine[0];
        setBookId(first?.id ?? null);
        setHistoryBook(first?.id ?? null);
      })
      .catch((e: unknown) => setBooksError(errorMessage(e, 'Không tải được danh sách sổ đọc.')));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // ---------- past runs of a book
  const loadRuns = useCallback(async () => {
    if (historyBook === null) return;
    try {
      setRuns(await fetchBillingRuns(historyBook, null, 30));
      setRunsError(null);
    } catch (e) {
      setRunsError(errorMessage(e, 'Không tải được các lần tính trước.'));
    }
  }, [historyBook]);
  useEffect(() => {
    void loadRuns();
  }, [loadRuns]);

  // ---------- lock state of the chosen book (a hint; the server refuses locked periods anyway)
  useEffect(() => {
    setLock(null);
    if (scope !== 'book' || bookId === null) return;
    let alive = true;
    fetchLock(bookId, period)
      .then((l) => alive && setLock(l))
      .catch(() => alive && setLock(null));
    return () => {
      alive = false;
    };
  }, [scope, bookId, period]);

  // ---------- polling the run in progress
  const stopPolling = () => {
    if (pollRef.current !== null) window.clearTimeout(pollRef.current);
    pollRef.current = null;
  };
  const poll = useCallback(
    (id: number) => {
      stopPolling();
      const tick = async () => {
        try {
          const r = await fetchBillingRun(id);
          setRun(r);
          setRunError(null);
          if (r.status === 'queued' || r.status === 'running') {
            pollRef.current = window.setTimeout(() => void tick(), 600);
          } else {
            pollRef.current = null;
            if (r.status === 'done') toast.success(`Đã tính xong kỳ ${periodLabel(r.period)}: ${fmtInt(r.invoiceCount)} hóa đơn, ${fmtVnd(r.amount)}.`);
            else toast.error(`Lần tính #${r.id} bị lỗi: ${r.error ?? 'không rõ nguyên nhân'}.`);
            void loadRuns();
          }
        } catch (e) {
          setRunError(errorMessage(e, 'Không đọc được tiến độ.'));
          pollRef.current = window.setTimeout(() => void tick(), 2000);
        }
      };
      void tick();
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [loadRuns],
  );
  useEffect(() => stopPolling, []);

  const running = run !== null && (run.status === 'queued' || run.status === 'running');

  const start = async () => {
    setFormError(null);
    let input: { kind: ScopeKind; bookIds?: number[]; customerId?: number };
    let label = '';
    if (scope === 'book') {
      if (bookId === null) return setFormError('Chọn sổ đọc.');
      if (!canRun(bookId)) return setFormError('Bạn không có quyền tính hóa đơn sổ này.');
      input = { kind: 'books', bookIds: [bookId] };
      label = `sổ ${books?.find((b) => b.id === bookId)?.code ?? ''}`;
    } else if (scope === 'books') {
      const ids = [...multi];
      if (ids.length === 0) return setFormError('Chọn ít nhất một sổ đọc.');
      const refused = ids.filter((id) => !canRun(id));
      if (refused.length) return setFormError(`Bạn không có quyền tính hóa đơn sổ ${refused.map((id) => books?.find((b) => b.id === id)?.code).join(', ')}.`);
      input = { kind: 'books', bookIds: ids };
      label = `${ids.length} sổ`;
    } else if (scope === 'all') {
      input = { kind: 'all' };
      label = 'toàn công ty';
    } else {
      const code = customerCode.trim().toUpperCase();
      if (!code) return setFormError('Nhập mã khách hàng cần tính lại.');
      let hits;
      try {
        hits = await searchCustomerByCode(code);
      } catch (e) {
        return setFormError(errorMessage(e, 'Không tìm được khách hàng.'));
      }
      const hit = hits.find((h) => h.code.toUpperCase() === code);
      if (!hit) return setFormError(`Không tìm thấy khách hàng mã ${code} trong các sổ bạn được giao.`);
      if (!canRun(hit.bookId, 'edit')) return setFormError(`Bạn không có quyền tính lại hóa đơn sổ ${hit.bookCode}.`);
      setCustomerNames((m) => ({ ...m, [hit.id]: `${hit.code} – ${hit.name}` }));
      input = { kind: 'customer', customerId: hit.id };
      label = `khách hàng ${hit.code}`;
    }
    setStarting(true);
    try {
      const r = await startBillingRun(period, input);
      setRun(r);
      toast.info(`Bắt đầu tính hóa đơn kỳ ${periodLabel(period)} cho ${label}.`);
      if (r.status === 'queued' || r.status === 'running') poll(r.id);
      else {
        if (r.status === 'done') toast.success(`Đã tính lại: ${fmtInt(r.invoiceCount)} hóa đơn, ${fmtVnd(r.amount)}.`);
        void loadRuns();
      }
    } catch (e) {
      setFormError(errorMessage(e, 'Không bắt đầu tính được.'));
    } finally {
      setStarting(false);
    }
  };

  const resume = async () => {
    if (!run) return;
    try {
      const r = await resumeBillingRun(run.id);
      setRun(r);
      poll(r.id);
    } catch (e) {
      toast.error(errorMessage(e, 'Không tiếp tục được.'));
    }
  };

  useHotkeys({ F9: () => !running && !starting && void start() });

  if (booksError) return <EmptyState tone="error" title="Không tải được danh sách sổ đọc" description={booksError} />;
  if (books === null) {
    return (
      <div className="p-6">
        <Spinner label="Đang tải…" />
      </div>
    );
  }
  if (books.length === 0) return <EmptyState title="Bạn chưa được giao sổ đọc nào" description="Liên hệ quản trị viên để được phân quyền tính hóa đơn." icon="📒" />;

  const bookCode = (id: number) => books.find((b) => b.id === id)?.code ?? `#${id}`;
  const scopeText = (r: BillingRun) =>
    r.scope.kind === 'all'
      ? 'Toàn công ty'
      : r.scope.kind === 'customer'
        ? `Khách hàng ${r.scope.customerId !== null ? (customerNames[r.scope.customerId] ?? `#${r.scope.customerId}`) : ''}`
        : r.scope.bookIds.length > 4
          ? `${r.scope.bookIds.length} sổ`
          : `Sổ ${r.scope.bookIds.map(bookCode).join(', ')}`;

  return (
    <div className="flex h-full min-h-0 flex-col">
      <header className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-white px-4 py-2.5">
        <h1 className="text-lg font-semibold text-slate-900">Tính hóa đơn</h1>
        <PeriodPicker value={period} max={maxPeriod} onChange={setPeriod} disabled={running} />
        <span className="text-sm text-slate-500">Tính theo chỉ số đã nhập của kỳ; khách hàng có chỉ số bất thường chưa duyệt sẽ bị bỏ qua.</span>
      </header>

      <div className="grid min-h-0 flex-1 grid-cols-[340px_minmax(0,1fr)] gap-3 overflow-auto p-3">
        <section className="flex flex-col gap-3 rounded-md border border-slate-200 bg-white p-4" aria-label="Phạm vi tính">
          <h2 className="font-semibold text-slate-900">Phạm vi tính</h2>
          <fieldset className="flex flex-col gap-2 text-sm" disabled={running || starting}>
            <legend className="sr-only">Phạm vi</legend>
            <label className="flex items-center gap-2">
              <input type="radio" name="scope" checked={scope === 'book'} onChange={() => setScope('book')} data-testid="scope-book" className="accent-brand-600" />
              Một sổ đọc
            </label>
            {scope === 'book' && (
              <select
                value={bookId ?? ''}
                onChange={(e) => {
                  setBookId(Number(e.target.value));
                  setHistoryBook(Number(e.target.value));
                }}
                data-testid="book-picker"
                className="ml-6 w-[calc(100%-1.5rem)] rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
              >
                {books.map((b) => (
                  <option key={b.id} value={b.id} disabled={!canRun(b.id)}>
                    {b.code} – {b.name}
                  </option>
                ))}
              </select>
            )}
            <label className="flex items-center gap-2">
              <input type="radio" name="scope" checked={scope === 'books'} onChange={() => setScope('books')} data-testid="scope-books" className="accent-brand-600" />
              Nhiều sổ đọc
            </label>
            {scope === 'books' && (
              <div className="ml-6 flex flex-col gap-1 rounded-md border border-slate-200 p-2" data-testid="book-multi">
                <label className="flex items-center gap-2 border-b border-slate-100 pb-1 text-xs font-medium text-slate-600">
                  <input
                    type="checkbox"
                    checked={books.filter((b) => canRun(b.id)).every((b) => multi.has(b.id))}
                    onChange={(e) => setMulti(e.target.checked ? new Set(books.filter((b) => canRun(b.id)).map((b) => b.id)) : new Set())}
                    className="accent-brand-600"
                  />
                  Chọn tất cả
                </label>
                <div className="max-h-48 overflow-auto">
                  {books.map((b) => (
                    <label key={b.id} className="flex items-center gap-2 py-0.5">
                      <input
                        type="checkbox"
                        checked={multi.has(b.id)}
                        disabled={!canRun(b.id)}
                        data-testid={`book-check-${b.code}`}
                        onChange={(e) =>
                          setMulti((s) => {
                            const n = new Set(s);
                            if (e.target.checked) n.add(b.id);
                            else n.delete(b.id);
                            return n;
                          })
                        }
                        className="accent-brand-600"
                      />
                      <span>
                        <strong>{b.code}</strong> – {b.name}
                      </span>
                    </label>
                  ))}
                </div>
                <span className="text-xs text-slate-500">Đã chọn {multi.size} sổ</span>
              </div>
            )}
            <label className="flex items-center gap-2">
              <input type="radio" name="scope" checked={scope === 'all'} onChange={() => setScope('all')} data-testid="scope-all" className="accent-brand-600" />
              Toàn công ty
            </label>
            {scope === 'all' && !rights.isAdmin && (
              <p className="ml-6 text-xs text-slate-500">Cần quyền tính hóa đơn trên mọi sổ của công ty.</p>
            )}
            <label className="flex items-center gap-2">
              <input type="radio" name="scope" checked={scope === 'customer'} onChange={() => setScope('customer')} data-testid="scope-customer" className="accent-brand-600" />
              Tính lại một khách hàng
            </label>
            {scope === 'customer' && (
              <input
                type="text"
                value={customerCode}
                onChange={(e) => setCustomerCode(e.target.value)}
                onKeyDown={(e) => e.key === 'Enter' && void start()}
                placeholder="Mã khách hàng, ví dụ KH0000001"
                aria-label="Mã khách hàng"
                data-testid="customer-code"
                className="ml-6 w-[calc(100%-1.5rem)] rounded-md border border-slate-300 px-2.5 py-1.5 text-sm uppercase"
              />
            )}
          </fieldset>
          {lock?.isLocked && (
            <p className="rounded-md border border-slate-300 bg-slate-100 px-3 py-2 text-sm text-slate-800" data-testid="lock-hint">
              <LockIcon className="mr-1" />
              {lock.message}
            </p>
          )}
          {formError && (
            <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="run-error">
              {formError}
            </p>
          )}
          <Button variant="primary" onClick={() => void start()} disabled={running || starting} shortcut="F9" data-testid="run-button" className="py-2">
            {starting ? 'Đang bắt đầu…' : running ? 'Đang tính…' : `Tính hóa đơn kỳ ${periodLabel(period)}`}
          </Button>
          <p className="text-xs text-slate-500">
            Tính lại nhiều lần vẫn an toàn: mỗi khách hàng chỉ có một hóa đơn mỗi kỳ và loại; hóa đơn nháp được tính lại, hóa đơn đã phát hành giữ nguyên.
          </p>
        </section>

        <div className="flex min-w-0 flex-col gap-3">
          <RunPanel run={run} error={runError} scopeText={run ? scopeText(run) : ''} onResume={() => void resume()} bookIdOf={(code) => books.find((b) => b.code === code)?.id} />
          <section className="rounded-md border border-slate-200 bg-white" aria-label="Các lần tính trước">
            <div className="flex items-center gap-3 border-b border-slate-200 px-4 py-2">
              <h2 className="font-semibold text-slate-900">Các lần tính trước</h2>
              <label className="flex items-center gap-2 text-sm">
                <span className="text-slate-600">của sổ</span>
                <select
                  value={historyBook ?? ''}
                  onChange={(e) => setHistoryBook(Number(e.target.value))}
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
              <span className="flex-1" />
              <Button size="sm" onClick={() => void loadRuns()}>
                Làm mới
              </Button>
            </div>
            {runsError ? (
              <p className="px-4 py-3 text-sm text-red-700">{runsError}</p>
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
                        onClick={() => {
                          setRun(r);
                          if (r.status === 'queued' || r.status === 'running') poll(r.id);
                        }}
                        className={`cursor-pointer border-t border-slate-100 hover:bg-brand-50 ${run?.id === r.id ? 'bg-brand-50' : ''}`}
                        data-testid="run-row"
                      >
                        <td className="px-3 py-1.5 tabular-nums text-slate-500">{r.id}</td>
                        <td className="px-3 py-1.5">{periodLabel(r.period)}</td>
                        <td className="px-3 py-1.5">{scopeText(r)}</td>
                        <td className="px-3 py-1.5">
                          <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_STYLES[r.status] ?? ''}`}>{STATUS_LABELS[r.status] ?? r.status}</span>
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
        </div>
      </div>
    </div>
  );
}

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2">
      <div className="text-xs text-slate-500">{label}</div>
      <div className="text-xl font-semibold tabular-nums text-slate-900" data-testid={testId}>
        {value}
      </div>
    </div>
  );
}

function RunPanel({
  run,
  error,
  scopeText,
  onResume,
  bookIdOf,
}: {
  run: BillingRun | null;
  error: string | null;
  scopeText: string;
  onResume: () => void;
  bookIdOf: (code: string) => number | undefined;
}) {
  if (!run) {
    return (
      <section className="rounded-md border border-dashed border-slate-300 bg-white" data-testid="run-panel">
        <EmptyState title="Chưa chạy lần tính nào" description="Chọn kỳ và phạm vi rồi bấm “Tính hóa đơn” (F9). Tiến độ hiện ở đây; có thể xem lại các lần tính trước ở bảng dưới." />
      </section>
    );
  }
  const pct = Math.round(Math.min(1, Math.max(0, run.progress)) * 1000) / 10;
  const active = run.status === 'queued' || run.status === 'running';
  return (
    <section className="rounded-md border border-slate-200 bg-white p-4" aria-label="Lần tính" data-testid="run-panel" data-status={run.status}>
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <h2 className="font-semibold text-slate-900">
          Lần tính #{run.id} – kỳ {periodLabel(run.period)} – {scopeText}
        </h2>
        <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_STYLES[run.status] ?? ''}`} data-testid="run-status">
          {STATUS_LABELS[run.status] ?? run.status}
        </span>
        {active && <Spinner size="sm" hideLabel label="Đang tính…" />}
        <span className="ml-auto text-xs text-slate-500">
          Bắt đầu {fmtDateTime(run.startedAt)}
          {run.finishedAt ? ` · xong ${fmtDateTime(run.finishedAt)}` : ''}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label="Tiến độ tính hóa đơn"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        data-testid="progress-bar"
        data-progress={pct}
        className="relative h-4 overflow-hidden rounded-full bg-slate-100"
      >
        <div
          className={`h-full rounded-full transition-[width] duration-500 ${run.status === 'failed' ? 'bg-red-500' : run.status === 'done' ? 'bg-emerald-500' : 'bg-brand-600'}`}
          style={{ width: `${pct}%` }}
        />
        <span className="absolute inset-0 text-center text-[11px] font-semibold leading-4 text-slate-800">{pct.toLocaleString('vi-VN')}%</span>
      </div>
      <div className="mt-1 text-xs text-slate-500" data-testid="run-progress-text">
        Đã xử lý {fmtInt(run.processedCustomers)} / {fmtInt(run.totalCustomers)} khách hàng
      </div>
      {error && <p className="mt-2 text-sm text-red-700">{error}</p>}
      {run.status === 'failed' && (
        <div className="mt-3 flex items-center gap-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" role="alert">
          <span className="flex-1">Lần tính bị dừng: {run.error ?? 'không rõ nguyên nhân'}. Phần đã tính được giữ lại.</span>
          <Button size="sm" onClick={onResume} data-testid="btn-resume">
            Tiếp tục tính
          </Button>
        </div>
      )}
      <div className="mt-3 grid grid-cols-2 gap-2 md:grid-cols-4" data-testid="run-summary">
        <Stat label="Khách hàng" value={`${fmtInt(run.processedCustomers)}`} testId="sum-customers" />
        <Stat label="Hóa đơn" value={fmtInt(run.invoiceCount)} testId="sum-invoices" />
        <Stat label="Tổng m3" value={fmtInt(run.consumption)} testId="sum-m3" />
        <Stat label="Tổng tiền" value={fmtVnd(run.amount)} testId="sum-amount" />
      </div>
      {!active && <SkippedList run={run} bookIdOf={bookIdOf} />}
      {!active && <WarningsList run={run} />}
    </section>
  );
}

/** Billed, but on an assumption a person should check (e.g. 0 persons billed as 1): the rate engine's warnings. */
function WarningsList({ run }: { run: BillingRun }) {
  const [rows, setRows] = useState<BilledWithWarnings[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(
    async (offset: number) => {
      setLoading(true);
      try {
        const page = await fetchRunWarnings(run.id, offset, SKIP_PAGE);
        setRows((prev) => (offset > 0 && prev ? [...prev, ...page.rows] : page.rows));
        setTotal(page.total);
        setError(null);
      } catch (e) {
        setError(errorMessage(e, 'Không tải được danh sách hóa đơn có cảnh báo.'));
      } finally {
        setLoading(false);
      }
    },
    [run.id],
  );
  useEffect(() => {
    setRows(null);
    void load(0);
  }, [load, run.finishedAt]);

  if (error) return <p className="mt-3 text-sm text-red-700">{error}</p>;
  if (rows === null || total === 0) return null;
  return (
    <div className="mt-4" data-testid="billing-warnings">
      <h3 className="mb-2 text-sm font-semibold text-slate-800">
        Hóa đơn có cảnh báo (đã tính, cần kiểm tra lại): <span className="tabular-nums">{fmtInt(total)}</span>
      </h3>
      <div className="max-h-72 overflow-auto rounded-md border border-amber-200">
        <table className="w-full text-sm" data-testid="billing-warnings-table">
          <thead className="sticky top-0 bg-amber-50 text-left text-xs text-slate-600">
            <tr>
              <th className="px-3 py-1.5">Sổ</th>
              <th className="px-3 py-1.5 text-right">Stt</th>
              <th className="px-3 py-1.5">Mã KH</th>
              <th className="px-3 py-1.5">Tên khách hàng</th>
              <th className="px-3 py-1.5">Cảnh báo</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.invoiceId} className="border-t border-slate-100 align-top">
                <td className="px-3 py-1">{r.bookCode}</td>
                <td className="px-3 py-1 text-right tabular-nums">{r.sequenceNo}</td>
                <td className="px-3 py-1 font-mono text-xs">{r.customerCode}</td>
                <td className="px-3 py-1">
                  {r.customerName}
                  {r.invoiceKind === 'backbill' ? <span className="text-xs text-slate-500"> (hóa đơn truy thu)</span> : null}
                </td>
                <td className="px-3 py-1 text-amber-900">
                  {r.warnings.map((w) => (
                    <div key={w.code + w.message} data-code={w.code}>
                      {w.message}
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length < total && (
          <div className="border-t border-slate-100 px-3 py-2">
            <Button size="sm" onClick={() => void load(rows.length)} disabled={loading}>
              Xem thêm ({fmtInt(rows.length)} / {fmtInt(total)})
            </Button>
          </div>
        )}
      </div>
    </div>
  );
}

function SkippedList({ run, bookIdOf }: { run: BillingRun; bookIdOf: (code: string) => number | undefined }) {
  const [reason, setReason] = useState<string | null>(null);
  const [rows, setRows] = useState<SkippedCustomer[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const skippedTotal = run.skipped.reduce((s, x) => s + x.count, 0);

  const load = useCallback(
    async (offset: number) => {
      setLoading(true);
      try {
        const page = await fetchRunSkips(run.id, reason, offset, SKIP_PAGE);
        setRows((prev) => (offset > 0 && prev ? [...prev, ...page.rows] : page.rows));
        setTotal(page.total);
        setError(null);
      } catch (e) {
        setError(errorMessage(e, 'Không tải được danh sách khách hàng bị bỏ qua.'));
      } finally {
        setLoading(false);
      }
    },
    [run.id, reason],
  );
  useEffect(() => {
    setRows(null);
    if (skippedTotal > 0) void load(0);
  }, [load, skippedTotal]);

  if (skippedTotal === 0) {
    return (
      <p className="mt-3 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800" data-testid="skipped-none">
        Không có khách hàng nào bị bỏ qua.
      </p>
    );
  }
  return (
    <div className="mt-4" data-testid="skipped">
      <h3 className="mb-2 text-sm font-semibold text-slate-800">
        Khách hàng bị bỏ qua: <span className="tabular-nums">{fmtInt(skippedTotal)}</span>
      </h3>
      <div className="mb-2 flex flex-wrap gap-1.5">
        <button
          type="button"
          onClick={() => setReason(null)}
          className={`rounded-full border px-2.5 py-0.5 text-xs ${reason === null ? 'border-brand-600 bg-brand-600 text-white' : 'border-slate-300 bg-white text-slate-700'}`}
        >
          Tất cả ({fmtInt(skippedTotal)})
        </button>
        {run.skipped.map((s) => (
          <button
            key={s.reason}
            type="button"
            onClick={() => setReason(s.reason)}
            data-testid={`skip-reason-${s.reason}`}
            className={`rounded-full border px-2.5 py-0.5 text-xs ${reason === s.reason ? 'border-brand-600 bg-brand-600 text-white' : 'border-slate-300 bg-white text-slate-700 hover:bg-slate-50'}`}
          >
            {s.label}: <strong className="tabular-nums">{fmtInt(s.count)}</strong>
          </button>
        ))}
      </div>
      {error ? (
        <p className="text-sm text-red-700">{error}</p>
      ) : rows === null ? (
        <Spinner size="sm" />
      ) : (
        <div className="max-h-72 overflow-auto rounded-md border border-slate-200">
          <table className="w-full text-sm" data-testid="skipped-table">
            <thead className="sticky top-0 bg-slate-100 text-left text-xs text-slate-600">
              <tr>
                <th className="px-3 py-1.5">Sổ</th>
                <th className="px-3 py-1.5 text-right">Stt</th>
                <th className="px-3 py-1.5">Mã KH</th>
                <th className="px-3 py-1.5">Tên khách hàng</th>
                <th className="px-3 py-1.5">Lý do</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.customerId} className="border-t border-slate-100">
                  <td className="px-3 py-1">{r.bookCode}</td>
                  <td className="px-3 py-1 text-right tabular-nums">{r.sequenceNo}</td>
                  <td className="px-3 py-1 font-mono text-xs">
                    {r.reason === 'no_reading' || r.reason === 'anomaly_open' ? (
                      <Link className="text-brand-700 underline" href={
                          r.reason === 'anomaly_open'
                            ? `/anomalies?period=${run.period}${bookIdOf(r.bookCode) ? `&book=${bookIdOf(r.bookCode)}` : ''}`
                            : `/readings?period=${run.period}&customer=${r.customerCode}${bookIdOf(r.bookCode) ? `&book=${bookIdOf(r.bookCode)}` : ''}`
                        }>
                        {r.customerCode}
                      </Link>
                    ) : (
                      r.customerCode
                    )}
                  </td>
                  <td className="px-3 py-1">{r.customerName}</td>
                  <td className="px-3 py-1 text-slate-700">{r.reasonLabel}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length < total && (
            <div className="border-t border-slate-100 px-3 py-2">
              <Button size="sm" onClick={() => void load(rows.length)} disabled={loading}>
                Xem thêm ({fmtInt(rows.length)} / {fmtInt(total)})
              </Button>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
