'use client';

import { useQuery } from 'urql';
import { Button } from '@/components/ui/button';
import { LockIcon } from '@/components/readings/lock-icon';
import { periodLabel } from '@/components/readings/format';
import { canRun, runDisabledReason, type BillingRights, type ScopeChoice } from './billing-rights';
import { PeriodLockQuery, type BillingBook } from './billing.documents';
import type { RunChoice } from './use-billing-run';

export interface ScopeFormProps {
  rights: BillingRights;
  books: readonly BillingBook[];
  choice: RunChoice;
  onChange: (patch: Partial<RunChoice>) => void;
  /** A run is in progress or starting: the choice is frozen. */
  busy: boolean;
  running: boolean;
  starting: boolean;
  error: string | null;
  onStart: () => void;
}

/** The scope of the next run (one book, several, the company, one customer) and the billing button (F9). */
export function ScopeForm({
  rights,
  books,
  choice,
  onChange,
  busy,
  running,
  starting,
  error,
  onStart,
}: ScopeFormProps) {
  const { scope, bookId, bookIds: multi } = choice;
  const runnable = books.filter((b) => canRun(rights, b.id));
  // The lock of the chosen book is a hint; the server refuses a locked period anyway.
  const [lockResult] = useQuery({
    query: PeriodLockQuery,
    variables: { bookId: bookId ?? 0, period: choice.period },
    pause: scope !== 'book' || bookId === null,
  });
  const lock = scope === 'book' ? lockResult.data?.periodLockState : undefined;
  const reason = runDisabledReason(rights, { scope, bookId });
  const radio = (value: ScopeChoice, label: string) => (
    <label className="flex items-center gap-2">
      <input
        type="radio"
        name="scope"
        checked={scope === value}
        onChange={() => onChange({ scope: value })}
        data-testid={`scope-${value}`}
        className="accent-brand-600"
      />
      {label}
    </label>
  );

  return (
    <section className="flex flex-col gap-3 rounded-md border border-slate-200 bg-white p-4" aria-label="Phạm vi tính">
      <h2 className="font-semibold text-slate-900">Phạm vi tính</h2>
      <fieldset className="flex flex-col gap-2 text-sm" disabled={busy}>
        <legend className="sr-only">Phạm vi</legend>
        {radio('book', 'Một sổ đọc')}
        {scope === 'book' && (
          <select
            value={bookId ?? ''}
            onChange={(e) => onChange({ bookId: Number(e.target.value) })}
            data-testid="book-picker"
            className="ml-6 w-[calc(100%-1.5rem)] rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
          >
            {books.map((b) => (
              <option key={b.id} value={b.id} disabled={!canRun(rights, b.id)}>
                {b.code} – {b.name}
              </option>
            ))}
          </select>
        )}
        {radio('books', 'Nhiều sổ đọc')}
        {scope === 'books' && (
          <div className="ml-6 flex flex-col gap-1 rounded-md border border-slate-200 p-2" data-testid="book-multi">
            <label className="flex items-center gap-2 border-b border-slate-100 pb-1 text-xs font-medium text-slate-600">
              <input
                type="checkbox"
                checked={runnable.length > 0 && runnable.every((b) => multi.has(b.id))}
                disabled={runnable.length === 0}
                onChange={(e) =>
                  onChange({ bookIds: e.target.checked ? new Set(runnable.map((b) => b.id)) : new Set() })
                }
                className="accent-brand-600"
              />
              Chọn tất cả
            </label>
            <div className="max-h-48 overflow-auto">
              {books.map((b) => (
                <label key={b.id} className="flex items-center gap-2 py-0.5">
                  <input
                    type="checkbox"
                    checked={multi.has(b.id)}
                    disabled={!canRun(rights, b.id)}
                    data-testid={`book-check-${b.code}`}
                    onChange={(e) => {
                      const n = new Set(multi);
                      if (e.target.checked) n.add(b.id);
                      else n.delete(b.id);
                      onChange({ bookIds: n });
                    }}
                    className="accent-brand-600"
                  />
                  <span>
                    <strong>{b.code}</strong> – {b.name}
                  </span>
                </label>
              ))}
            </div>
            <span className="text-xs text-slate-500">Đã chọn {multi.size} sổ</span>
          </div>
        )}
        {radio('all', 'Toàn công ty')}
        {scope === 'all' && !rights.isAdmin && (
          <p className="ml-6 text-xs text-slate-500">Cần quyền tính hóa đơn trên mọi sổ của công ty.</p>
        )}
        {radio('customer', 'Tính lại một khách hàng')}
        {scope === 'customer' && (
          <input
            type="text"
            value={choice.customerCode}
            onChange={(e) => onChange({ customerCode: e.target.value })}
            onKeyDown={(e) => e.key === 'Enter' && !reason && onStart()}
            placeholder="Mã khách hàng, ví dụ KH0000001"
            aria-label="Mã khách hàng"
            data-testid="customer-code"
            className="ml-6 w-[calc(100%-1.5rem)] rounded-md border border-slate-300 px-2.5 py-1.5 text-sm uppercase"
          />
        )}
      </fieldset>
      {lock?.isLocked && (
        <p
          className="rounded-md border border-slate-300 bg-slate-100 px-3 py-2 text-sm text-slate-800"
          data-testid="lock-hint"
        >
          <LockIcon className="mr-1" />
          {lock.message}
        </p>
      )}
      {error && (
        <p
          role="alert"
          className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
          data-testid="run-error"
        >
          {error}
        </p>
      )}
      <Button
        variant="primary"
        onClick={onStart}
        disabled={busy}
        disabledReason={reason}
        shortcut="F9"
        data-testid="run-button"
        className="py-2"
      >
        {starting ? 'Đang bắt đầu…' : running ? 'Đang tính…' : `Tính hóa đơn kỳ ${periodLabel(choice.period)}`}
      </Button>
      {reason && (
        <p className="text-xs text-slate-600" data-testid="run-disabled-reason">
          {reason}
        </p>
      )}
      <p className="text-xs text-slate-500">
        Tính lại nhiều lần vẫn an toàn: mỗi khách hàng chỉ có một hóa đơn mỗi kỳ và loại; hóa đơn nháp được tính lại,
        hóa đơn đã phát hành giữ nguyên.
      </p>
    </section>
  );
}
