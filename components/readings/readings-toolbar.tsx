'use client';

import type { RefObject } from 'react';
import { BookPicker } from '@/components/ui/book-picker';
import { Button } from '@/components/ui/button';
import { ReadOnlyBadge } from '@/components/ui/read-only-badge';
import { Toolbar, ToolbarSeparator } from '@/components/ui/toolbar';
import { fmtInt, periodLabel } from './format';
import { LockIcon } from './lock-icon';
import { PeriodPicker } from './period-picker';
import type { StoreCounts } from './reading-store';
import type { PeriodLockState, ReadingBookOption } from './readings.documents';
import { templateUrl } from './readings-import';

export type Filter = 'all' | 'unread' | 'anomaly';

export interface ReadingsToolbarProps {
  books: readonly ReadingBookOption[];
  bookId: number | null;
  period: string;
  maxPeriod: string;
  /** The loaded sheet's book, period and lock; null while it loads. */
  meta: { bookId: number; period: string; lock: PeriodLockState } | null;
  counts: StoreCounts;
  lastSavedAt: Date | null;
  filter: Filter;
  search: string;
  searchRef: RefObject<HTMLInputElement | null>;
  isAdmin: boolean;
  /** Why the user may not write readings on this book (shows "Chỉ xem"), or null. */
  noWriteRight: string | null;
  /** Why the period cannot be changed (locked), or null. */
  lockedReason: string | null;
  canDeclare: boolean;
  loading: boolean;
  lockBusy: boolean;
  onBook: (id: number) => void;
  onPeriod: (period: string) => void;
  onFilter: (filter: Filter) => void;
  onSearch: (text: string) => void;
  /** Enter in the search box: to the first row found. */
  onSearchEnter: () => void;
  onSaveAll: () => void;
  onDeclare: () => void;
  onImport: () => void;
  onRefresh: () => void;
  onToggleLock: () => void;
}

function saveStatus(counts: StoreCounts, lastSavedAt: Date | null): { state: string; text: string } {
  if (counts.saving > 0) return { state: 'saving', text: `Đang lưu ${fmtInt(counts.saving)} dòng…` };
  if (counts.errors > 0) return { state: 'error', text: `${fmtInt(counts.errors)} dòng chưa lưu được` };
  if (counts.dirty > 0) return { state: 'dirty', text: `${fmtInt(counts.dirty)} dòng chưa lưu` };
  if (lastSavedAt)
    return {
      state: 'saved',
      text: `Đã lưu lúc ${lastSavedAt.toLocaleTimeString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}`,
    };
  return { state: 'idle', text: 'Chưa có thay đổi' };
}

const SAVE_STATE_CLASS: Record<string, string> = {
  error: 'bg-red-100 text-red-800',
  dirty: 'bg-amber-100 text-amber-800',
  saving: 'bg-slate-100 text-slate-700',
  saved: 'bg-emerald-50 text-emerald-800',
  idle: 'text-slate-500',
};

/**
 * The entry screen's header (book, period, lock, save state, counts) and its one-line toolbar. Both have a
 * fixed height and never wrap, so the sheet below does not move while the book loads (1366×768 fits).
 */
// The search box's ref is taken out of the props: the hooks lint takes a props object whose member is passed as `ref` for
// a ref, and then flags every other prop read during render.
export function ReadingsToolbar({ searchRef, ...p }: ReadingsToolbarProps) {
  const { meta, counts } = p;
  const save = saveStatus(counts, p.lastSavedAt);
  const filters: { id: Filter; label: string; n: number }[] = [
    { id: 'all', label: 'Tất cả', n: counts.total },
    { id: 'unread', label: 'Chưa nhập', n: counts.unread },
    { id: 'anomaly', label: 'Bất thường', n: counts.anomalies },
  ];
  return (
    <>
      <header className="flex h-12 shrink-0 flex-nowrap items-center gap-2.5 overflow-hidden whitespace-nowrap border-b border-slate-200 bg-white px-4">
        <h1 className="text-lg font-semibold text-slate-900">Ghi chỉ số</h1>
        <BookPicker books={p.books} value={p.bookId} onChange={p.onBook} />
        <PeriodPicker value={p.period} max={p.maxPeriod} onChange={p.onPeriod} />
        {p.noWriteRight && <ReadOnlyBadge reason={p.noWriteRight} />}
        {/* Reserved while the sheet loads, so the badges beside it do not jump when the lock arrives. */}
        <span
          data-testid={meta ? 'lock-state' : undefined}
          data-locked={meta ? (meta.lock.isLocked ? 'true' : 'false') : undefined}
          title={meta ? (meta.lock.message ?? 'Kỳ đang mở: được nhập và sửa chỉ số.') : undefined}
          className={`inline-block min-w-[4.5rem] rounded px-2 py-0.5 text-center text-xs font-medium ${!meta ? 'invisible' : meta.lock.isLocked ? 'bg-slate-800 text-white' : 'bg-emerald-100 text-emerald-800'}`}
        >
          {meta?.lock.isLocked ? (
            <>
              <LockIcon /> Đã khóa
            </>
          ) : (
            'Đang mở'
          )}
        </span>
        <span
          role="status"
          aria-live="polite"
          data-testid="save-status"
          data-state={save.state}
          className={`rounded px-2 py-1 text-xs font-medium ${SAVE_STATE_CLASS[save.state]}`}
        >
          {save.text}
        </span>
        <span className="flex-1" />
        <span
          className="truncate text-xs text-slate-600"
          data-testid="reading-counts"
          title="Số dòng đã nhập, chưa nhập và bất thường của sổ trong kỳ"
        >
          {meta && (
            <>
              Đã nhập <strong className="tabular-nums text-slate-900">{fmtInt(counts.read)}</strong>/
              {fmtInt(counts.total)} · chưa nhập{' '}
              <strong className="tabular-nums text-slate-900">{fmtInt(counts.unread)}</strong> · bất thường{' '}
              <strong className={`tabular-nums ${counts.anomalies ? 'text-red-700' : 'text-slate-900'}`}>
                {fmtInt(counts.anomalies)}
              </strong>
            </>
          )}
        </span>
      </header>

      <div
        className="h-12 shrink-0 overflow-hidden border-b border-slate-200 bg-white px-4 py-1.5"
        data-testid="readings-toolbar"
      >
        <Toolbar label="Thao tác ghi chỉ số" className="!flex-nowrap whitespace-nowrap">
          <div
            role="radiogroup"
            aria-label="Lọc dòng"
            className="inline-flex shrink-0 overflow-hidden rounded-md border border-slate-300"
          >
            {filters.map((f) => (
              <button
                key={f.id}
                type="button"
                role="radio"
                aria-checked={p.filter === f.id}
                data-testid={`filter-${f.id}`}
                onClick={() => p.onFilter(f.id)}
                className={`border-r border-slate-300 px-2 py-1.5 text-sm last:border-r-0 ${p.filter === f.id ? 'bg-brand-600 font-medium text-white' : 'bg-white text-slate-700 hover:bg-slate-50'}`}
              >
                {f.label} <span className="tabular-nums opacity-75">({fmtInt(f.n)})</span>
              </button>
            ))}
          </div>
          <input
            ref={searchRef}
            type="search"
            value={p.search}
            onChange={(e) => p.onSearch(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                p.onSearchEnter();
              }
            }}
            placeholder="Tìm: Stt, mã, tên, địa chỉ, seri (Ctrl+F)"
            title="Tìm theo Stt, mã, tên, địa chỉ, seri (Ctrl+F)"
            aria-label="Tìm khách hàng trong sổ"
            data-testid="reading-search"
            className="w-44 min-w-[7rem] shrink rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm"
          />
          <ToolbarSeparator />
          <Button
            variant="primary"
            shortcut="Alt+S"
            onClick={p.onSaveAll}
            disabled={counts.dirty + counts.errors === 0}
            disabledReason={p.noWriteRight ?? p.lockedReason}
            data-testid="btn-save-all"
          >
            Lưu
          </Button>
          <Button
            shortcut="F8"
            onClick={p.onDeclare}
            disabled={!p.canDeclare}
            disabledReason={p.noWriteRight}
            data-testid="btn-declare"
          >
            Khai báo
          </Button>
          <Button
            onClick={p.onImport}
            disabled={!meta}
            disabledReason={p.noWriteRight ?? p.lockedReason}
            title="Nhận chỉ số từ tệp Excel"
            data-testid="btn-import"
          >
            Nhận Excel
          </Button>
          {meta ? (
            <a
              href={templateUrl(meta.bookId, meta.period)}
              download
              title={`Tải mẫu Excel của sổ kỳ ${periodLabel(meta.period)}`}
              data-testid="btn-template"
              className="inline-flex shrink-0 items-center rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
            >
              Tải mẫu
            </a>
          ) : null}
          <Button
            onClick={p.onRefresh}
            disabled={p.loading}
            title="Làm mới: đọc lại sổ từ máy chủ"
            aria-label="Làm mới"
            data-testid="btn-refresh"
          >
            <span aria-hidden="true">↻</span>
          </Button>
          {p.isAdmin && meta && (
            <Button
              onClick={p.onToggleLock}
              disabled={p.lockBusy}
              data-testid="btn-lock"
              title={meta.lock.explicit ? 'Mở khóa số liệu kỳ này của sổ' : 'Khóa số liệu kỳ này của sổ'}
            >
              {meta.lock.explicit ? 'Mở khóa kỳ' : 'Khóa kỳ'}
            </Button>
          )}
        </Toolbar>
      </div>
    </>
  );
}
