/**
 * Billing periods ('YYYY-MM') and calendar dates ('YYYY-MM-DD').
 *
 * Dates are plain strings, never `Date` objects, because a billing day is a
 * civil date in Vietnam and must not shift with the server's time zone. The
 * arithmetic below goes through a UTC day number, which has no DST.
 */
import { ReadingError } from './errors';

const PERIOD_RE = /^(\d{4})-(\d{2})$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

interface PeriodParts {
  year: number;
  month: number; // 1–12
}

export interface PeriodBounds {
  start: string; // first day, YYYY-MM-DD
  end: string; // last day, inclusive
  days: number;
}

export function isValidPeriod(value: string): boolean {
  const m = PERIOD_RE.exec(value);
  if (!m) return false;
  const month = Number(m[2]);
  return Number(m[1]) >= 1 && month >= 1 && month <= 12;
}

function parsePeriod(period: string): PeriodParts {
  if (!isValidPeriod(period)) {
    throw new ReadingError('INVALID_PERIOD', `Kỳ "${period}" không hợp lệ (định dạng YYYY-MM)`);
  }
  const [y, m] = period.split('-');
  return { year: Number(y), month: Number(m) };
}

function formatPeriod(year: number, month: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** Period n months later (n may be negative): addPeriods('2024-11', 3) = '2025-02'. */
export function addPeriods(period: string, n: number): string {
  if (!Number.isSafeInteger(n)) {
    throw new ReadingError('INVALID_PERIOD', `Số kỳ cộng thêm phải là số nguyên, nhận được ${String(n)}`);
  }
  const { year, month } = parsePeriod(period);
  const index = year * 12 + (month - 1) + n;
  const newYear = Math.floor(index / 12);
  if (newYear < 1 || newYear > 9999) {
    throw new ReadingError('INVALID_PERIOD', `Kỳ kết quả nằm ngoài phạm vi năm 1–9999`);
  }
  return formatPeriod(newYear, index - newYear * 12 + 1);
}

/** -1, 0 or 1, usable as an Array.sort comparator. */
export function comparePeriods(a: string, b: string): -1 | 0 | 1 {
  const pa = parsePeriod(a);
  const pb = parsePeriod(b);
  const d = pa.year * 12 + pa.month - (pb.year * 12 + pb.month);
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** First day, last day (inclusive) and number of days of a period. */
export function periodBounds(period: string): PeriodBounds {
  const { year, month } = parsePeriod(period);
  const days = daysInMonth(year, month);
  const p = formatPeriod(year, month);
  return { start: `${p}-01`, end: `${p}-${String(days).padStart(2, '0')}`, days };
}

export function isValidDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Days since 1970-01-01 for a civil date; throws on an invalid date. */
export function dayNumber(date: string): number {
  if (!isValidDate(date)) {
    throw new ReadingError('INVALID_DATE', `Ngày "${date}" không hợp lệ (định dạng YYYY-MM-DD)`);
  }
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const utc = new Date(0);
  utc.setUTCFullYear(y, m - 1, d); // setUTCFullYear keeps years < 100 literal
  return Math.round(utc.getTime() / MS_PER_DAY);
}

function dateFromDayNumber(n: number): string {
  const d = new Date(n * MS_PER_DAY);
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

export function addDays(date: string, n: number): string {
  return dateFromDayNumber(dayNumber(date) + n);
}

/** Number of days from start to end, both included (start = end → 1). */
export function daysInclusive(start: string, end: string): number {
  return dayNumber(end) - dayNumber(start) + 1;
}

/** ISO dates compare correctly as strings once validated. */
export function compareDates(a: string, b: string): -1 | 0 | 1 {
  const d = dayNumber(a) - dayNumber(b);
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}
