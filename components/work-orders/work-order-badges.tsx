'use client';

import { STATUS_TONES, deadlineText, isOverdue, statusLabel } from './work-order-format';

export function WorkOrderStatusBadge({ status }: { status: string }) {
  return (
    <span
      data-testid="work-order-status"
      data-status={status}
      className={`inline-block whitespace-nowrap rounded px-1.5 text-xs font-medium leading-5 ${STATUS_TONES[status] ?? 'bg-slate-100 text-slate-700'}`}
    >
      {statusLabel(status)}
    </span>
  );
}

/** The due date, red and marked for screen readers when the request is open past it. */
export function DeadlineText({ deadline, status, today }: { deadline: string; status: string; today?: string }) {
  const overdue = isOverdue(deadline, status, today);
  return (
    <span
      data-testid="work-order-deadline"
      data-overdue={overdue ? 'true' : 'false'}
      className={`whitespace-nowrap tabular-nums ${overdue ? 'font-semibold text-red-700' : 'text-slate-700'}`}
    >
      {overdue && <span className="sr-only">Quá hạn: </span>}
      {deadlineText(deadline, status, today)}
    </span>
  );
}
