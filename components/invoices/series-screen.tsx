'use client';

import { useMemo, useState } from 'react';
import { useQuery, type SSRData } from 'urql';
import { fmtDate } from '@/components/customers/format';
import { DataGrid, type DataGridColumn } from '@/components/ui/data-grid';
import { EmptyState } from '@/components/ui/empty-state';
import { ReadOnlyBadge } from '@/components/ui/read-only-badge';
import { ToastProvider } from '@/components/ui/toast';
import { Toolbar, ToolbarButton } from '@/components/ui/toolbar';
import { useHotkeys } from '@/components/ui/use-hotkeys';
import { errorMessage } from '@/lib/graphql/errors';
import { readFragment } from '@/lib/graphql/graphql';
import { useHydrate } from '@/lib/graphql/provider';
import { fmtInt } from './invoice-format';
import { SERIES_HOTKEYS } from './invoice-keys';
import {
  InvoiceSeriesFragment,
  InvoiceSeriesQuery,
  SERIES_TYPENAMES,
  type InvoiceSeriesRow,
} from './invoices.documents';
import { SeriesDialog } from './series-dialog';

export interface SeriesRights {
  add: boolean;
  edit: boolean;
}

const COLUMNS: readonly DataGridColumn<InvoiceSeriesRow>[] = [
  { key: 'series', header: 'Ký hiệu', width: 110, value: (s) => s.series },
  { key: 'year', header: 'Năm', width: 70, align: 'right', value: (s) => s.year },
  { key: 'default', header: 'Mặc định', width: 90, align: 'center', value: (s) => s.isDefault },
  { key: 'active', header: 'Đang dùng', width: 90, align: 'center', value: (s) => s.active },
  {
    key: 'last',
    header: 'Số cuối',
    width: 100,
    align: 'right',
    value: (s) => s.lastNumber,
    render: (s) => fmtInt(s.lastNumber),
  },
  {
    key: 'lastOn',
    header: 'Ngày phát hành cuối',
    width: 150,
    value: (s) => s.lastIssuedOn,
    render: (s) => fmtDate(s.lastIssuedOn),
  },
  { key: 'note', header: 'Ghi chú', width: 'minmax(160px,1fr)', value: (s) => s.note ?? '' },
];

/** Ký hiệu hóa đơn: the company's series per year; F4 adds, F2 (or Enter) edits the selected one. */
export function SeriesScreen(props: { rights: SeriesRights; initialData?: SSRData }) {
  return (
    <ToastProvider>
      <Screen {...props} />
    </ToastProvider>
  );
}

function Screen({ rights, initialData }: { rights: SeriesRights; initialData?: SSRData }) {
  const requestPolicy = useHydrate(initialData);
  const [result] = useQuery({ query: InvoiceSeriesQuery, requestPolicy, context: SERIES_TYPENAMES });
  const rows = useMemo(
    () => (result.data ? readFragment(InvoiceSeriesFragment, result.data.invoiceSeries) : null),
    [result.data],
  );
  const [selection, setSelection] = useState<{ keys: Set<string>; active: string | null }>({
    keys: new Set(),
    active: null,
  });
  const [editing, setEditing] = useState<InvoiceSeriesRow | 'new' | null>(null);
  const active = rows?.find((s) => String(s.id) === selection.active) ?? null;
  const addReason = rights.add ? null : 'Bạn không có quyền thêm ký hiệu hóa đơn.';
  const editReason = !rights.edit
    ? 'Bạn không có quyền sửa ký hiệu hóa đơn.'
    : !active
      ? 'Chọn một ký hiệu trong danh sách.'
      : null;
  const add = () => !addReason && setEditing('new');
  const edit = (s: InvoiceSeriesRow | null = active) => rights.edit && s && setEditing(s);
  useHotkeys({ [SERIES_HOTKEYS.add]: add, [SERIES_HOTKEYS.edit]: () => edit() });

  return (
    <div className="flex h-full min-h-0 flex-col">
      <header className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-white px-4 py-2">
        <h1 className="text-lg font-semibold text-slate-900">Ký hiệu hóa đơn</h1>
        <Toolbar label="Lệnh ký hiệu hóa đơn">
          <ToolbarButton
            label="Thêm"
            shortcut={SERIES_HOTKEYS.add}
            onClick={add}
            disabledReason={addReason}
            data-testid="btn-series-add"
          />
          <ToolbarButton
            label="Sửa"
            shortcut={SERIES_HOTKEYS.edit}
            onClick={() => edit()}
            disabledReason={editReason}
            data-testid="btn-series-edit"
          />
        </Toolbar>
        <span className="text-sm text-slate-500">
          Số hóa đơn liên tục trong từng ký hiệu và bắt đầu lại mỗi năm; phát hành dùng ký hiệu mặc định của năm.
        </span>
        {!rights.add && !rights.edit && <ReadOnlyBadge reason="Bạn chỉ được xem ký hiệu hóa đơn." />}
      </header>
      <div className="min-h-0 flex-1 p-3">
        {result.error && !rows ? (
          <EmptyState
            tone="error"
            title="Không tải được ký hiệu hóa đơn"
            description={errorMessage(result.error, 'Không tải được ký hiệu hóa đơn.')}
          />
        ) : (
          <DataGrid
            rows={rows ?? []}
            columns={COLUMNS}
            getRowKey={(s) => String(s.id)}
            label="Ký hiệu hóa đơn"
            multiSelect={false}
            selectedKeys={selection.keys}
            activeKey={selection.active}
            onSelectionChange={(keys, act) => setSelection({ keys, active: act })}
            onRowActivate={(s) => edit(s)}
            rowTestId="series-row"
            data-testid="series-grid"
            emptyContent={
              <EmptyState
                title="Chưa khai báo ký hiệu hóa đơn nào"
                description={rights.add ? 'Bấm F4 để thêm ký hiệu của năm, ví dụ 1C26TAA.' : undefined}
              />
            }
          />
        )}
      </div>
      {editing && (
        <SeriesDialog
          series={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(id) => {
            setEditing(null);
            setSelection({ keys: new Set([String(id)]), active: String(id) });
          }}
        />
      )}
    </div>
  );
}
