'use client';

import { useMemo, useRef, useState } from 'react';
import { useQuery, type SSRData } from 'urql';
import { fmtDateTime, fmtVnd, todayVN } from '@/components/readings/format';
import { Button } from '@/components/ui/button';
import { DataGrid, type DataGridColumn } from '@/components/ui/data-grid';
import { EmptyState } from '@/components/ui/empty-state';
import { ReadOnlyBadge } from '@/components/ui/read-only-badge';
import { Spinner } from '@/components/ui/spinner';
import { ToastProvider, useToast } from '@/components/ui/toast';
import { useHotkeys } from '@/components/ui/use-hotkeys';
import { errorMessage } from '@/lib/graphql/errors';
import { readFragment } from '@/lib/graphql/graphql';
import { useHydrate } from '@/lib/graphql/provider';
import { exceptionLabel } from './reconciliation-format';
import { ResolveExceptionDialog } from './reconciliation-resolve-dialog';
import { uploadReconciliation, type ReconciliationUploadResult } from './reconciliation-upload';
import {
  PaymentPartnersQuery,
  RECONCILIATION_TYPENAMES,
  ReconciliationExceptionFragment,
  ReconciliationExceptionsQuery,
  ReconciliationsQuery,
  type ReconciliationExceptionRow,
} from './reconciliation.documents';

interface ReconciliationRights {
  /** Import a partner's file and resolve exceptions ('payments' edit on some branch). */
  canEdit: boolean;
}

export interface ReconciliationScreenProps {
  rights: ReconciliationRights;
  /** The partners and the reconciliation list, executed by the Server Component through the same documents. */
  initialData?: SSRData;
}

const dayText = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
const money = (n: number | null) => (n === null ? '—' : fmtVnd(n));

const COLUMNS: DataGridColumn<ReconciliationExceptionRow>[] = [
  { key: 'kind', header: 'Loại chênh lệch', width: 190, value: (e) => exceptionLabel(e) },
  {
    key: 'transactionId',
    header: 'Mã giao dịch',
    width: 150,
    value: (e) => e.transactionId,
    render: (e) => <span className="font-mono text-xs">{e.isBankCredit ? 'Tiền về tài khoản' : e.transactionId}</span>,
  },
  {
    key: 'customer',
    header: 'Khách hàng',
    width: 'minmax(180px,1fr)',
    value: (e) => (e.customerCode ? `${e.customerCode} ${e.customerName ?? ''}` : ''),
    render: (e) =>
      e.customerCode ? (
        <span className="truncate">
          <span className="font-mono text-xs">{e.customerCode}</span> {e.customerName ?? '(không có trong hệ thống)'}
        </span>
      ) : (
        <span className="text-slate-400">—</span>
      ),
  },
  {
    key: 'partnerAmount',
    header: 'Theo đối tác',
    width: 120,
    align: 'right',
    value: (e) => e.partnerAmount,
    render: (e) => <span className="tabular-nums">{money(e.partnerAmount)}</span>,
  },
  {
    key: 'ourAmount',
    header: 'Theo ta / tài khoản',
    width: 130,
    align: 'right',
    value: (e) => e.ourAmount,
    render: (e) => <span className="tabular-nums">{money(e.ourAmount)}</span>,
  },
  { key: 'receipt', header: 'Phiếu thu', width: 110, value: (e) => e.receiptNumber },
  {
    key: 'status',
    header: 'Xử lý',
    width: 'minmax(200px,1.2fr)',
    value: (e) => e.resolution ?? '',
    render: (e) =>
      e.resolvedAt ? (
        <span className="truncate text-emerald-800" title={e.resolution ?? ''}>
          ✓ {e.resolvedByName}: {e.resolution}
        </span>
      ) : (
        <span className="text-amber-800">Chưa xử lý</span>
      ),
  },
];

/**
 * Đối soát đối tác: a partner's daily file matched against our ledger and the bank credit; the exceptions each get a
 * cashier's note. Enter (or double-click) on an exception opens "Xử lý"; F9 reloads.
 */
export function ReconciliationScreen(props: ReconciliationScreenProps) {
  return (
    <ToastProvider>
      <Screen {...props} />
    </ToastProvider>
  );
}

function Screen({ rights, initialData }: ReconciliationScreenProps) {
  const toast = useToast();
  const requestPolicy = useHydrate(initialData);
  const today = useMemo(() => todayVN(), []);
  const context = useMemo(() => RECONCILIATION_TYPENAMES, []);
  const [partnersResult] = useQuery({ query: PaymentPartnersQuery, requestPolicy });
  const partners = partnersResult.data?.paymentPartners ?? null;
  const [partnerChoice, setPartnerChoice] = useState<number | null>(null);
  const partnerId = partnerChoice ?? partners?.find((p) => p.active)?.id ?? partners?.[0]?.id ?? null;
  const [day, setDay] = useState(today);
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [last, setLast] = useState<ReconciliationUploadResult | null>(null);

  const [listResult, refetchList] = useQuery({
    query: ReconciliationsQuery,
    variables: { partnerId: null },
    requestPolicy,
    context,
  });
  const list = listResult.data?.reconciliations ?? null;
  const [chosen, setChosen] = useState<number | null>(null);
  const reconciliationId = chosen ?? list?.[0]?.id ?? null;
  const [openOnly, setOpenOnly] = useState(false);
  const [exceptionsResult, refetchExceptions] = useQuery({
    query: ReconciliationExceptionsQuery,
    variables: { reconciliationId, openOnly },
    pause: reconciliationId === null,
    context,
  });
  const exceptions = useMemo(
    () =>
      exceptionsResult.data
        ? readFragment(ReconciliationExceptionFragment, exceptionsResult.data.reconciliationExceptions)
        : null,
    [exceptionsResult.data],
  );
  const [active, setActive] = useState<string | null>(null);
  const [resolving, setResolving] = useState<ReconciliationExceptionRow | null>(null);
  const selectedKeys = useMemo(() => new Set(active ? [active] : []), [active]);
  const selected = list?.find((r) => r.id === reconciliationId) ?? null;

  const reload = () => {
    refetchList({ requestPolicy: 'network-only' });
    if (reconciliationId !== null) refetchExceptions({ requestPolicy: 'network-only' });
  };
  const openResolve = (row: ReconciliationExceptionRow | undefined) => {
    if (!row) return;
    if (row.resolvedAt) return void toast.info('Chênh lệch này đã được xử lý.');
    if (!rights.canEdit) return void toast.error('Bạn cần quyền “Thu tiền – Sửa” để xử lý chênh lệch.');
    setResolving(row);
  };
  useHotkeys({ F9: reload, F2: () => openResolve(exceptions?.find((e) => String(e.id) === active)) });

  const upload = async () => {
    if (!file || partnerId === null || uploading) return;
    setUploading(true);
    setUploadError(null);
    try {
      const result = await uploadReconciliation({ file, partnerId, day });
      setLast(result);
      setChosen(result.reconciliation.id);
      toast.success(
        result.alreadyImported
          ? 'Tệp này đã được đối soát trước đó: hiển thị kết quả lần trước.'
          : `Đã đối soát: ${result.reconciliation.matched} giao dịch khớp, ${result.reconciliation.exceptions} chênh lệch.`,
      );
      refetchList({ requestPolicy: 'network-only' });
      setFile(null);
      if (fileRef.current) fileRef.current.value = '';
    } catch (e) {
      setUploadError(e instanceof Error ? e.message : 'Không đối soát được, vui lòng thử lại.');
    } finally {
      setUploading(false);
    }
  };

  return (
    <div className="flex h-full min-h-0 flex-col">
      <header className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-white px-4 py-2">
        <h1 className="text-lg font-semibold text-slate-900">Đối soát đối tác</h1>
        {!rights.canEdit && <ReadOnlyBadge reason="Cần quyền “Thu tiền – Sửa” để nhập tệp và xử lý chênh lệch." />}
        <span className="text-xs text-slate-500">Enter/F2 xử lý chênh lệch · F9 tải lại</span>
      </header>

      {rights.canEdit && (
        <form
          className="flex flex-wrap items-end gap-3 border-b border-slate-200 bg-slate-50 px-4 py-3"
          data-testid="reconciliation-upload"
          onSubmit={(e) => {
            e.preventDefault();
            void upload();
          }}
        >
          <label className="flex flex-col gap-1 text-xs text-slate-600">
            Đối tác
            <select
              value={partnerId ?? ''}
              onChange={(e) => setPartnerChoice(Number(e.target.value))}
              data-testid="reconciliation-partner"
              className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
            >
              {(partners ?? []).map((p) => (
                <option key={p.id} value={p.id}>
                  {p.code} – {p.name}
                  {p.active ? '' : ' (ngừng)'}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1 text-xs text-slate-600">
            Ngày giao dịch
            <input
              type="date"
              value={day}
              max={today}
              onChange={(e) => e.target.value && setDay(e.target.value)}
              data-testid="reconciliation-day"
              className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
            />
          </label>
          <label className="flex flex-col gap-1 text-xs text-slate-600">
            Tệp của đối tác (CSV, tối đa 5 MB)
            <input
              ref={fileRef}
              type="file"
              accept=".csv,text/csv"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              data-testid="reconciliation-file"
              className="text-sm"
            />
          </label>
          <Button
            type="submit"
            variant="primary"
            disabled={uploading}
            disabledReason={
              partnerId === null ? 'Chưa có đối tác nào.' : !file ? 'Chọn tệp đối soát của đối tác.' : null
            }
            data-testid="btn-reconcile"
          >
            {uploading ? 'Đang đối soát…' : 'Đối soát'}
          </Button>
          {uploadError && (
            <p
              role="alert"
              className="w-full whitespace-pre-line text-sm text-red-700"
              data-testid="reconciliation-error"
            >
              {uploadError}
            </p>
          )}
          {last && (
            <p className="w-full text-sm text-slate-700" data-testid="reconciliation-summary" aria-live="polite">
              {last.alreadyImported ? 'Tệp đã đối soát trước đó. ' : ''}
              {last.reconciliation.partnerCode} ngày {dayText(last.reconciliation.businessDay)}: khớp{' '}
              <b>{last.reconciliation.matched}</b>, chênh lệch <b>{last.reconciliation.exceptions}</b>. Tệp: đã thu{' '}
              {fmtVnd(last.totals.partnerPaid)}, đã hủy {fmtVnd(last.totals.partnerReversed)}; sổ thu của ta{' '}
              {fmtVnd(last.totals.ourPosted)}; tiền về tài khoản{' '}
              {last.totals.bankCredit === null ? 'chưa thấy' : fmtVnd(last.totals.bankCredit)}.
            </p>
          )}
        </form>
      )}

      <div className="grid min-h-0 flex-1 grid-cols-1 md:grid-cols-[22rem_1fr]">
        <aside className="min-h-0 overflow-y-auto border-r border-slate-200 bg-white">
          {listResult.error ? (
            <EmptyState
              tone="error"
              title="Không tải được danh sách đối soát"
              description={errorMessage(listResult.error)}
            />
          ) : list === null ? (
            <div className="p-4">
              <Spinner label="Đang tải…" />
            </div>
          ) : list.length === 0 ? (
            <EmptyState
              title="Chưa có lần đối soát nào"
              description="Chọn đối tác, ngày và tệp của đối tác để đối soát."
            />
          ) : (
            <ul aria-label="Các lần đối soát" className="divide-y divide-slate-100" data-testid="reconciliation-list">
              {list.map((r) => (
                <li key={r.id}>
                  <button
                    type="button"
                    onClick={() => setChosen(r.id)}
                    aria-current={r.id === reconciliationId}
                    className={`w-full px-3 py-2 text-left text-sm ${r.id === reconciliationId ? 'bg-brand-50' : 'hover:bg-slate-50'}`}
                  >
                    <div className="font-medium text-slate-900">
                      {r.partnerCode} · {dayText(r.businessDay)}
                    </div>
                    <div className="text-xs text-slate-500">
                      {r.fileName} · {r.importedByName}, {fmtDateTime(r.importedAt)}
                    </div>
                    <div className="text-xs">
                      Khớp {r.matched} · Chênh lệch {r.exceptions}
                      {r.openExceptions > 0 ? (
                        <span className="ml-1 text-amber-800">({r.openExceptions} chưa xử lý)</span>
                      ) : (
                        <span className="ml-1 text-emerald-800">(đã xử lý hết)</span>
                      )}
                    </div>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </aside>
        <main className="flex min-h-0 flex-col">
          <div className="flex items-center gap-3 border-b border-slate-200 bg-white px-4 py-2 text-sm">
            <span className="font-medium text-slate-800">
              {selected ? `Chênh lệch ${selected.partnerCode} ngày ${dayText(selected.businessDay)}` : 'Chênh lệch'}
            </span>
            <label className="inline-flex items-center gap-1.5">
              <input
                type="checkbox"
                checked={openOnly}
                onChange={(e) => setOpenOnly(e.target.checked)}
                className="h-4 w-4 accent-brand-600"
                data-testid="exceptions-open-only"
              />
              Chỉ chưa xử lý
            </label>
            {exceptionsResult.fetching && <Spinner label="Đang tải…" />}
          </div>
          <div className="min-h-0 flex-1">
            {exceptionsResult.error ? (
              <EmptyState
                tone="error"
                title="Không tải được chênh lệch"
                description={errorMessage(exceptionsResult.error)}
              />
            ) : reconciliationId === null ? null : (
              <DataGrid
                rows={exceptions ?? []}
                columns={COLUMNS}
                getRowKey={(e) => String(e.id)}
                label="Chênh lệch đối soát"
                multiSelect={false}
                activeKey={active}
                selectedKeys={selectedKeys}
                onSelectionChange={(_keys, key) => setActive(key)}
                onRowActivate={openResolve}
                emptyContent={
                  exceptions === null ? (
                    <Spinner label="Đang tải…" />
                  ) : (
                    <span className="text-slate-500">Không có chênh lệch nào bạn được xem: hai bên khớp.</span>
                  )
                }
                data-testid="exceptions-grid"
                rowTestId="exception-row"
              />
            )}
          </div>
        </main>
      </div>
      {resolving && (
        <ResolveExceptionDialog
          exception={resolving}
          onClose={() => setResolving(null)}
          onDone={() => {
            setResolving(null);
            reload();
          }}
        />
      )}
    </div>
  );
}
