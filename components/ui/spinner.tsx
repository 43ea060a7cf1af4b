'use client';

/** Props of `<Spinner>`: `label` is read by screen readers and shown beside the wheel unless `hideLabel`. */
export interface SpinnerProps {
  /** Accessible text, e.g. "Đang tải…". */
  label?: string;
  /** Only the wheel is visible; the label stays for screen readers. */
  hideLabel?: boolean;
  /** Wheel size: sm 14px, md 20px, lg 32px. */
  size?: 'sm' | 'md' | 'lg';
  className?: string;
}

const SIZES = { sm: 'h-3.5 w-3.5 border-2', md: 'h-5 w-5 border-2', lg: 'h-8 w-8 border-[3px]' } as const;

/** A small loading wheel with a `role="status"` label (e.g. "Đang tải…"). */
export function Spinner({ label = 'Đang tải…', hideLabel = false, size = 'md', className = '' }: SpinnerProps) {
  return (
    <span
      role="status"
      aria-live="polite"
      className={`inline-flex items-center gap-2 text-sm text-slate-500 ${className}`}
    >
      <span
        aria-hidden="true"
        className={`${SIZES[size]} animate-spin rounded-full border-slate-300 border-t-brand-600`}
      />
      <span className={hideLabel ? 'sr-only' : ''}>{label}</span>
    </span>
  );
}
