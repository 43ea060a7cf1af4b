/**
 * Age of an open invoice amount (tuổi nợ): whole days from the invoice's issue date to the "as of" date, in four
 * buckets: 0–30, 31–60, 61–90 and more than 90 days. The report's SQL buckets with DEBT_AGE_LIMITS, the same numbers
 * debtAgeBucket uses, and the integration test checks both agree on the edges.
 */

export const DEBT_AGE_BUCKETS = ['days0To30', 'days31To60', 'days61To90', 'over90Days'] as const;
export type DebtAgeBucket = (typeof DEBT_AGE_BUCKETS)[number];

/** The last day of each bucket but the open-ended last one. */
export const DEBT_AGE_LIMITS = [30, 60, 90] as const;

export const DEBT_AGE_LABELS: Readonly<Record<DebtAgeBucket, string>> = {
  days0To30: '0–30 ngày',
  days31To60: '31–60 ngày',
  days61To90: '61–90 ngày',
  over90Days: 'Trên 90 ngày',
};

const MS_PER_DAY = 86_400_000;

function utcDay(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const back = new Date(t);
  // Date.UTC rolls 2026-02-30 over to March: a date that does not come back unchanged is not a real day.
  if (back.getUTCDate() !== Number(m[3]) || back.getUTCMonth() !== Number(m[2]) - 1)
    throw new RangeError(`not a calendar date: ${date}`);
  return Math.round(t / MS_PER_DAY);
}

/** Whole days from `issuedOn` to `asOf` (both YYYY-MM-DD): the same day is 0, the next day 1. */
export function debtAgeDays(issuedOn: string, asOf: string): number {
  return utcDay(asOf) - utcDay(issuedOn);
}

/**
 * The bucket of an age in days. An invoice issued after the "as of" date is not a debt of that date: the report
 * leaves it out, so a negative age is refused here rather than counted as fresh.
 */
export function debtAgeBucket(days: number): DebtAgeBucket {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`age must be a whole number of days ≥ 0, got ${days}`);
  if (days <= DEBT_AGE_LIMITS[0]) return 'days0To30';
  if (days <= DEBT_AGE_LIMITS[1]) return 'days31To60';
  if (days <= DEBT_AGE_LIMITS[2]) return 'days61To90';
  return 'over90Days';
}

export type DebtAgeAmounts = Record<DebtAgeBucket, number>;

export const emptyDebtAgeAmounts = (): DebtAgeAmounts => ({
  days0To30: 0,
  days31To60: 0,
  days61To90: 0,
  over90Days: 0,
});
