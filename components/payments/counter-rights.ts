/**
 * What the signed-in user may do at the counter, per book, as the page computes it on the server (the `payments`
 * object of the document group). A hint only: every query, mutation and file route checks the right again.
 */
interface PaymentBookRights {
  access: boolean;
  /** Take money (Thu tiền). */
  add: boolean;
  /** Reverse a payment (Hủy khoản thu). */
  delete: boolean;
  /** Print a receipt (phiếu thu). */
  print: boolean;
}

export interface PaymentRights {
  isAdmin: boolean;
  books: Record<number, PaymentBookRights>;
}

export type PaymentRight = keyof PaymentBookRights;

export const canOnPayments = (rights: PaymentRights, bookId: number | null, right: PaymentRight): boolean =>
  rights.isAdmin || (bookId !== null && !!rights.books[bookId]?.[right]);

/** The books the user may open at the counter: every book for an admin, else those with the access right. */
export const counterBooks = <B extends { id: number }>(rights: PaymentRights, books: readonly B[]): B[] =>
  rights.isAdmin ? [...books] : books.filter((b) => rights.books[b.id]?.access);

const MISSING: Record<Exclude<PaymentRight, 'access'>, string> = {
  add: 'Bạn không có quyền thu tiền trên sổ này.',
  delete: 'Bạn không có quyền hủy khoản thu trên sổ này.',
  print: 'Bạn không có quyền in phiếu thu của sổ này.',
};

/** The reason a right is missing on the book, or null when the user holds it. */
export const missingPaymentRight = (
  rights: PaymentRights,
  bookId: number | null,
  right: Exclude<PaymentRight, 'access'>,
): string | null => (canOnPayments(rights, bookId, right) ? null : MISSING[right]);
