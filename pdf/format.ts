import { formatNumberVi } from '@/domain/tariff/describe';

/** "2026-01-15" → "15/01/2026"; null → "". */
export function formatDateVi(iso: string | null | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** "2026-01-15" → "Ngày 15 tháng 01 năm 2026", the way a Vietnamese invoice dates itself. */
export function formatLongDateVi(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `Ngày ${d} tháng ${m} năm ${y}`;
}

/** "2026-01" → "01/2026". */
export function formatPeriodVi(period: string): string {
  const [y, m] = period.split('-');
  return `${m}/${y}`;
}

/** Invoice numbers print with their 8 digits (Decree 123): 123 → "00000123". */
export function formatInvoiceNumber(n: number | null): string {
  return n === null ? '' : String(n).padStart(8, '0');
}

/** Quantities and meter indexes: 1234 → "1.234"; null → "". */
export function formatQuantity(n: number | null): string {
  return n === null ? '' : formatNumberVi(n);
}
