import { formatVnd } from '@/domain/invoices/format-vnd';
import { formatDateVi, formatPeriodVi } from '@/domain/notices/deadlines';

export { formatDateVi, formatPeriodVi };

/** 1234567 → "1.234.567 đồng". */
export function vnd(amount: number): string {
  return `${formatVnd(amount)} đồng`;
}

/** A link under the app's public address (PUBLIC_URL), without a doubled slash. */
export function link(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}
