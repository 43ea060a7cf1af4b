/**
 * The billing rights the page computes on the server, and what the screen derives from them: which books to
 * offer, where to start, and why the billing button is disabled. A hint only: startBillingRun checks every book
 * of the scope again.
 */
export interface BillingRights {
  isAdmin: boolean;
  books: Record<number, { access: boolean; add: boolean; edit: boolean }>;
}

export type ScopeChoice = 'book' | 'books' | 'all' | 'customer';

export const canRun = (rights: BillingRights, bookId: number, right: 'add' | 'edit' = 'add'): boolean =>
  rights.isAdmin || !!rights.books[bookId]?.[right];

/** The books the user may open on the billing screen: every book for an admin, else the books they hold with access. */
export const billingBooks = <B extends { id: number }>(rights: BillingRights, books: readonly B[]): B[] =>
  rights.isAdmin ? [...books] : books.filter((b) => rights.books[b.id]?.access);

/** The book the screen starts on: the first the user may bill, else the first they may look at. */
export const firstBook = <B extends { id: number }>(rights: BillingRights, books: readonly B[]): B | undefined =>
  books.find((b) => canRun(rights, b.id)) ?? books[0];

/** True when the user may bill or recalculate something: otherwise the screen is "Chỉ xem". */
export const mayBill = (rights: BillingRights): boolean =>
  rights.isAdmin || Object.values(rights.books).some((r) => r.add || r.edit);

/** Why the billing button (F9) is disabled for the chosen scope, or null when the server is left to decide. */
export function runDisabledReason(
  rights: BillingRights,
  choice: { scope: ScopeChoice; bookId: number | null },
): string | null {
  if (!mayBill(rights)) return 'Bạn không có quyền tính hóa đơn.';
  if (rights.isAdmin) return null;
  const held = Object.values(rights.books);
  switch (choice.scope) {
    case 'book':
      return choice.bookId !== null && !canRun(rights, choice.bookId)
        ? 'Bạn không có quyền tính hóa đơn sổ này.'
        : null;
    case 'all':
      // A book the user holds without the right is enough to refuse; books they do not hold only the server knows.
      return held.some((r) => !r.add) ? 'Tính toàn công ty cần quyền tính hóa đơn trên mọi sổ của công ty.' : null;
    case 'customer':
      return held.some((r) => r.edit) ? null : 'Bạn không có quyền tính lại hóa đơn của khách hàng.';
    case 'books':
      // Books without the right cannot be ticked; an empty choice is explained when pressed.
      return null;
  }
}
