'use client';

import type { CombinedError } from 'urql';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import { errorMessage } from '@/lib/graphql/errors';

/** The loading, error and empty states every report tab shows in place of its chart and table. */
export function ReportState({
  fetching,
  error,
  empty,
  emptyTitle,
  emptyDescription,
}: {
  fetching: boolean;
  error: CombinedError | undefined;
  empty: boolean;
  emptyTitle: string;
  emptyDescription?: string;
}) {
  if (error)
    return (
      <EmptyState
        tone="error"
        title="Không tải được báo cáo"
        description={errorMessage(error, 'Không tải được báo cáo, vui lòng thử lại.')}
        data-testid="report-error"
      />
    );
  if (fetching)
    return (
      <div className="p-6">
        <Spinner label="Đang lập báo cáo…" />
      </div>
    );
  if (empty)
    return <EmptyState title={emptyTitle} description={emptyDescription} icon="📊" data-testid="report-empty" />;
  return null;
}

export const TH = 'border-b border-slate-200 px-2 py-1.5 text-left text-xs font-semibold text-slate-600';
export const THR = `${TH} text-right`;
export const TD = 'border-b border-slate-100 px-2 py-1 text-sm text-slate-800';
export const TDR = `${TD} text-right tabular-nums`;
export const TF = 'border-t border-slate-300 px-2 py-1.5 text-sm font-semibold text-slate-900';
export const TFR = `${TF} text-right tabular-nums`;
