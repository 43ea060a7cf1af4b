/**
 * Validation of the dates, periods and instants that cross the API boundary.
 *
 * JavaScript's Date silently rolls 2026-02-30 over to 2 March and accepts year 0; PostgreSQL refuses
 * year 0 with an internal error. Business data of a water utility lives well inside 1900–2100, so
 * anything outside that window is a typing mistake, not a date to store.
 */

const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const PERIOD_RE = /^(\d{4})-(\d{2})$/;
// RFC 3339 date-time: an explicit offset is required, or the instant would depend on the server's zone.
const INSTANT_RE = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?([Zz]|[+-](\d{2}):(\d{2}))$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInCalendarMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isYearInRange(year: number): boolean {
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

function isRealDay(year: number, month: number, day: number): boolean {
  return isYearInRange(year) && month >= 1 && month <= 12 && day >= 1 && day <= daysInCalendarMonth(year, month);
}

/** A civil date YYYY-MM-DD that exists in the calendar, in years 1900–2100. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE_RE.exec(value);
  return m !== null && isRealDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** A billing period YYYY-MM in years 1900–2100. */
export function isCalendarPeriod(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = PERIOD_RE.exec(value);
  if (!m) return false;
  const month = Number(m[2]);
  return isYearInRange(Number(m[1])) && month >= 1 && month <= 12;
}

/**
 * An RFC 3339 instant with an explicit offset (`2026-03-01T08:00:00+07:00`, `…Z`), whose date part
 * exists and whose time part is a real time of day; null otherwise.
 */
export function parseInstant(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const m = INSTANT_RE.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (!isRealDay(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  if (m[8] !== undefined && (Number(m[8]) > 23 || Number(m[9]) > 59)) return null;
  const instant = new Date(value.replace(' ', 'T'));
  return Number.isNaN(instant.getTime()) ? null : instant;
}

/** `date` plus `days` days (may be negative), as YYYY-MM-DD; `date` must be a valid civil date. */
export function shiftDate(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const utc = new Date(0);
  utc.setUTCFullYear(y, m - 1, d + days);
  return `${String(utc.getUTCFullYear()).padStart(4, '0')}-${String(utc.getUTCMonth() + 1).padStart(2, '0')}-${String(utc.getUTCDate()).padStart(2, '0')}`;
}
