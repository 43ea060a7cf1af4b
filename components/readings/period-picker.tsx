'use client';

import { useState } from 'react';
import { addPeriods } from '@/domain/reading/period';

/** '2026-03' → '03/2026'. */
export function periodToText(p: string): string {
  return /^\d{4}-\d{2}$/.test(p) ? `${p.slice(5, 7)}/${p.slice(0, 4)}` : p;
}

/** '3/2026', '03/2026', '03-2026', '2026-03' → '2026-03'; null when not a month of a year. */
export function parsePeriodText(text: string): string | null {
  const t = text.trim();
  let m = /^(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(t);
  if (m) {
    const month = Number(m[1]);
    return month >= 1 && month <= 12 ? `${m[2]}-${String(month).padStart(2, '0')}` : null;
  }
  m = /^(\d{4})-(\d{1,2})$/.exec(t);
  if (m) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? `${m[1]}-${String(month).padStart(2, '0')}` : null;
  }
  return null;
}

/**
 * A billing period typed as "tháng/năm" (11/2026) with ◀ ▶ to step a month, the way Vietnamese clerks write
 * periods (the native month input shows the browser's language). Enter or leaving the field applies it.
 */
export function PeriodPicker({
  value,
  onChange,
  max,
  label = 'Kỳ',
  testId = 'period-input',
  allowEmpty = false,
  disabled = false,
  emptyText = 'Mọi kỳ',
}: {
  value: string;
  onChange: (period: string) => void;
  /** Latest period allowed (e.g. the current one). */
  max?: string;
  label?: string;
  testId?: string;
  /** An empty text means "every period" (value ''). */
  allowEmpty?: boolean;
  disabled?: boolean;
  /** Placeholder of the empty value when `allowEmpty`. */
  emptyText?: string;
}) {
  const [text, setText] = useState(periodToText(value));
  const [bad, setBad] = useState(false);
  // A new value from the parent replaces the text being typed (adjusted while rendering, not in an effect).
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setText(periodToText(value));
    setBad(false);
  }

  const commit = () => {
    if (allowEmpty && text.trim() === '') {
      if (value !== '') onChange('');
      setBad(false);
      return;
    }
    const p = parsePeriodText(text);
    if (!p || (max && p > max)) {
      setBad(true);
      return;
    }
    setBad(false);
    if (p !== value) onChange(p);
    else setText(periodToText(value));
  };
  const step = (n: number) => {
    const base = parsePeriodText(text) ?? (value || max || '');
    if (!base) return;
    const next = addPeriods(base, n);
    if (max && next > max) return;
    onChange(next);
  };

  return (
    <span className="inline-flex items-center gap-1 text-sm">
      {label && <span className="text-slate-600">{label}</span>}
      <span
        className={`inline-flex items-stretch overflow-hidden rounded-md border bg-white ${bad ? 'border-red-500' : 'border-slate-300'}`}
      >
        <button
          type="button"
          onClick={() => step(-1)}
          disabled={disabled || (allowEmpty && !value)}
          aria-label="Kỳ trước"
          title="Kỳ trước"
          className="px-1.5 text-slate-500 hover:bg-slate-100 disabled:opacity-40"
        >
          ◀
        </button>
        <input
          type="text"
          inputMode="numeric"
          value={text}
          disabled={disabled}
          placeholder={allowEmpty ? emptyText : 'tt/nnnn'}
          aria-label={`${label} (tháng/năm)`}
          aria-invalid={bad || undefined}
          title={
            bad
              ? `Kỳ không hợp lệ${max ? ` hoặc sau kỳ ${periodToText(max)}` : ''} (nhập tháng/năm, ví dụ 03/2026)`
              : 'Tháng/năm, ví dụ 03/2026'
          }
          data-testid={testId}
          data-period={value}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commit();
            } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
              e.preventDefault();
              step(e.key === 'ArrowUp' ? 1 : -1);
            }
          }}
          onBlur={commit}
          className={`w-[4.8rem] border-x border-slate-200 px-1.5 py-1 text-center font-medium tabular-nums outline-none focus:bg-brand-50 ${bad ? 'bg-red-50 text-red-800' : ''}`}
        />
        <button
          type="button"
          onClick={() => step(1)}
          disabled={disabled || (!!max && !!value && value >= max) || (allowEmpty && !value)}
          aria-label="Kỳ sau"
          title="Kỳ sau"
          className="px-1.5 text-slate-500 hover:bg-slate-100 disabled:opacity-40"
        >
          ▶
        </button>
      </span>
    </span>
  );
}
