/**
 * The billing period "now" in Vietnam (UTC+7, no daylight saving): business dates must not shift with
 * the server's time zone.
 */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

export function todayInVietnam(now: Date): string {
  return new Date(now.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

export function currentPeriodInVietnam(now: Date): string {
  return todayInVietnam(now).slice(0, 7);
}

/** '2026-03' → '03/2026', as periods are printed in Vietnamese. */
export function periodLabel(period: string): string {
  return `${period.slice(5, 7)}/${period.slice(0, 4)}`;
}
