import { currentPeriodInVietnam, periodLabel } from '@/domain/billing/periods';
import { formatBasisPoints, formatNumberVi } from '@/domain/tariff/describe';

export { formatBasisPoints, periodLabel };

/** 1234567 → "1.234.567" (Vietnamese grouping, deterministic on server and client). */
export function fmtInt(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '';
  return formatNumberVi(Math.round(n));
}

/** Whole VND: 199635 → "199.635 ₫". */
export function fmtVnd(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '';
  return `${formatNumberVi(Math.round(n))}\u00a0₫`;
}

/** The billing period "now" in Vietnam (YYYY-MM). */
export function currentPeriod(): string {
  return currentPeriodInVietnam(new Date());
}

export function isPeriod(v: string | null | undefined): v is string {
  return !!v && /^\d{4}-(0[1-9]|1[0-2])$/.test(v);
}

/** ISO timestamp → dd/mm/yyyy HH:mm in Vietnam time. */
export function fmtDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);
}

/** Today in Vietnam as YYYY-MM-DD. */
export function todayVN(): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Ho_Chi_Minh',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

/** Whole non-negative integer typed by a clerk ("1.234", "1 234" accepted), or null when blank; NaN when not a number. */
export function parseWhole(text: string): number | null {
  const t = text.trim().replace(/[\s.]/g, '');
  if (t === '') return null;
  if (!/^\d+$/.test(t)) return Number.NaN;
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : Number.NaN;
}

/** "5" / "2,5" / "2.5" (percent) → basis points (500 / 250); NaN when not a percentage with ≤ 2 decimals. */
export function percentToBp(text: string): number {
  const t = text.trim().replace(',', '.').replace('%', '').trim();
  if (t === '') return Number.NaN;
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return Number.NaN;
  return Math.round(Number(t) * 100);
}

/** 250 → "2,5" (for an input). */
export function bpToPercentText(bp: number): string {
  return formatBasisPoints(bp).replace('%', '').replace(/\./g, '');
}

export function errorMessage(e: unknown, fallback: string): string {
  return e instanceof Error && e.message ? e.message : fallback;
}
