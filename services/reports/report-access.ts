/**
 * Who may read the payment reports, and which books' rows they see. A report right is granted per branch (the
 * `report` group of the permission matrix): the rows shown are those of the books the user holds on branches where
 * they hold the right, filtered in SQL. Showing needs `access`, the PDF `print`, the Excel file `export`.
 */
import type { Right } from '@/domain/auth/permissions';
import { type Actor, hasRight } from '@/services/auth/actor';
import { AppError } from '@/services/errors';

export type ReportObject = 'debtReport' | 'collectionReport';

const REPORT_NAMES: Record<ReportObject, string> = {
  debtReport: 'báo cáo công nợ',
  collectionReport: 'báo cáo thu tiền',
};

const RIGHT_VERBS: Partial<Record<Right, string>> = { access: 'xem', print: 'in', export: 'xuất Excel' };

/** Refuses a user without the right on any branch (the GraphQL scope says the same; file routes call this). */
export function assertReportRight(actor: Actor, object: ReportObject, right: Right): void {
  if (!hasRight(actor, 'report', object, right))
    throw new AppError('FORBIDDEN', `Bạn không có quyền ${RIGHT_VERBS[right] ?? 'dùng'} ${REPORT_NAMES[object]}.`);
}

/** The books whose rows the user sees in the report; `null` means every book (admin). */
export function booksWithReportRight(actor: Actor, object: ReportObject, right: Right): number[] | null {
  if (actor.isAdmin || actor.books === null) return null;
  const out: number[] = [];
  for (const [bookId, branchId] of actor.books)
    if (hasRight(actor, 'report', object, right, branchId)) out.push(bookId);
  return out;
}
