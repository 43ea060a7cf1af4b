'use client';

import { forwardRef } from 'react';
import { Spinner } from '@/components/ui/spinner';
import { BOOK_LIMIT } from './customer-documents';

export interface BookFilterBarProps {
  filter: string;
  onFilter: (text: string) => void;
  /** Rows the filter lets through. */
  shown: number;
  /** Rows loaded for the book; null while the book loads. */
  total: number | null;
  /** Customers the book holds (more than `total` when the book outgrows one page). */
  bookTotal: number;
  selectedCount: number;
  fetching: boolean;
}

/** The quick filter over the open book (Ctrl+F) with the counts. */
export const BookFilterBar = forwardRef<HTMLInputElement, BookFilterBarProps>(function BookFilterBar(p, ref) {
  return (
    <div className="flex flex-wrap items-center gap-3">
      <input
        ref={ref}
        type="search"
        value={p.filter}
        onChange={(e) => p.onFilter(e.target.value)}
        placeholder="Lọc trong sổ: Stt, mã, tên, địa chỉ, điện thoại, seri…"
        aria-label="Lọc khách hàng trong sổ"
        aria-keyshortcuts="Control+F"
        data-testid="book-filter"
        className="w-80 rounded-md border border-slate-300 bg-white px-3 py-1 text-sm"
      />
      <span className="text-xs text-slate-500" data-testid="customer-count">
        {p.total !== null ? (
          <>
            {p.filter ? `${p.shown.toLocaleString('vi-VN')} / ` : ''}
            {p.total.toLocaleString('vi-VN')} khách hàng
            {p.selectedCount > 1 ? ` · đã chọn ${p.selectedCount}` : ''}
          </>
        ) : null}
      </span>
      {p.total !== null && p.bookTotal > p.total && (
        <span role="status" className="text-xs font-medium text-amber-700">
          Sổ có {p.bookTotal.toLocaleString('vi-VN')} khách hàng; chỉ hiện {BOOK_LIMIT.toLocaleString('vi-VN')} khách
          hàng đầu — hãy tách sổ.
        </span>
      )}
      {p.fetching && <Spinner size="sm" hideLabel label="Đang tải khách hàng…" />}
      <span className="ml-auto hidden text-xs text-slate-400 lg:inline">
        Ctrl+bấm: chọn nhiều · Shift+bấm: chọn liên tiếp · ↑↓ di chuyển
      </span>
    </div>
  );
});
