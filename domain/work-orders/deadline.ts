import { shiftDate } from '@/domain/time/calendar';
import { isWorkingDay } from './holidays';
import type { WorkOrderKind } from './kinds';

/** VIETNAM-RULES "Disputes and disconnection": a disputed bill is answered within 15 working days. */
const BILL_DISPUTE_WORKING_DAYS = 15;
/** VIETNAM-RULES: a meter check happens within 5 days of the request (calendar days). */
const METER_CHECK_DAYS = 5;

/**
 * Calendar days allowed for a kind when no complaint kind of the catalog says otherwise: our own choice, from
 * what utilities commonly promise (a leak the next day, a reconnection within a day of paying, a new connection
 * within a month of the request because it needs a survey, a quote, a contract and works).
 */
export const DEFAULT_RESOLUTION_DAYS: Record<WorkOrderKind, number> = {
  INSTALLATION: 30,
  RELOCATION: 15,
  UPGRADE: 15,
  METER_REPLACEMENT: 7,
  METER_CHECK: METER_CHECK_DAYS,
  SUSPENSION: 3,
  RESUMPTION: 3,
  NAME_CHANGE: 7,
  BILL_DISPUTE: 21,
  LEAK_REPORT: 1,
  PROBLEM_REPORT: 3,
  CUT_OFF: 7,
  RECONNECTION: 1,
};

/** The `count`-th working day after `from` (the day of receipt itself does not count). */
export function addWorkingDays(from: string, count: number): string {
  let day = from;
  let left = count;
  while (left > 0) {
    day = shiftDate(day, 1);
    if (isWorkingDay(day)) left--;
  }
  return day;
}

/**
 * The day the answer is due for a request received on `receivedOn` (a Vietnamese business date). The legal
 * ceilings win over the catalog: a dispute is due in 15 working days and a meter check in 5 days whatever the
 * complaint kind says; other kinds take the complaint kind's resolution days, else the kind's default.
 *
 * `notBefore` is a legal floor: a cut-off may not be done before the disconnection date of its notice
 * (domain/notices/deadlines.ts), so its deadline is never earlier than that day.
 */
export function workOrderDeadline(
  kind: WorkOrderKind,
  receivedOn: string,
  complaintResolutionDays?: number | null,
  notBefore?: string | null,
): string {
  if (kind === 'BILL_DISPUTE') return addWorkingDays(receivedOn, BILL_DISPUTE_WORKING_DAYS);
  if (kind === 'METER_CHECK') return shiftDate(receivedOn, METER_CHECK_DAYS);
  const days =
    complaintResolutionDays !== null && complaintResolutionDays !== undefined && complaintResolutionDays > 0
      ? complaintResolutionDays
      : DEFAULT_RESOLUTION_DAYS[kind];
  const due = shiftDate(receivedOn, days);
  return notBefore != null && notBefore > due ? notBefore : due;
}

/** Open and its deadline already passed (due yesterday or before, counted in Vietnamese business days). */
export function isOverdue(deadline: string, isOpen: boolean, today: string): boolean {
  return isOpen && deadline < today;
}
