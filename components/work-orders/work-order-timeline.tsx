'use client';

import { fmtDateTime } from '@/components/customers/format';
import { EmptyState } from '@/components/ui/empty-state';
import { statusLabel } from './work-order-format';

export interface TimelineEvent {
  id: number;
  at: string;
  /** The staff member, or null for the portal / the system. */
  userName: string | null;
  /** True when the applicant did it through the portal. */
  byPortal?: boolean;
  fromStatus: string | null;
  toStatus: string;
  note: string | null;
  /** What the step recorded (an assignment's team, a quote's total …). */
  data?: unknown;
}

/** An event that kept the status: an assignment (it names a team or a person) or a plain note. */
const isAssignment = (data: unknown): boolean =>
  typeof data === 'object' && data !== null && ('teamId' in data || 'userId' in data);

/** Every status change and note of a request, oldest first: who, when, from → to, the note. */
export function WorkOrderTimeline({ events }: { events: readonly TimelineEvent[] }) {
  if (events.length === 0) return <EmptyState title="Chưa có diễn biến" />;
  return (
    <ol className="relative space-y-3 border-l-2 border-slate-200 pl-5" data-testid="work-order-timeline">
      {events.map((e) => {
        const moved = e.fromStatus !== null && e.fromStatus !== e.toStatus;
        return (
          <li key={e.id} className="relative" data-testid="timeline-event" data-to={e.toStatus}>
            <span
              aria-hidden="true"
              className="absolute -left-[27px] top-1.5 h-3 w-3 rounded-full border-2 border-white bg-brand-500"
            />
            <div className="flex flex-wrap items-baseline gap-x-2 text-sm">
              <span className="font-semibold text-slate-800">
                {e.fromStatus === null
                  ? `Tiếp nhận: ${statusLabel(e.toStatus)}`
                  : moved
                    ? `${statusLabel(e.fromStatus)} → ${statusLabel(e.toStatus)}`
                    : isAssignment(e.data)
                      ? 'Phân công'
                      : 'Ghi chú'}
              </span>
              <span className="text-xs text-slate-500">
                {fmtDateTime(e.at)} — {e.userName ?? (e.byPortal ? 'khách hàng (cổng trực tuyến)' : 'hệ thống')}
              </span>
            </div>
            {e.note && <p className="whitespace-pre-line text-sm text-slate-700">{e.note}</p>}
          </li>
        );
      })}
    </ol>
  );
}
