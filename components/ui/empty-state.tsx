'use client';

import type { ReactNode } from 'react';

/** Props of `<EmptyState>`. */
export interface EmptyStateProps {
  /** Main line, e.g. "Sổ chưa có khách hàng". */
  title: string;
  /** Secondary explanation. */
  description?: ReactNode;
  /** Optional call to action (a button or link). */
  action?: ReactNode;
  /** Optional decorative icon/emoji shown above the title. */
  icon?: ReactNode;
  /** `error` tints the box red and announces it as an alert. */
  tone?: 'neutral' | 'error';
  className?: string;
  'data-testid'?: string;
}

/** A centred placeholder for "nothing here yet" / "could not load" situations. */
export function EmptyState({
  title,
  description,
  action,
  icon,
  tone = 'neutral',
  className = '',
  ...rest
}: EmptyStateProps) {
  const isError = tone === 'error';
  return (
    <div
      role={isError ? 'alert' : undefined}
      data-testid={rest['data-testid']}
      className={`flex flex-col items-center justify-center gap-2 px-6 py-10 text-center ${className}`}
    >
      {icon && (
        <div aria-hidden="true" className="text-3xl">
          {icon}
        </div>
      )}
      <p className={`text-sm font-semibold ${isError ? 'text-red-700' : 'text-slate-700'}`}>{title}</p>
      {description && (
        <div className={`max-w-md text-sm ${isError ? 'text-red-600' : 'text-slate-500'}`}>{description}</div>
      )}
      {action && <div className="mt-2">{action}</div>}
    </div>
  );
}
