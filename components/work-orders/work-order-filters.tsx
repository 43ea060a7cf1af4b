'use client';

import { useEffect, useState } from 'react';
import type { WorkOrderFilterValue } from './work-order-filter-params';
import { WORK_ORDER_KINDS, WORK_ORDER_STATUSES, kindLabel, statusLabel } from './work-order-format';

const SELECT = 'rounded-md border border-slate-300 bg-white px-2 py-1 text-sm';

/** The filter row of /work-orders; the search is applied once the clerk stops typing. */
export function WorkOrderFilters({
  value,
  onChange,
  branches,
  kinds = WORK_ORDER_KINDS,
  statuses = WORK_ORDER_STATUSES,
}: {
  value: WorkOrderFilterValue;
  onChange: (next: WorkOrderFilterValue) => void;
  branches: readonly { id: number; name: string }[];
  kinds?: readonly string[];
  statuses?: readonly string[];
}) {
  const [text, setText] = useState(value.search);
  const [shown, setShown] = useState(value.search);
  // A filter changed from outside (a tab, the address bar) resets the box.
  if (shown !== value.search) {
    setShown(value.search);
    setText(value.search);
  }
  useEffect(() => {
    if (text.trim() === value.search) return;
    const t = window.setTimeout(() => onChange({ ...value, search: text.trim() }), 300);
    return () => window.clearTimeout(t);
  }, [text, value, onChange]);

  return (
    <div role="search" aria-label="Lọc phiếu yêu cầu" className="flex flex-wrap items-center gap-2">
      <label className="sr-only" htmlFor="wo-search">
        Tìm mã phiếu, tên, điện thoại, địa chỉ
      </label>
      <input
        id="wo-search"
        type="search"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') onChange({ ...value, search: text.trim() });
        }}
        placeholder="Tìm mã phiếu, tên, điện thoại, địa chỉ…"
        data-testid="filter-search"
        className={`${SELECT} w-72`}
      />
      <label className="sr-only" htmlFor="wo-status">
        Trạng thái
      </label>
      <select
        id="wo-status"
        value={value.status ?? ''}
        onChange={(e) => onChange({ ...value, status: e.target.value || null })}
        data-testid="filter-status"
        className={SELECT}
      >
        <option value="">Mọi trạng thái</option>
        {statuses.map((s) => (
          <option key={s} value={s}>
            {statusLabel(s)}
          </option>
        ))}
      </select>
      <label className="sr-only" htmlFor="wo-kind">
        Loại yêu cầu
      </label>
      <select
        id="wo-kind"
        value={value.kind ?? ''}
        onChange={(e) => onChange({ ...value, kind: e.target.value || null })}
        data-testid="filter-kind"
        className={SELECT}
      >
        <option value="">Mọi loại</option>
        {kinds.map((k) => (
          <option key={k} value={k}>
            {kindLabel(k)}
          </option>
        ))}
      </select>
      {branches.length > 1 && (
        <>
          <label className="sr-only" htmlFor="wo-branch">
            Đơn vị
          </label>
          <select
            id="wo-branch"
            value={value.branchId ?? ''}
            onChange={(e) => onChange({ ...value, branchId: e.target.value ? Number(e.target.value) : null })}
            data-testid="filter-branch"
            className={SELECT}
          >
            <option value="">Mọi đơn vị</option>
            {branches.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </>
      )}
      <label className="inline-flex items-center gap-1.5 text-sm text-slate-700">
        <input
          type="checkbox"
          checked={value.overdueOnly}
          onChange={(e) => onChange({ ...value, overdueOnly: e.target.checked })}
          data-testid="filter-overdue"
          className="h-4 w-4 accent-brand-600"
        />
        Chỉ phiếu quá hạn
      </label>
    </div>
  );
}
