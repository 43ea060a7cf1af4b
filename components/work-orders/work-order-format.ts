import { fmtDate, todayVN } from '@/components/customers/format';
import {
  WORK_ORDER_DOCUMENT_KIND_LABELS,
  WORK_ORDER_KIND_LABELS,
  WORK_ORDER_KINDS,
  WORK_ORDER_SOURCE_LABELS,
  WORK_ORDER_STATUS_LABELS,
  WORK_ORDER_STATUSES,
} from '@/domain/work-orders/kinds';

export { todayVN };
export { WORK_ORDER_KINDS, WORK_ORDER_STATUSES };

const label = (labels: Record<string, string>, value: string): string => labels[value] ?? value;

export const kindLabel = (kind: string): string => label(WORK_ORDER_KIND_LABELS, kind);
export const statusLabel = (status: string): string => label(WORK_ORDER_STATUS_LABELS, status);
export const sourceLabel = (source: string): string => label(WORK_ORDER_SOURCE_LABELS, source);
export const documentKindLabel = (kind: string): string => label(WORK_ORDER_DOCUMENT_KIND_LABELS, kind);

export const STATUS_TONES: Record<string, string> = {
  RECEIVED: 'bg-sky-100 text-sky-900',
  ASSIGNED: 'bg-indigo-100 text-indigo-900',
  IN_PROGRESS: 'bg-amber-100 text-amber-900',
  SURVEYED: 'bg-amber-100 text-amber-900',
  QUOTED: 'bg-amber-100 text-amber-900',
  CONTRACTED: 'bg-amber-100 text-amber-900',
  INSTALLED: 'bg-amber-100 text-amber-900',
  DONE: 'bg-emerald-100 text-emerald-900',
  REJECTED: 'bg-red-100 text-red-800',
  CANCELLED: 'bg-slate-200 text-slate-700',
};

const CLOSED = new Set(['DONE', 'REJECTED', 'CANCELLED']);

/** A finished, rejected or cancelled request: no more actions, never overdue. */
export const isClosed = (status: string): boolean => CLOSED.has(status);

/** Past its deadline and still open (the deadline day itself is still in time). */
export const isOverdue = (deadline: string, status: string, today: string = todayVN()): boolean =>
  !isClosed(status) && deadline < today;

/** Whole days between two YYYY-MM-DD dates (b − a). */
function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** "15/12/2026 · quá hạn 3 ngày", "… · còn 2 ngày", "… · hạn hôm nay" for an open request; the date alone otherwise. */
export function deadlineText(deadline: string, status: string, today: string = todayVN()): string {
  const date = fmtDate(deadline);
  if (isClosed(status)) return date;
  const left = daysBetween(today, deadline);
  if (left < 0) return `${date} · quá hạn ${-left} ngày`;
  if (left === 0) return `${date} · hạn hôm nay`;
  return `${date} · còn ${left} ngày`;
}

/** Integer VND with dot thousands ("1.250.000"). */
export const fmtMoney = (n: number | null | undefined): string =>
  n === null || n === undefined ? '' : new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 }).format(n);
