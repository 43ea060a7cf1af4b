'use client';

import Link from 'next/link';
import { useMemo, useState } from 'react';
import { useMutation, useQuery, type SSRData } from 'urql';
import { Button } from '@/components/ui/button';
import { useConfirm } from '@/components/ui/confirm';
import { DataGrid, type DataGridColumn } from '@/components/ui/data-grid';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import { ToastProvider, useToast } from '@/components/ui/toast';
import { Toolbar, ToolbarButton, ToolbarSeparator } from '@/components/ui/toolbar';
import { ReadOnlyBadge } from '@/components/ui/read-only-badge';
import { useHotkeys } from '@/components/ui/use-hotkeys';
import { averageOfLast3 } from '@/domain/reading/anomaly';
import { errorMessage } from '@/lib/graphql/errors';
import { readFragment } from '@/lib/graphql/graphql';
import { useHydrate } from '@/lib/graphql/provider';
import { currentPeriod, fmtDateTime, fmtInt, periodLabel } from './format';
import { UsageChart, periodsOf } from './history-panel';
import { PeriodPicker } from './period-picker';
import { AnomalyBadgeList } from './reading-cells';
import {
  ANOMALY_TYPENAMES,
  ReadingBookFragment,
  ReadingBooksQuery,
  ResolveAnomaliesMutation,
  type AnomalyQueueRow,
  type AnomalyStatus,
} from './readings.documents';
import { useAnomalyQueue } from './use-anomaly-queue';
import { useCustomerHistory } from './use-customer-history';

type Status = AnomalyStatus;

const COLUMNS: DataGridColumn<AnomalyQueueRow>[] = [
  { key: 'period', header: 'Kỳ', width: 74, value: (r) => r.period, render: (r) => periodLabel(r.period) },
  { key: 'book', header: 'Sổ', width: 52, value: (r) => r.bookCode },
  { key: 'seq', header: 'Stt', width: 54, align: 'right', value: (r) => r.sequenceNo },
  { key: 'code', header: 'Mã KH', width: 92, value: (r) => r.customerCode },
  { key: 'name', header: 'Tên khách hàng', width: 'minmax(140px,1fr)', value: (r) => r.customerName },
  {
    key: 'prev',
    header: 'Chỉ số cũ',
    width: 76,
    align: 'right',
    value: (r) => r.previousIndex,
    render: (r) => fmtInt(r.previousIndex),
  },
  {
    key: 'cur',
    header: 'Chỉ số mới',
    width: 86,
    align: 'right',
    value: (r) => r.currentIndex,
    render: (r) => (r.currentIndex === null ? '—' : fmtInt(r.currentIndex)),
  },
  {
    key: 'm3',
    header: 'm3',
    width: 64,
    align: 'right',
    value: (r) => r.consumption,
    render: (r) => <span className="font-semibold text-red-700">{fmtInt(r.consumption)}</span>,
  },
  { key: 'rcode', header: 'Mã đọc', width: 110, value: (r) => r.codeLabel },
  {
    key: 'anomalies',
    header: 'Bất thường',
    width: 'minmax(150px,1fr)',
    sortable: false,
    render: (r) => (
      <AnomalyBadgeList
        kinds={r.anomalies}
        local={false}
        status={r.anomalyStatus}
        testId={`queue-anomaly-${r.customerCode}`}
      />
    ),
  },
  { key: 'note', header: 'Ghi chú', width: 'minmax(100px,0.8fr)', value: (r) => r.note ?? '' },
];

const getKey = (r: AnomalyQueueRow) => String(r.id);

export interface AnomalyQueueScreenProps {
  editableBooks: number[] | null;
  initialPeriod: string | null;
  initialBookId: number | null;
  /** The books and the first page of the queue, executed by the Server Component (useHydrate). */
  initialData?: SSRData;
}

export function AnomalyQueueScreen(props: AnomalyQueueScreenProps) {
  return (
    <ToastProvider>
      <Screen {...props} />
    </ToastProvider>
  );
}

function Screen({ editableBooks, initialPeriod, initialBookId, initialData }: AnomalyQueueScreenProps) {
  const toast = useToast();
  const { confirm, confirmElement } = useConfirm();
  const requestPolicy = useHydrate(initialData);
  const maxPeriod = useMemo(() => currentPeriod(), []);
  const [bookId, setBookId] = useState<number | null>(initialBookId);
  const [period, setPeriod] = useState<string>(initialPeriod ?? maxPeriod);
  const [status, setStatus] = useState<Status>('OPEN');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const [note, setNote] = useState('');

  const [booksResult] = useQuery({ query: ReadingBooksQuery, variables: {}, requestPolicy });
  const books = booksResult.data ? readFragment(ReadingBookFragment, booksResult.data.readingBooks.rows) : null;
  // Resolving invalidates every loaded page (ANOMALY_TYPENAMES), so the cache re-runs them; no reload by hand.
  const queue = useAnomalyQueue({ bookId, period, status }, requestPolicy);
  const [resolving, executeResolve] = useMutation(ResolveAnomaliesMutation);
  const busy = resolving.fetching;
  const loading = queue.fetching;
  const { rows, total, refresh } = queue;
  const failure = booksResult.error ?? queue.error;
  const error = failure && !rows ? errorMessage(failure, 'Không tải được danh sách bất thường.') : null;
  const moreError = queue.error && rows ? errorMessage(queue.error, 'Không tải được danh sách bất thường.') : null;

  // A new list keeps the selection that is still in it, else selects its first row (adjusted while rendering, so
  // no frame shows a selection of rows that are gone).
  const [selectedIn, setSelectedIn] = useState<typeof rows>(null);
  if (rows && rows !== selectedIn) {
    setSelectedIn(rows);
    const keys = new Set(rows.map(getKey));
    const kept = [...selected].filter((k) => keys.has(k));
    const first = rows[0];
    if (kept.length > 0) {
      if (kept.length !== selected.size) setSelected(new Set(kept));
    } else setSelected(first ? new Set([getKey(first)]) : new Set());
    if (!(activeKey && keys.has(activeKey))) setActiveKey(first ? getKey(first) : null);
  }

  const active = rows?.find((r) => getKey(r) === activeKey) ?? null;
  const chosen = useMemo(() => (rows ?? []).filter((r) => selected.has(getKey(r))), [rows, selected]);
  const canEdit = (r: AnomalyQueueRow) => editableBooks === null || editableBooks.includes(r.bookId);
  const actionable = chosen.filter(canEdit);
  /** Why the supervisor's buttons are off: no book of the queue may be edited by this user, or not the chosen ones. */
  const noRight =
    editableBooks !== null && editableBooks.length === 0
      ? 'Bạn không có quyền duyệt chỉ số bất thường.'
      : actionable.length < chosen.length
        ? 'Bạn không có quyền sửa chỉ số của một số sổ đã chọn.'
        : null;

  const act = async (action: 'clear' | 'reopen') => {
    if (chosen.length === 0)
      return void toast.info('Chọn các chỉ số cần xử lý (Ctrl+bấm để chọn nhiều, Ctrl+A chọn tất cả).');
    if (actionable.length < chosen.length)
      return void toast.error('Bạn không có quyền sửa chỉ số của một số sổ đã chọn.');
    const negative = chosen.filter((r) => r.anomalies.includes('negative'));
    if (action === 'clear' && negative.length > 0) {
      return void toast.error(
        `${negative.map((r) => r.customerCode).join(', ')}: chỉ số mới nhỏ hơn chỉ số cũ, hãy sửa chỉ số trước khi duyệt.`,
      );
    }
    const ok = await confirm({
      title: action === 'clear' ? 'Duyệt chỉ số bất thường' : 'Mở lại chỉ số',
      message:
        action === 'clear'
          ? `Chấp nhận ${fmtInt(chosen.length)} chỉ số đã chọn để tính hóa đơn?${note.trim() ? ` Ghi chú: “${note.trim()}”.` : ''}`
          : `Đưa ${fmtInt(chosen.length)} chỉ số đã chọn trở lại danh sách chờ duyệt? Khách hàng sẽ không được tính hóa đơn cho đến khi duyệt lại.`,
      confirmLabel: action === 'clear' ? 'Duyệt' : 'Mở lại',
    });
    if (!ok) return;
    const result = await executeResolve(
      { readingIds: chosen.map((r) => r.id), action, note: note.trim() || null },
      { additionalTypenames: ANOMALY_TYPENAMES },
    );
    if (result.error || result.data === undefined)
      return void toast.error(errorMessage(result.error, 'Không xử lý được.'));
    const n = result.data.resolveAnomalies;
    toast.success(action === 'clear' ? `Đã duyệt ${fmtInt(n)} chỉ số.` : `Đã mở lại ${fmtInt(n)} chỉ số.`);
    setNote('');
  };

  useHotkeys({ F2: () => void act(status === 'OPEN' ? 'clear' : 'reopen') });

  return (
    <div className="flex h-full min-h-0 flex-col">
      <header className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-white px-4 py-2.5">
        <h1 className="text-lg font-semibold text-slate-900">Chỉ số bất thường</h1>
        {editableBooks !== null && editableBooks.length === 0 && (
          <ReadOnlyBadge reason="Bạn không có quyền duyệt chỉ số bất thường." />
        )}
        <label className="flex items-center gap-2 text-sm">
          <span className="text-slate-600">Sổ đọc</span>
          <select
            value={bookId ?? ''}
            data-testid="book-picker"
            onChange={(e) => {
              setBookId(e.target.value ? Number(e.target.value) : null);
            }}
            className="max-w-xs rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm font-medium"
          >
            <option value="">Tất cả sổ được giao</option>
            {(books ?? []).map((b) => (
              <option key={b.id} value={b.id}>
                {b.code} – {b.name}
              </option>
            ))}
          </select>
        </label>
        <PeriodPicker
          value={period}
          max={maxPeriod}
          allowEmpty
          onChange={(p) => {
            setPeriod(p);
          }}
        />
        <div
          role="radiogroup"
          aria-label="Trạng thái"
          className="inline-flex overflow-hidden rounded-md border border-slate-300"
        >
          {(
            [
              ['OPEN', 'Chờ duyệt'],
              ['CLEARED', 'Đã duyệt'],
            ] as [Status, string][]
          ).map(([s, label]) => (
            <button
              key={s}
              type="button"
              role="radio"
              aria-checked={status === s}
              data-testid={`status-${s.toLowerCase()}`}
              onClick={() => {
                setStatus(s);
              }}
              className={`border-r border-slate-300 px-2.5 py-1.5 text-sm last:border-r-0 ${status === s ? 'bg-brand-600 font-medium text-white' : 'bg-white text-slate-700 hover:bg-slate-50'}`}
            >
              {label}
            </button>
          ))}
        </div>
        <span className="flex-1" />
        <span className="text-sm text-slate-600" data-testid="queue-count">
          {rows ? (
            <>
              <strong className="tabular-nums text-slate-900">{fmtInt(total)}</strong> chỉ số{' '}
              {status === 'OPEN' ? 'chờ duyệt' : 'đã duyệt'}
              {chosen.length > 1 ? ` · đã chọn ${fmtInt(chosen.length)}` : ''}
            </>
          ) : null}
        </span>
      </header>
      <div className="border-b border-slate-200 bg-white px-4 py-2">
        <Toolbar label="Xử lý chỉ số bất thường">
          {status === 'OPEN' ? (
            <Button
              variant="primary"
              shortcut="F2"
              onClick={() => void act('clear')}
              disabled={busy || chosen.length === 0}
              disabledReason={noRight}
              data-testid="btn-clear"
            >
              {chosen.length > 1 ? `Duyệt ${fmtInt(chosen.length)} chỉ số` : 'Duyệt (cho tính tiền)'}
            </Button>
          ) : (
            <Button
              shortcut="F2"
              onClick={() => void act('reopen')}
              disabled={busy || chosen.length === 0}
              disabledReason={noRight}
              data-testid="btn-reopen"
            >
              {chosen.length > 1 ? `Mở lại ${fmtInt(chosen.length)} chỉ số` : 'Mở lại'}
            </Button>
          )}
          <input
            type="text"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={500}
            placeholder="Ghi chú khi duyệt (không bắt buộc)"
            aria-label="Ghi chú khi duyệt"
            data-testid="resolve-note"
            readOnly={editableBooks !== null && editableBooks.length === 0}
            className="w-72 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm"
          />
          <ToolbarSeparator />
          {active ? (
            <Link
              href={`/readings?book=${active.bookId}&period=${active.period}&customer=${active.customerCode}`}
              data-testid="btn-open-reading"
              className="inline-flex items-center rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
            >
              Sửa chỉ số…
            </Link>
          ) : null}
          <ToolbarButton label="Làm mới" onClick={refresh} disabled={loading} data-testid="btn-refresh" />
        </Toolbar>
      </div>
      <div className="flex min-h-0 flex-1 gap-3 p-3">
        <div className="flex min-h-0 min-w-0 flex-1 flex-col gap-1.5">
          <div className="min-h-0 flex-1">
            {error ? (
              <EmptyState
                tone="error"
                title="Không tải được danh sách"
                description={error}
                action={<Button onClick={refresh}>Thử lại</Button>}
                className="h-full rounded-md border border-red-200 bg-white"
              />
            ) : rows === null ? (
              <div className="flex h-full items-center justify-center rounded-md border border-slate-200 bg-white">
                <Spinner label="Đang tải chỉ số bất thường…" />
              </div>
            ) : (
              <DataGrid
                rows={rows}
                columns={COLUMNS}
                getRowKey={getKey}
                label="Chỉ số bất thường"
                selectedKeys={selected}
                activeKey={activeKey}
                onSelectionChange={(keys, a) => {
                  setSelected(keys);
                  setActiveKey(a);
                }}
                onRowActivate={() => void act(status === 'OPEN' ? 'clear' : 'reopen')}
                data-testid="anomaly-grid"
                rowTestId="anomaly-row"
                emptyContent={
                  <EmptyState
                    icon="✓"
                    title={status === 'OPEN' ? 'Không có chỉ số bất thường chờ duyệt' : 'Chưa có chỉ số nào được duyệt'}
                    description={
                      period
                        ? `Kỳ ${periodLabel(period)}${bookId ? `, sổ ${books?.find((b) => b.id === bookId)?.code ?? ''}` : ''}.`
                        : undefined
                    }
                  />
                }
              />
            )}
          </div>
          <div className="flex items-center gap-3 text-xs text-slate-500">
            {rows && queue.hasNextPage && (
              <Button size="sm" onClick={queue.loadMore} disabled={loading} data-testid="btn-load-more">
                Tải thêm ({fmtInt(rows.length)} / {fmtInt(total)})
              </Button>
            )}
            {moreError && (
              <span role="alert" className="text-red-700">
                {moreError}
              </span>
            )}
            {loading && <Spinner size="sm" hideLabel />}
            <span className="ml-auto">Ctrl+bấm: chọn nhiều · Ctrl+A: chọn tất cả · Enter/F2: duyệt</span>
          </div>
        </div>
        <AnomalyDetail row={active} />
      </div>
      {confirmElement}
    </div>
  );
}

function AnomalyDetail({ row }: { row: AnomalyQueueRow | null }) {
  const history = useCustomerHistory(row?.customerId ?? null, row?.period ?? '');
  const error = history.error;
  if (!row) {
    return (
      <aside className="w-[264px] shrink-0 rounded-md border border-slate-200 bg-white p-4 text-sm text-slate-500">
        Chọn một dòng để xem lịch sử dùng nước.
      </aside>
    );
  }
  const loaded = history.rows;
  const bars = loaded ? periodsOf(loaded) : [];
  if (loaded) bars.push({ period: row.period, m3: row.consumption, estimated: false, flagged: true, current: true });
  const avg = loaded
    ? averageOfLast3(
        periodsOf(loaded)
          .reverse()
          .map((b) => b.m3),
      )
    : 0;
  return (
    <aside
      className="flex w-[264px] shrink-0 flex-col gap-2 overflow-auto rounded-md border border-slate-200 bg-white p-3 text-sm"
      data-testid="anomaly-detail"
    >
      <div>
        <div className="font-mono text-xs text-slate-500">
          {row.customerCode} · sổ {row.bookCode} · Stt {row.sequenceNo}
        </div>
        <div className="font-semibold text-slate-900">{row.customerName}</div>
        <div className="text-xs text-slate-600">{row.address}</div>
        <div className="mt-1 text-xs text-slate-500">
          Đồng hồ <span className="font-mono">{row.meterSerial}</span> · nhập lúc {fmtDateTime(row.enteredAt)}
        </div>
      </div>
      <div className="rounded bg-red-50 px-2 py-1.5 text-xs text-red-800">
        Kỳ {periodLabel(row.period)}: {fmtInt(row.previousIndex)} →{' '}
        {row.currentIndex === null ? '—' : fmtInt(row.currentIndex)} = <strong>{fmtInt(row.consumption)} m3</strong>
        <ul className="mt-1 list-disc pl-4">
          {row.anomalyLabels.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      </div>
      <div>
        <div className="mb-1 flex items-center justify-between text-xs font-semibold text-slate-600">
          <span>12 kỳ trước</span>
          {avg > 0 && <span className="font-normal text-slate-500">TB 3 kỳ: {fmtInt(avg)} m3</span>}
        </div>
        {error ? (
          <p className="text-xs text-red-700">{error}</p>
        ) : !loaded ? (
          <Spinner size="sm" label="Đang tải lịch sử…" />
        ) : loaded.length === 0 ? (
          <p className="text-xs text-slate-500">Chưa có chỉ số các kỳ trước.</p>
        ) : (
          <UsageChart bars={bars} average={avg} />
        )}
      </div>
    </aside>
  );
}
