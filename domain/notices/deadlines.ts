/**
 * The dates notices print (VIETNAM-RULES.md, "Disputes and disconnection", Decree 117/2007): how long a customer
 * has after a disconnection notice, and the payment term printed on a bill notice.
 */
import { shiftDate } from '../time/calendar';

/** Days from issue to the due date printed on a bill notice: the company's term, not a legal one. */
export const BILL_PAYMENT_DAYS = 15;

/** Households: 5 weeks after the notice; 10 weeks when they give a valid reason. */
const HOUSEHOLD_DAYS = 35;
const HOUSEHOLD_WITH_REASON_DAYS = 70;
/** Other customers (agencies, businesses): 15 working days after the notice. */
const OTHER_WORKING_DAYS = 15;

export function billDueDate(issuedOn: string): string {
  return shiftDate(issuedOn, BILL_PAYMENT_DAYS);
}

/** Monday to Friday; public holidays are not known here, so a deadline over a holiday is a lower bound. */
function isWorkingDay(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return day !== 0 && day !== 6;
}

/** The date `days` working days after `date` (the notice day itself does not count). */
export function addWorkingDays(date: string, days: number): string {
  let at = date;
  let left = days;
  while (left > 0) {
    at = shiftDate(at, 1);
    if (isWorkingDay(at)) left -= 1;
  }
  return at;
}

export interface DisconnectionDeadlines {
  /** The earliest day water may be cut if the debt is still unpaid. */
  disconnectOn: string;
  /** For households: the later day that applies when they give a valid reason; null for other customers. */
  disconnectWithReasonOn: string | null;
  /** How the rule reads, printed in the notice. */
  rule: string;
}

export function disconnectionDeadlines(noticeDate: string, isHousehold: boolean): DisconnectionDeadlines {
  if (isHousehold) {
    return {
      disconnectOn: shiftDate(noticeDate, HOUSEHOLD_DAYS),
      disconnectWithReasonOn: shiftDate(noticeDate, HOUSEHOLD_WITH_REASON_DAYS),
      rule: 'Hộ gia đình: 5 tuần kể từ ngày thông báo (10 tuần nếu có lý do chính đáng).',
    };
  }
  return {
    disconnectOn: addWorkingDays(noticeDate, OTHER_WORKING_DAYS),
    disconnectWithReasonOn: null,
    rule: 'Khách hàng không phải hộ gia đình: 15 ngày làm việc kể từ ngày thông báo.',
  };
}

/** 2026-11-30 → 30/11/2026, as Vietnamese dates are printed. */
export function formatDateVi(date: string): string {
  const [y, m, d] = date.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** 2026-11 → 11/2026. */
export function formatPeriodVi(period: string): string {
  const [y, m] = period.split('-');
  return `${m}/${y}`;
}
