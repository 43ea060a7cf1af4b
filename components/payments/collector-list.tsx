'use client';

import { useRef, type KeyboardEvent } from 'react';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import type { BookCollector } from './collectors.documents';

/**
 * The book's collectors and the users who may collect on it. ↑/↓ move the cursor (the day panel follows), Space
 * ticks or unticks "Thu sổ này" when the user may assign; the tick is disabled, with its reason, otherwise.
 */
export function CollectorList({
  rows,
  fetching,
  error,
  selectedId,
  onSelect,
  assignReason,
  busyId,
  onToggle,
}: {
  rows: readonly BookCollector[] | null;
  fetching: boolean;
  error: string | null;
  selectedId: number | null;
  onSelect: (userId: number) => void;
  /** Why the user may not change assignments on this book, or null. */
  assignReason: string | null;
  busyId: number | null;
  onToggle: (row: BookCollector) => void;
}) {
  const listRef = useRef<HTMLUListElement>(null);
  if (error) return <EmptyState tone="error" title="Không tải được danh sách nhân viên thu" description={error} />;
  if (rows === null)
    return (
      <div className="p-4">
        <Spinner label="Đang tải nhân viên thu…" />
      </div>
    );
  if (rows.length === 0)
    return (
      <EmptyState
        title="Sổ chưa có ai thu tiền"
        description="Người thu tiền cần được giao sổ này với quyền “Thu tiền – Thêm” (Quản trị → Người dùng)."
        icon="👤"
      />
    );

  const index = rows.findIndex((r) => r.userId === selectedId);
  const focusRow = (i: number) => {
    const row = rows[i];
    if (!row) return;
    onSelect(row.userId);
    listRef.current?.querySelector<HTMLElement>(`[data-user-id="${row.userId}"]`)?.focus();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      focusRow(Math.min(rows.length - 1, index + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      focusRow(Math.max(0, index - 1));
    } else if (e.key === ' ' && index >= 0) {
      e.preventDefault();
      const row = rows[index]!;
      if (!assignReason && (row.canCollect || row.isAssigned) && busyId === null) onToggle(row);
    }
  };

  return (
    <ul
      ref={listRef}
      role="listbox"
      aria-label="Nhân viên thu của sổ"
      aria-busy={fetching}
      onKeyDown={onKeyDown}
      data-testid="collector-list"
      className="divide-y divide-slate-100"
    >
      {rows.map((r) => {
        const selected = r.userId === selectedId;
        const tickReason =
          assignReason ?? (!r.canCollect && !r.isAssigned ? 'Người này không có quyền thu tiền trên sổ.' : null);
        return (
          <li
            key={r.userId}
            role="option"
            aria-selected={selected}
            tabIndex={selected || (selectedId === null && r === rows[0]) ? 0 : -1}
            data-user-id={r.userId}
            data-testid="collector-row"
            onClick={() => onSelect(r.userId)}
            className={`flex cursor-pointer items-center gap-3 px-3 py-2 text-sm outline-none focus:ring-2 focus:ring-inset focus:ring-brand-500 ${selected ? 'bg-brand-50' : 'hover:bg-slate-50'}`}
          >
            <div className="min-w-0 flex-1">
              <div className="truncate font-medium text-slate-900">{r.fullName}</div>
              <div className="text-xs text-slate-500">
                {r.login}
                {r.isAssigned && !r.canCollect && (
                  <span className="ml-2 rounded bg-amber-100 px-1.5 text-amber-900">Đã mất quyền thu trên sổ</span>
                )}
              </div>
            </div>
            <label
              className="inline-flex items-center gap-1.5 whitespace-nowrap text-xs text-slate-700"
              title={tickReason ?? 'Phân công (Space)'}
              onClick={(e) => e.stopPropagation()}
            >
              <input
                type="checkbox"
                tabIndex={-1}
                checked={r.isAssigned}
                disabled={!!tickReason || busyId !== null}
                onChange={() => onToggle(r)}
                data-testid="collector-assigned"
                className="h-4 w-4 accent-brand-600"
              />
              {busyId === r.userId ? 'Đang lưu…' : 'Thu sổ này'}
            </label>
          </li>
        );
      })}
    </ul>
  );
}
