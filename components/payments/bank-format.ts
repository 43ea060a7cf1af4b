import type { BankTransactionRow, BankTransactionStatus } from './bank.documents';

/** The tabs of the screen, in order: one per status of a bank transaction. */
export const BANK_TABS: { status: BankTransactionStatus; label: string; hotkey: string }[] = [
  { status: 'SUSPENSE', label: 'Chờ xử lý', hotkey: 'Alt+1' },
  { status: 'MATCHED', label: 'Đã khớp tự động', hotkey: 'Alt+2' },
  { status: 'ALLOCATED', label: 'Đã phân bổ', hotkey: 'Alt+3' },
  { status: 'IGNORED', label: 'Đã bỏ qua', hotkey: 'Alt+4' },
];

export const SOURCE_LABELS: Record<BankTransactionRow['source'], string> = {
  WEBHOOK: 'Báo có',
  STATEMENT: 'Sao kê',
};

/** What the rights of the user allow on this screen (computed on the server from the same rules as the API). */
export interface BankRights {
  /** See the lists (payments access on some branch). */
  list: boolean;
  /** Import statements and allocate (payments add on some branch; the customer's book is checked on allocation). */
  allocate: boolean;
  /** Ignore a suspense line (payments edit on some branch). */
  ignore: boolean;
}
