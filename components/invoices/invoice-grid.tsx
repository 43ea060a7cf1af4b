'use client';

import { useCallback, useMemo } from 'react';
import { fmtDate } from '@/components/customers/format';
import { DataGrid, type DataGridColumn } from '@/components/ui/data-grid';
import { StatusBadge } from './invoice-detail';
import { KIND_LABELS, STATUS_LABELS, fmtInt, fmtMoney, seriesNumber } from './invoice-format';
import { INVOICE_GRID_KEYS } from './invoice-keys';
import type { InvoiceRow } from './invoices.documents';

const COLUMNS: readonly DataGridColumn<InvoiceRow>[] = [
  { key: 'seq', header: 'STT', width: 52, align: 'right', value: (r) => r.sequenceNo },
  { key: 'code', header: 'Mã KH', width: 96, value: (r) => r.customerCode },
  { key: 'name', header: 'Tên khách hàng', width: 'minmax(140px,1fr)', value: (r) => r.customerName },
  {
    key: 'number',
    header: 'Ký hiệu – số',
    width: 160,
    value: (r) => (r.number === null ? null : `${r.series ?? ''}${String(r.number).padStart(8, '0')}`),
    render: (r) => seriesNumber(r) || <span className="text-slate-400">(nháp)</span>,
  },
  { key: 'date', header: 'Ngày', width: 92, value: (r) => r.issuedOn, render: (r) => fmtDate(r.issuedOn) },
  {
    key: 'm3',
    header: 'm³',
    width: 60,
    align: 'right',
    value: (r) => r.consumption,
    render: (r) => fmtInt(r.consumption),
  },
  {
    key: 'amount',
    header: 'Tiền nước',
    width: 92,
    align: 'right',
    value: (r) => r.subtotal,
    render: (r) => fmtMoney(r.subtotal),
  },
  {
    key: 'total',
    header: 'Tổng cộng',
    width: 96,
    align: 'right',
    value: (r) => r.total,
    render: (r) => fmtMoney(r.total),
  },
  {
    key: 'status',
    header: 'Trạng thái',
    width: 118,
    value: (r) => STATUS_LABELS[r.status],
    render: (r) => (
      <span className="inline-flex items-center gap-1">
        <StatusBadge status={r.status} />
        {r.kind !== 'REGULAR' && <span className="text-xs text-slate-500">{KIND_LABELS[r.kind]}</span>}
      </span>
    ),
  },
  {
    key: 'recalc',
    header: 'TL',
    width: 36,
    align: 'center',
    value: (r) => r.needsRecalculation,
    render: (r) =>
      r.needsRecalculation ? (
        <span
          title="Cần tính lại"
          aria-label="Cần tính lại"
          className="font-bold text-amber-700"
          data-testid="needs-recalc"
        >
          ⟳
        </span>
      ) : null,
  },
];

const rowKey = (r: InvoiceRow) => String(r.id);
const rowData = (r: InvoiceRow) => ({ 'data-code': r.customerCode, 'data-status': r.status, 'data-id': String(r.id) });
const rowClass = (r: InvoiceRow) =>
  r.status === 'CANCELLED' || r.status === 'REPLACED' ? 'text-slate-400' : undefined;

export interface InvoiceGridProps {
  rows: readonly InvoiceRow[];
  selectedKeys: ReadonlySet<string>;
  activeKey: string | null;
  onSelectionChange: (selected: Set<string>, active: string | null) => void;
  /** Enter or a double click. */
  onOpen: (row: InvoiceRow) => void;
  /** Delete on the grid. */
  onCancel: (row: InvoiceRow) => void;
  totals: { count: number; consumption: number; subtotal: number; total: number };
  emptyContent?: React.ReactNode;
}

/**
 * The book's invoices in sequence order (virtualised: a book holds up to a few thousand) and the totals row. The
 * grid's own keys move and open; Delete is caught here, on the grid only, so a Delete typed in a field never
 * cancels an invoice.
 */
export function InvoiceGrid({
  rows,
  selectedKeys,
  activeKey,
  onSelectionChange,
  onOpen,
  onCancel,
  totals,
  emptyContent,
}: InvoiceGridProps) {
  const byKey = useMemo(() => new Map(rows.map((r) => [rowKey(r), r])), [rows]);
  const onKeyDown = useCallback(
    (e: React.KeyboardEvent<HTMLDivElement>) => {
      if (e.key !== INVOICE_GRID_KEYS.cancel || e.ctrlKey || e.altKey || e.metaKey) return;
      const row = activeKey ? byKey.get(activeKey) : undefined;
      if (!row) return;
      e.preventDefault();
      onCancel(row);
    },
    [activeKey, byKey, onCancel],
  );
  return (
    <div className="flex min-h-0 flex-1 flex-col gap-1">
      <div className="min-h-0 flex-1" onKeyDown={onKeyDown}>
        <DataGrid
          rows={rows}
          columns={COLUMNS}
          getRowKey={rowKey}
          label="Hóa đơn của sổ"
          selectedKeys={selectedKeys}
          activeKey={activeKey}
          onSelectionChange={onSelectionChange}
          onRowActivate={onOpen}
          rowData={rowData}
          rowClassName={rowClass}
          rowTestId="invoice-row"
          data-testid="invoice-grid"
          emptyContent={emptyContent}
        />
      </div>
      <div
        className="flex flex-wrap items-center justify-end gap-x-5 rounded-md border border-slate-200 bg-slate-50 px-3 py-1.5 text-sm tabular-nums"
        data-testid="invoice-totals"
        aria-label="Tổng cộng"
      >
        <span>
          <span className="text-slate-500">Số hóa đơn:</span>{' '}
          <strong data-testid="totals-count">{fmtInt(totals.count)}</strong>
        </span>
        <span>
          <span className="text-slate-500">Tiêu thụ:</span> <strong>{fmtInt(totals.consumption)}</strong> m³
        </span>
        <span>
          <span className="text-slate-500">Tiền nước:</span> <strong>{fmtMoney(totals.subtotal)}</strong>
        </span>
        <span>
          <span className="text-slate-500">Tổng cộng:</span>{' '}
          <strong data-testid="totals-amount">{fmtMoney(totals.total)}</strong>
        </span>
      </div>
    </div>
  );
}
