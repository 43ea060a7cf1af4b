'use client';

import { createContext, memo, useContext, type ReactNode } from 'react';
import { fmtMoney, seriesNumber } from '@/components/invoices/invoice-format';
import { DataGrid, type DataGridColumn } from '@/components/ui/data-grid';
import { type CounterStore, rowKey, useAmountState } from './counter-store';
import { receiptUrl, type CounterRow } from './payments.documents';

/** What the cells need; kept referentially stable so typing never re-renders the grid. */
export interface CounterCellContext {
  store: CounterStore;
  /** Why amounts cannot be typed (no right, saving), or null. */
  readOnlyReason: string | null;
  canReverse: boolean;
  registerInput: (key: string, el: HTMLInputElement | null) => void;
  onInputKey: (key: string, e: React.KeyboardEvent<HTMLInputElement>) => void;
  onFocusRow: (key: string) => void;
  onReverse: (row: CounterRow, payment: CounterRow['payments'][number]) => void;
}

export const CounterCtx = createContext<CounterCellContext | null>(null);

function useCounterCtx(): CounterCellContext {
  const ctx = useContext(CounterCtx);
  if (!ctx) throw new Error('CounterCtx missing');
  return ctx;
}

const stop = (e: React.SyntheticEvent) => e.stopPropagation();

const AmountInput = memo(function AmountInput({ row }: { row: CounterRow }) {
  const ctx = useCounterCtx();
  const key = rowKey(row);
  const s = useAmountState(ctx.store, key);
  if (!s) return null;
  const bad = s.error !== null;
  return (
    <input
      ref={(el) => ctx.registerInput(key, el)}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      spellCheck={false}
      value={s.text}
      readOnly={ctx.readOnlyReason !== null}
      placeholder={s.row.amountDue > 0 ? '0' : ''}
      title={
        ctx.readOnlyReason ??
        s.error ??
        'Số tiền khách trả (Enter: sang dòng sau, “=”: thu đủ số còn phải trả, Esc: xóa số đã nhập)'
      }
      aria-label={`Số tiền thu của ${row.customerCode}`}
      aria-invalid={bad || undefined}
      data-testid={`amount-${row.invoiceId}`}
      onChange={(e) => ctx.store.setText(key, e.target.value)}
      onKeyDown={(e) => ctx.onInputKey(key, e)}
      onFocus={(e) => {
        e.currentTarget.select();
        ctx.onFocusRow(key);
      }}
      onClick={stop}
      onMouseDown={stop}
      className={`h-[24px] w-full rounded border px-1.5 text-right font-medium tabular-nums outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-200 ${
        ctx.readOnlyReason !== null
          ? 'border-slate-200 bg-slate-50 text-slate-500'
          : bad
            ? 'border-red-500 bg-red-50 text-red-800'
            : s.amount
              ? 'border-amber-400 bg-amber-50/60'
              : 'border-slate-300 bg-white'
      }`}
    />
  );
});

const FullTick = memo(function FullTick({ row }: { row: CounterRow }) {
  const ctx = useCounterCtx();
  const key = rowKey(row);
  const s = useAmountState(ctx.store, key);
  if (!s || s.row.amountDue <= 0) return null;
  return (
    <input
      type="checkbox"
      tabIndex={-1}
      checked={s.amount === s.row.amountDue}
      disabled={ctx.readOnlyReason !== null}
      title={ctx.readOnlyReason ?? 'Thu đủ số còn phải trả của dòng này'}
      aria-label={`Thu đủ của ${row.customerCode}`}
      data-testid={`full-${row.invoiceId}`}
      onChange={() => ctx.store.toggleFull(key)}
      onClick={stop}
      onMouseDown={stop}
      className="h-4 w-4 accent-brand-600"
    />
  );
});

function PaidCell({ row }: { row: CounterRow }): ReactNode {
  const ctx = useCounterCtx();
  if (row.payments.length === 0) return null;
  return (
    <span className="flex min-w-0 items-center gap-1.5 overflow-hidden" data-testid={`paid-${row.invoiceId}`}>
      {row.payments.map((p) => (
        <span key={p.id} className="inline-flex shrink-0 items-center gap-0.5">
          <a
            href={receiptUrl(p.id)}
            target="_blank"
            rel="noopener"
            onClick={stop}
            className="text-brand-700 underline"
            title={`Phiếu thu ${p.receiptNumber}: ${fmtMoney(p.amount)} đồng trên hóa đơn này (mở PDF)`}
            data-testid={`receipt-${p.id}`}
          >
            {p.receiptNumber}
          </a>
          {ctx.canReverse && (
            <button
              type="button"
              tabIndex={-1}
              onClick={(e) => {
                e.stopPropagation();
                ctx.onReverse(row, p);
              }}
              onMouseDown={stop}
              title={`Hủy khoản thu ${p.receiptNumber}`}
              aria-label={`Hủy khoản thu ${p.receiptNumber}`}
              data-testid={`reverse-${p.id}`}
              className="rounded px-1 text-xs text-red-700 hover:bg-red-50"
            >
              Hủy
            </button>
          )}
        </span>
      ))}
    </span>
  );
}

const COLUMNS: DataGridColumn<CounterRow>[] = [
  { key: 'seq', header: 'STT', width: 56, align: 'right', value: (r) => r.sequenceNo },
  { key: 'code', header: 'Mã KH', width: 92, value: (r) => r.customerCode },
  {
    key: 'name',
    header: 'Khách hàng',
    width: 'minmax(180px,1.4fr)',
    value: (r) => r.customerName,
    render: (r) => (
      <span title={`${r.customerName} – ${r.address}`}>
        {r.customerName} <span className="text-xs text-slate-500">{r.address}</span>
      </span>
    ),
  },
  { key: 'invoice', header: 'Hóa đơn', width: 160, render: (r) => seriesNumber(r) },
  {
    key: 'total',
    header: 'Tổng cộng',
    width: 96,
    align: 'right',
    value: (r) => r.total,
    render: (r) => fmtMoney(r.total),
  },
  {
    key: 'due',
    header: 'Còn phải trả',
    width: 104,
    align: 'right',
    value: (r) => r.amountDue,
    render: (r) =>
      r.amountDue > 0 ? (
        <span className="font-medium">{fmtMoney(r.amountDue)}</span>
      ) : (
        <span className="text-emerald-700" data-testid={`settled-${r.invoiceId}`}>
          Đã thu đủ
        </span>
      ),
  },
  {
    key: 'other',
    header: 'Nợ kỳ trước',
    width: 96,
    align: 'right',
    value: (r) => r.otherDue,
    render: (r) =>
      r.otherDue > 0 ? (
        <span className="text-red-700">{fmtMoney(r.otherDue)}</span>
      ) : r.credit > 0 ? (
        <span className="text-emerald-700" title="Tiền khách trả trước, chưa trừ vào hóa đơn nào">
          Dư {fmtMoney(r.credit)}
        </span>
      ) : null,
  },
  { key: 'full', header: 'Đủ', width: 44, align: 'center', render: (r) => <FullTick row={r} /> },
  { key: 'amount', header: 'Số tiền thu', width: 124, render: (r) => <AmountInput row={r} /> },
  { key: 'paid', header: 'Phiếu thu', width: 'minmax(150px,1fr)', render: (r) => <PaidCell row={r} /> },
];

const rowData = (r: CounterRow): Record<`data-${string}`, string> => ({
  'data-code': r.customerCode,
  'data-name': r.customerName,
  'data-invoice-id': String(r.invoiceId),
  'data-paid': r.amountDue <= 0 ? 'true' : 'false',
});
const rowClass = (r: CounterRow) => (r.amountDue <= 0 ? 'text-slate-500' : undefined);

const COUNTER_ROW_HEIGHT = 30;

/** The counter's grid: the book's invoices in sequence order, an amount cell per row. */
export function CounterGrid({
  rows,
  label,
  activeKey,
  onActivate,
  emptyContent,
}: {
  rows: readonly CounterRow[];
  label: string;
  activeKey: string | null;
  onActivate: (key: string) => void;
  emptyContent: ReactNode;
}) {
  const selected = activeKey ? new Set([activeKey]) : new Set<string>();
  return (
    <DataGrid
      rows={rows}
      columns={COLUMNS}
      getRowKey={rowKey}
      label={label}
      selectedKeys={selected}
      activeKey={activeKey}
      onSelectionChange={(_keys, act) => act && onActivate(act)}
      multiSelect={false}
      rowHeight={COUNTER_ROW_HEIGHT}
      overscan={10}
      rowClassName={rowClass}
      rowData={rowData}
      data-testid="counter-grid"
      rowTestId="counter-row"
      emptyContent={emptyContent}
    />
  );
}
