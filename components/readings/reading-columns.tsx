'use client';

import type { DataGridColumn } from '@/components/ui/data-grid';
import { fmtInt } from './format';
import { AnomalyCell, CodeSelect, ConsumptionCell, IndexInput, NoticeChips } from './reading-cells';
import type { SheetRow } from './readings.documents';

/**
 * The columns of the entry grid. The grid's minimum width is the fixed widths plus 160 px per flexible column
 * (DataGrid): 704 + 160 = 864 px, what the grid gets at 1366×768 beside the 240 px history panel, so the
 * anomaly column shows without scrolling sideways. Only the name grows on a wider screen (the address is in
 * the side panel too). Widen a column only by narrowing another; the e2e test reads the previous index as
 * the fifth cell.
 */
export const ROW_HEIGHT = 32;
export const PAGE_ROWS = 15;

export const COLUMNS: DataGridColumn<SheetRow>[] = [
  { key: 'seq', header: 'Stt', width: 50, align: 'right', sortable: false, value: (r) => r.sequenceNo },
  { key: 'code', header: 'Mã KH', width: 90, sortable: false, value: (r) => r.customerCode },
  {
    key: 'name',
    header: 'Tên khách hàng',
    width: 'minmax(160px,1fr)',
    sortable: false,
    value: (r) => r.customerName,
    render: (r) => (
      <span className="flex min-w-0 items-center" title={r.customerName}>
        <span className="truncate">{r.customerName}</span>
        <NoticeChips row={r} />
      </span>
    ),
  },
  { key: 'address', header: 'Địa chỉ', width: 120, sortable: false, value: (r) => r.address },
  {
    key: 'prev',
    header: 'Chỉ số cũ',
    width: 76,
    align: 'right',
    sortable: false,
    value: (r) => r.previousIndex,
    render: (r) => fmtInt(r.previousIndex),
  },
  { key: 'cur', header: 'Chỉ số mới', width: 84, sortable: false, render: (r) => <IndexInput row={r} /> },
  { key: 'm3', header: 'm3', width: 62, align: 'right', sortable: false, render: (r) => <ConsumptionCell row={r} /> },
  { key: 'rcode', header: 'Mã đọc', width: 110, sortable: false, render: (r) => <CodeSelect row={r} /> },
  { key: 'anomaly', header: 'Bất thường', width: 112, sortable: false, render: (r) => <AnomalyCell row={r} /> },
];

export const getKey = (r: SheetRow) => r.key;
export const rowClass = (r: SheetRow) =>
  r.isOutgoingMeter
    ? 'bg-sky-50/80'
    : r.notices.some((n) => n.kind === 'suspended' || n.kind === 'cut_off')
      ? 'text-slate-400'
      : undefined;
