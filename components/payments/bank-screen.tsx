'use client';

import { useMemo, useState } from 'react';
import type { SSRData } from 'urql';
import { fmtDateTime, fmtInt, fmtVnd } from '@/components/readings/format';
import { Button } from '@/components/ui/button';
import { DataGrid, type DataGridColumn } from '@/components/ui/data-grid';
import { EmptyState } from '@/components/ui/empty-state';
import { ReadOnlyBadge } from '@/components/ui/read-only-badge';
import { Spinner } from '@/components/ui/spinner';
import { ToastProvider, useToast } from '@/components/ui/toast';
import { Toolbar, ToolbarButton, ToolbarSeparator, ToolbarSpacer } from '@/components/ui/toolbar';
import { useHotkeys } from '@/components/ui/use-hotkeys';
import { errorMessage } from '@/lib/graphql/errors';
import { useHydrate } from '@/lib/graphql/provider';
import { BankAllocateDialog } from './bank-allocate-dialog';
import { BANK_TABS, SOURCE_LABELS, type BankRights } from './bank-format';
import { BankIgnoreDialog } from './bank-ignore-dialog';
import { BankStatementDialog } from './bank-statement-dialog';
import { useBankTransactions } from './bank-transactions-list';
import type { BankListFilter, BankTransactionRow, BankTransactionStatus } from './bank.documents';

export interface BankScreenProps {
  rights: BankRights;
  initialFilter: BankListFilter;
  /** The first page of the starting tab, executed by the Server Component (useHydrate). */
  initialData?: SSRData;
}

const getKey = (r: BankTransactionRow) => String(r.id);

const customerText = (c: { code: string; name: string } | null) => (c ? `${c.code} – ${c.name}` : '');

function columnsFor(status: BankTransactionStatus): DataGridColumn<BankTransactionRow>[] {
  const base: DataGridColumn<BankTransactionRow>[] = [
    {
      key: 'receivedAt',
      header: 'Ngày nhận',
      width: 128,
      value: (r) => r.receivedAt,
      render: (r) => fmtDateTime(r.receivedAt),
    },
    { key: 'externalId', header: 'Số tham chiếu', width: 150, value: (r) => r.externalId },
    {
      key: 'amount',
      header: 'Số tiền',
      width: 112,
      align: 'right',
      value: (r) => r.amount,
      render: (r) => <span className="tabular-nums">{fmtVnd(r.amount)}</span>,
    },
    {
      key: 'description',
      header: 'Nội dung chuyển khoản',
      width: 'minmax(220px,1.4fr)',
      value: (r) => r.description,
      render: (r) => (
        <span className="truncate font-mono text-xs" title={r.description}>
          {r.description}
        </span>
      ),
    },
  ];
  const tail: DataGridColumn<BankTransactionRow>[] =
    status === 'SUSPENSE'
      ? [
          {
            key: 'suggested',
            header: 'Gợi ý khách hàng',
            width: 'minmax(160px,1fr)',
            value: (r) => customerText(r.suggestedCustomer),
            render: (r) =>
              r.suggestedCustomer ? (
                <span className="truncate text-brand-700" title="Mã khách hàng tìm thấy trong nội dung chuyển khoản">
                  {customerText(r.suggestedCustomer)}
                </span>
              ) : (
                <span className="text-slate-400">—</span>
              ),
          },
        ]
      : status === 'IGNORED'
        ? [
            { key: 'by', header: 'Người xử lý', width: 130, value: (r) => r.resolvedByName ?? '' },
            { key: 'note', header: 'Lý do bỏ qua', width: 'minmax(160px,1fr)', value: (r) => r.resolutionNote ?? '' },
          ]
        : [
            {
              key: 'customer',
              header: 'Khách hàng',
              width: 'minmax(160px,1fr)',
              value: (r) => customerText(r.customer),
            },
            { key: 'receipt', header: 'Phiếu thu', width: 100, value: (r) => r.receiptNumber ?? '' },
            ...(status === 'ALLOCATED'
              ? [
                  {
                    key: 'by',
                    header: 'Người phân bổ',
                    width: 130,
                    value: (r: BankTransactionRow) => r.resolvedByName ?? '',
                  },
                ]
              : []),
          ];
  return [...base, ...tail, { key: 'source', header: 'Nguồn', width: 72, value: (r) => SOURCE_LABELS[r.source] }];
}

/**
 * Chuyển khoản ngân hàng: money on the company's account. The suspense tab lists what no payment code matched,
 * with the customer the description seems to name; a cashier allocates it (F2) or ignores it with a reason (F3).
 * Statements are imported with F4; the other tabs show what was matched, allocated or ignored.
 */
export function BankScreen(props: BankScreenProps) {
  return (
    <ToastProvider>
      <Screen {...props} />
    </ToastProvider>
  );
}

type Dialog =
  { kind: 'allocate'; row: BankTransactionRow } | { kind: 'ignore'; row: BankTransactionRow } | { kind: 'statement' };

function Screen({ rights, initialFilter, initialData }: BankScreenProps) {
  const toast = useToast();
  const requestPolicy = useHydrate(initialData);
  const [filter, setFilter] = useState<BankListFilter>(initialFilter);
  const [searchText, setSearchText] = useState(initialFilter.search);
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const list = useBankTransactions(filter, requestPolicy);
  const { rows } = list;
  const columns = useMemo(() => columnsFor(filter.status), [filter.status]);
  const selected = useMemo(() => new Set(activeKey ? [activeKey] : []), [activeKey]);

  // A new list keeps the cursor row when it is still there, else takes the first row.
  const [rowsSeen, setRowsSeen] = useState<typeof rows>(null);
  if (rows && rows !== rowsSeen) {
    setRowsSeen(rows);
    if (!(activeKey && rows.some((r) => getKey(r) === activeKey))) setActiveKey(rows[0] ? getKey(rows[0]) : null);
  }
  const active = rows?.find((r) => getKey(r) === activeKey) ?? null;
  const suspense = filter.status === 'SUSPENSE';

  const allocateReason = !rights.allocate
    ? 'Bạn không có quyền thu tiền.'
    : !suspense
      ? 'Chỉ phân bổ được giao dịch đang chờ xử lý.'
      : !active
        ? 'Chọn một giao dịch.'
        : null;
  const ignoreReason = !rights.ignore
    ? 'Bạn không có quyền sửa khoản thu.'
    : !suspense
      ? 'Chỉ bỏ qua được giao dịch đang chờ xử lý.'
      : !active
        ? 'Chọn một giao dịch.'
        : null;
  const importReason = rights.allocate ? null : 'Bạn không có quyền thu tiền.';

  const openAllocate = () => {
    if (allocateReason) return void toast.error(allocateReason);
    if (active) setDialog({ kind: 'allocate', row: active });
  };
  const openIgnore = () => {
    if (ignoreReason) return void toast.error(ignoreReason);
    if (active) setDialog({ kind: 'ignore', row: active });
  };
  const openImport = () => {
    if (importReason) return void toast.error(importReason);
    setDialog({ kind: 'statement' });
  };
  const showTab = (status: BankTransactionStatus) => setFilter((f) => ({ ...f, status }));
  const applySearch = () => setFilter((f) => (f.search === searchText ? f : { ...f, search: searchText }));

  useHotkeys({
    F2: openAllocate,
    F3: openIgnore,
    F4: openImport,
    ...Object.fromEntries(BANK_TABS.map((t) => [t.hotkey, () => showTab(t.status)])),
  });

  const loadError = list.error && !rows ? errorMessage(list.error, 'Không tải được danh sách giao dịch.') : null;
  const tab = BANK_TABS.find((t) => t.status === filter.status)!;

  return (
    <div className="flex h-full min-h-0 flex-col">
      <header className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-white px-4 py-2.5">
        <h1 className="text-lg font-semibold text-slate-900">Chuyển khoản ngân hàng</h1>
        {!rights.allocate && <ReadOnlyBadge reason="Bạn chỉ được xem giao dịch ngân hàng." />}
        <div
          role="radiogroup"
          aria-label="Trạng thái"
          className="inline-flex overflow-hidden rounded-md border border-slate-300"
        >
          {BANK_TABS.map((t) => (
            <button
              key={t.status}
              type="button"
              role="radio"
              aria-checked={filter.status === t.status}
              aria-keyshortcuts={t.hotkey}
              title={`${t.label} (${t.hotkey})`}
              data-testid={`bank-tab-${t.status.toLowerCase()}`}
              onClick={() => showTab(t.status)}
              className={`border-r border-slate-300 px-2.5 py-1.5 text-sm last:border-r-0 ${filter.status === t.status ? 'bg-brand-600 font-medium text-white' : 'bg-white text-slate-700 hover:bg-slate-50'}`}
            >
              {t.label}
            </button>
          ))}
        </div>
        <label className="flex items-center gap-1.5 text-sm">
          <span className="text-slate-600">Từ ngày</span>
          <input
            type="date"
            value={filter.from}
            max={filter.to || undefined}
            onChange={(e) => setFilter((f) => ({ ...f, from: e.target.value }))}
            data-testid="bank-from"
            className="rounded-md border border-slate-300 px-2 py-1 text-sm"
          />
        </label>
        <label className="flex items-center gap-1.5 text-sm">
          <span className="text-slate-600">đến</span>
          <input
            type="date"
            value={filter.to}
            min={filter.from || undefined}
            onChange={(e) => setFilter((f) => ({ ...f, to: e.target.value }))}
            data-testid="bank-to"
            className="rounded-md border border-slate-300 px-2 py-1 text-sm"
          />
        </label>
        <input
          type="search"
          value={searchText}
          onChange={(e) => setSearchText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') applySearch();
          }}
          onBlur={applySearch}
          placeholder="Tìm nội dung, số tham chiếu (Enter)"
          aria-label="Tìm theo nội dung hoặc số tham chiếu"
          data-testid="bank-search"
          className="w-64 rounded-md border border-slate-300 px-2.5 py-1 text-sm"
        />
        <span className="flex-1" />
        <span className="text-sm text-slate-600" data-testid="bank-count">
          {rows ? (
            <>
              <strong className="tabular-nums text-slate-900">{fmtInt(list.totalCount)}</strong> giao dịch{' '}
              {tab.label.toLowerCase()} ·{' '}
              <strong className="tabular-nums text-slate-900">{fmtVnd(list.totalAmount)}</strong>
            </>
          ) : null}
        </span>
      </header>
      <div className="border-b border-slate-200 bg-white px-4 py-2">
        <Toolbar label="Xử lý giao dịch ngân hàng">
          <ToolbarButton
            label="Phân bổ cho khách hàng"
            shortcut="F2"
            variant="primary"
            onClick={openAllocate}
            disabledReason={allocateReason}
            data-testid="btn-bank-allocate"
          />
          <ToolbarButton
            label="Bỏ qua"
            shortcut="F3"
            onClick={openIgnore}
            disabledReason={ignoreReason}
            data-testid="btn-bank-ignore"
          />
          <ToolbarSeparator />
          <ToolbarButton
            label="Nhập sao kê"
            shortcut="F4"
            onClick={openImport}
            disabledReason={importReason}
            data-testid="btn-bank-import"
          />
          <ToolbarSpacer />
          <ToolbarButton
            label="Làm mới"
            onClick={list.refresh}
            disabled={list.fetching}
            data-testid="btn-bank-refresh"
          />
        </Toolbar>
      </div>
      <div className="flex min-h-0 flex-1 gap-3 p-3">
        <div className="flex min-h-0 min-w-0 flex-1 flex-col gap-1.5">
          <div className="min-h-0 flex-1">
            {loadError ? (
              <EmptyState
                tone="error"
                title="Không tải được danh sách"
                description={loadError}
                action={<Button onClick={list.refresh}>Thử lại</Button>}
                className="h-full rounded-md border border-red-200 bg-white"
              />
            ) : rows === null ? (
              <div className="flex h-full items-center justify-center rounded-md border border-slate-200 bg-white">
                <Spinner label="Đang tải giao dịch…" />
              </div>
            ) : (
              <DataGrid
                rows={rows}
                columns={columns}
                getRowKey={getKey}
                label={`Giao dịch ${tab.label.toLowerCase()}`}
                multiSelect={false}
                selectedKeys={selected}
                activeKey={activeKey}
                onSelectionChange={(_keys, a) => setActiveKey(a)}
                onRowActivate={() => (suspense ? openAllocate() : undefined)}
                data-testid="bank-grid"
                rowTestId="bank-row"
                emptyContent={
                  <EmptyState
                    icon={suspense ? '✓' : undefined}
                    title={
                      suspense ? 'Không có giao dịch nào chờ xử lý' : `Chưa có giao dịch ${tab.label.toLowerCase()}`
                    }
                    description={
                      filter.from || filter.to || filter.search ? 'Theo điều kiện lọc đang chọn.' : undefined
                    }
                  />
                }
              />
            )}
          </div>
          <div className="flex items-center gap-3 text-xs text-slate-500">
            {rows && list.hasNextPage && (
              <Button size="sm" onClick={list.loadMore} disabled={list.fetching} data-testid="btn-bank-more">
                Tải thêm ({fmtInt(rows.length)} / {fmtInt(list.totalCount)})
              </Button>
            )}
            {list.error && rows && (
              <span role="alert" className="text-red-700">
                {errorMessage(list.error, 'Không tải được danh sách giao dịch.')}
              </span>
            )}
            {list.fetching && <Spinner size="sm" hideLabel />}
            <span className="ml-auto">
              {suspense ? 'Enter/F2: phân bổ · F3: bỏ qua · ' : ''}F4: nhập sao kê · Alt+1…4: chuyển trang
            </span>
          </div>
        </div>
        <BankDetail row={active} />
      </div>
      {dialog?.kind === 'allocate' && (
        <BankAllocateDialog row={dialog.row} onClose={() => setDialog(null)} onDone={() => setDialog(null)} />
      )}
      {dialog?.kind === 'ignore' && (
        <BankIgnoreDialog row={dialog.row} onClose={() => setDialog(null)} onDone={() => setDialog(null)} />
      )}
      {dialog?.kind === 'statement' && (
        <BankStatementDialog onClose={() => setDialog(null)} onImported={() => list.refresh()} />
      )}
    </div>
  );
}

function BankDetail({ row }: { row: BankTransactionRow | null }) {
  if (!row)
    return (
      <aside className="w-[264px] shrink-0 rounded-md border border-slate-200 bg-white p-4 text-sm text-slate-500">
        Chọn một giao dịch để xem chi tiết.
      </aside>
    );
  const who = row.customer ?? row.suggestedCustomer;
  return (
    <aside
      className="flex w-[264px] shrink-0 flex-col gap-2 overflow-auto rounded-md border border-slate-200 bg-white p-3 text-sm"
      data-testid="bank-detail"
    >
      <div>
        <div className="text-xl font-semibold tabular-nums text-slate-900">{fmtVnd(row.amount)}</div>
        <div className="text-xs text-slate-500">
          {fmtDateTime(row.receivedAt)} · {SOURCE_LABELS[row.source]} · {row.externalId}
        </div>
      </div>
      <div>
        <div className="text-xs text-slate-500">Nội dung chuyển khoản</div>
        <p className="break-words font-mono text-xs text-slate-900">{row.description || '—'}</p>
      </div>
      {who && (
        <div>
          <div className="text-xs text-slate-500">{row.customer ? 'Đã ghi thu cho' : 'Gợi ý khách hàng'}</div>
          <div className="font-medium text-slate-900">{customerText(who)}</div>
          {row.suggestedCustomer && !row.customer && (
            <div className="text-xs text-slate-600">
              Còn nợ {fmtVnd(row.suggestedCustomer.totalDue)}
              {row.suggestedCustomer.credit > 0 ? ` · trả trước ${fmtVnd(row.suggestedCustomer.credit)}` : ''}
            </div>
          )}
          {row.receiptNumber && <div className="text-xs text-slate-600">Phiếu thu {row.receiptNumber}</div>}
        </div>
      )}
      {row.resolvedByName && (
        <div className="text-xs text-slate-600">
          {row.status === 'IGNORED' ? 'Bỏ qua' : 'Phân bổ'} bởi {row.resolvedByName}
          {row.resolvedAt ? `, ${fmtDateTime(row.resolvedAt)}` : ''}
          {row.resolutionNote ? `: “${row.resolutionNote}”` : ''}
        </div>
      )}
    </aside>
  );
}
