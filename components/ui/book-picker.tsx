'use client';

import { Button } from './button';
import { EmptyState } from './empty-state';
import { Spinner } from './spinner';

/** What the book picker shows of a reading book. */
export interface PickableBook {
  id: number;
  code: string;
  name: string;
}

/**
 * Stands in for a screen while the user's reading books load: the load error (with Thử lại), a spinner,
 * or the "no book assigned" notice. Render it when `error || books === null || books.length === 0`.
 */
export function BooksPending({
  books,
  error,
  onRetry,
}: {
  books: readonly PickableBook[] | null;
  error: string | null;
  onRetry: () => void;
}) {
  if (error) {
    return (
      <EmptyState
        tone="error"
        title="Không tải được danh sách sổ đọc"
        description={error}
        action={<Button onClick={onRetry}>Thử lại</Button>}
      />
    );
  }
  if (books === null) {
    return (
      <div className="p-6">
        <Spinner label="Đang tải sổ đọc…" />
      </div>
    );
  }
  return (
    <EmptyState
      title="Bạn chưa được giao sổ đọc nào"
      description="Liên hệ quản trị viên để được phân quyền sổ đọc."
      icon="📒"
    />
  );
}

/** The "Sổ đọc" select of a screen header (data-testid `book-picker`). */
export function BookPicker({
  books,
  value,
  onChange,
  disabled,
}: {
  books: readonly PickableBook[];
  value: number | null;
  onChange: (bookId: number) => void;
  disabled?: boolean;
}) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="text-slate-600">Sổ đọc</span>
      <select
        value={value ?? ''}
        data-testid="book-picker"
        disabled={disabled}
        onChange={(e) => onChange(Number(e.target.value))}
        className="max-w-xs rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm font-medium"
      >
        {books.map((b) => (
          <option key={b.id} value={b.id}>
            {b.code} – {b.name}
          </option>
        ))}
      </select>
    </label>
  );
}
