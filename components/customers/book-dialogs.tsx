'use client';

import { useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { DataGrid, type DataGridColumn } from '@/components/ui/data-grid';
import { Dialog } from '@/components/ui/dialog';
import { SelectField } from '@/components/ui/form-field';
import type { BookCustomer, BookOption } from './customer-documents';
import { foldVietnamese } from './format';

/** Choose the book to move the selected customers to. */
export function MoveDialog({
  count,
  currentBookId,
  books,
  busy,
  error,
  onConfirm,
  onClose,
}: {
  count: number;
  currentBookId: number;
  books: readonly BookOption[];
  busy: boolean;
  error: string | null;
  onConfirm: (targetBookId: number) => void;
  onClose: () => void;
}) {
  const targets = books.filter((b) => b.id !== currentBookId);
  const [target, setTarget] = useState(targets[0] ? String(targets[0].id) : '');
  const submit = () => target && onConfirm(Number(target));
  return (
    <Dialog
      open
      title="Chuyển sổ đọc"
      description={`Chuyển ${count} khách hàng đã chọn sang sổ khác; khách hàng được xếp vào cuối sổ mới.`}
      onClose={onClose}
      onSave={submit}
      data-testid="move-dialog"
      footer={
        <>
          <Button onClick={onClose}>Hủy</Button>
          <Button variant="primary" onClick={submit} disabled={busy || !target} data-testid="move-confirm">
            {busy ? 'Đang chuyển…' : 'Chuyển'}
          </Button>
        </>
      }
    >
      {targets.length === 0 ? (
        <p className="text-sm text-slate-600">Bạn không có sổ đọc nào khác để chuyển đến.</p>
      ) : (
        <SelectField
          label="Sổ đọc đích"
          name="targetBookId"
          value={target}
          onChange={(e) => setTarget(e.target.value)}
          options={targets.map((b) => ({ value: String(b.id), label: `${b.code} – ${b.name}` }))}
          data-testid="move-target"
          error={error}
        />
      )}
    </Dialog>
  );
}

const columns: DataGridColumn<BookCustomer>[] = [
  { key: 'sequenceNo', header: 'Stt', width: 64, align: 'right', value: (r) => r.sequenceNo },
  { key: 'code', header: 'Mã KH', width: 110, value: (r) => r.code },
  { key: 'name', header: 'Tên khách hàng', width: 'minmax(160px,1fr)', value: (r) => r.name },
  { key: 'address', header: 'Địa chỉ', width: 'minmax(160px,1fr)', value: (r) => r.address },
];

/** "Chèn vào sau": choose the customer after whom the current one is placed (or the top of the book). */
export function PlaceAfterDialog({
  customer,
  rows,
  busy,
  error,
  onConfirm,
  onClose,
}: {
  customer: BookCustomer;
  rows: readonly BookCustomer[];
  busy: boolean;
  error: string | null;
  onConfirm: (afterCustomerId: number | null) => void;
  onClose: () => void;
}) {
  const [filter, setFilter] = useState('');
  const [after, setAfter] = useState<string | null>(null);
  const others = useMemo(() => {
    const f = foldVietnamese(filter);
    return rows.filter(
      (r) =>
        r.id !== customer.id && (!f || foldVietnamese(`${r.sequenceNo} ${r.code} ${r.name} ${r.address}`).includes(f)),
    );
  }, [rows, customer.id, filter]);
  const selected = new Set(after ? [after] : []);
  const afterRow = rows.find((r) => String(r.id) === after);
  return (
    <Dialog
      open
      title={`Chèn ${customer.code} – ${customer.name}`}
      description={`Stt hiện tại: ${customer.sequenceNo}. Chọn khách hàng đứng trước, hoặc đưa lên đầu sổ.`}
      onClose={onClose}
      size="lg"
      data-testid="place-after-dialog"
      footer={
        <>
          <Button onClick={() => onConfirm(null)} disabled={busy} data-testid="place-first">
            Đưa lên đầu sổ
          </Button>
          <span className="flex-1" />
          <Button onClick={onClose}>Hủy</Button>
          <Button
            variant="primary"
            onClick={() => after && onConfirm(Number(after))}
            disabled={busy || !after}
            data-testid="place-after-confirm"
          >
            {busy ? 'Đang chèn…' : afterRow ? `Chèn sau Stt ${afterRow.sequenceNo}` : 'Chèn vào sau'}
          </Button>
        </>
      }
    >
      <div className="space-y-2">
        {error && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            {error}
          </p>
        )}
        <input
          type="search"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          placeholder="Lọc theo Stt, mã, tên, địa chỉ…"
          aria-label="Lọc khách hàng"
          data-testid="place-after-filter"
          data-autofocus=""
          className="w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm"
        />
        <div className="h-72">
          <DataGrid
            rows={others}
            columns={columns}
            getRowKey={(r) => String(r.id)}
            label="Chọn khách hàng đứng trước"
            multiSelect={false}
            selectedKeys={selected}
            activeKey={after}
            onSelectionChange={(_keys, active) => setAfter(active)}
            onRowActivate={(r) => onConfirm(r.id)}
            rowTestId="place-after-row"
            rowData={(r) => ({ 'data-code': r.code })}
          />
        </div>
      </div>
    </Dialog>
  );
}
