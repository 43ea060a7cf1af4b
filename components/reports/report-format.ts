import { formatVnd } from '@/domain/invoices/format-vnd';
import { formatReportDate } from '@/domain/payments/payment-reports';

export { formatReportDate };

/** 1234567 → "1.234.567" (the printed invoices' grouping). */
export const money = (n: number): string => formatVnd(n);

/** A chart axis figure: 2 500 000 000 → "2,5 tỷ", 40 000 000 → "40 tr", 500 000 → "500 nghìn". */
export function compactMoney(n: number): string {
  const abs = Math.abs(n);
  const fmt = (v: number, unit: string) => `${String(Math.round(v * 10) / 10).replace('.', ',')} ${unit}`;
  if (abs >= 1e9) return fmt(n / 1e9, 'tỷ');
  if (abs >= 1e6) return fmt(n / 1e6, 'tr');
  if (abs >= 1e3) return fmt(n / 1e3, 'nghìn');
  return String(n);
}

/** The first day of the month of a YYYY-MM-DD date. */
export const monthStart = (day: string): string => `${day.slice(0, 8)}01`;
