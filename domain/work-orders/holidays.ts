/**
 * Days off for Vietnamese public holidays (Labour Code 2019, art. 112), 2025–2027, as the days on which offices
 * are closed: the statutory day, the day given in lieu when it falls on a weekend, and the Tết and National Day
 * arrangements of the Ministry of Home Affairs' yearly announcement. Weekends inside a break are left out (they
 * are not working days anyway).
 *
 * 2025 and 2026 follow the published announcements; 2027 follows the statutory days with the usual arrangement
 * (Tết from the last day of the lunar year, days in lieu for weekends) and must be checked against the announcement
 * when it is published. A date after the last listed year counts only weekends as days off.
 */
export interface PublicHoliday {
  date: string;
  name: string;
}

const NEW_YEAR = 'Tết Dương lịch';
const TET = 'Tết Nguyên đán';
const HUNG_KINGS = 'Giỗ Tổ Hùng Vương';
const REUNIFICATION = 'Ngày Giải phóng miền Nam';
const LABOUR = 'Ngày Quốc tế Lao động';
const NATIONAL = 'Quốc khánh';

export const VIETNAM_PUBLIC_HOLIDAYS: readonly PublicHoliday[] = [
  // 2025
  { date: '2025-01-01', name: NEW_YEAR },
  { date: '2025-01-27', name: TET },
  { date: '2025-01-28', name: TET },
  { date: '2025-01-29', name: TET },
  { date: '2025-01-30', name: TET },
  { date: '2025-01-31', name: TET },
  { date: '2025-04-07', name: HUNG_KINGS },
  { date: '2025-04-30', name: REUNIFICATION },
  { date: '2025-05-01', name: LABOUR },
  // Swapped with Saturday 26 April 2025 by the announcement.
  { date: '2025-05-02', name: LABOUR },
  { date: '2025-09-01', name: NATIONAL },
  { date: '2025-09-02', name: NATIONAL },
  // 2026
  { date: '2026-01-01', name: NEW_YEAR },
  { date: '2026-02-16', name: TET },
  { date: '2026-02-17', name: TET },
  { date: '2026-02-18', name: TET },
  { date: '2026-02-19', name: TET },
  { date: '2026-02-20', name: TET },
  // 10/3 lunar falls on Sunday 26 April: the Monday after is given in lieu.
  { date: '2026-04-27', name: HUNG_KINGS },
  { date: '2026-04-30', name: REUNIFICATION },
  { date: '2026-05-01', name: LABOUR },
  { date: '2026-09-01', name: NATIONAL },
  { date: '2026-09-02', name: NATIONAL },
  // 2027
  { date: '2027-01-01', name: NEW_YEAR },
  // Lunar new year on Saturday 6 February: 30 Tết (Friday) to mùng 4, the weekend given back on 10–11 February.
  { date: '2027-02-05', name: TET },
  { date: '2027-02-08', name: TET },
  { date: '2027-02-09', name: TET },
  { date: '2027-02-10', name: TET },
  { date: '2027-02-11', name: TET },
  { date: '2027-04-16', name: HUNG_KINGS },
  { date: '2027-04-30', name: REUNIFICATION },
  // 1 May falls on a Saturday: Monday 3 May is given in lieu.
  { date: '2027-05-03', name: LABOUR },
  { date: '2027-09-02', name: NATIONAL },
  { date: '2027-09-03', name: NATIONAL },
];

const HOLIDAY_DATES = new Set(VIETNAM_PUBLIC_HOLIDAYS.map((h) => h.date));

/** 0 = Sunday … 6 = Saturday, of a civil date YYYY-MM-DD (independent of the machine's zone). */
function dayOfWeek(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export function isPublicHoliday(date: string): boolean {
  return HOLIDAY_DATES.has(date);
}

/** Monday to Friday and not a public holiday day off. */
export function isWorkingDay(date: string): boolean {
  const dow = dayOfWeek(date);
  return dow !== 0 && dow !== 6 && !isPublicHoliday(date);
}
