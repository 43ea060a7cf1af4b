/**
 * What the signed-in user may do with invoices, per book, as the page computes it on the server (the invoices
 * object of the document group; reading and printing also follow the billing object, as the API does). A hint
 * only: every query, mutation and file route checks the right again.
 */
interface InvoiceBookRights {
  access: boolean;
  /** Issue drafts (Phát hành). */
  add: boolean;
  /** Replace or adjust an issued invoice. */
  edit: boolean;
  /** Cancel an issued invoice. */
  delete: boolean;
  print: boolean;
  export: boolean;
}

export interface InvoiceRights {
  isAdmin: boolean;
  books: Record<number, InvoiceBookRights>;
}

export type InvoiceRight = keyof InvoiceBookRights;

export const canOnInvoices = (rights: InvoiceRights, bookId: number | null, right: InvoiceRight): boolean =>
  rights.isAdmin || (bookId !== null && !!rights.books[bookId]?.[right]);

/** The books the user may open on the invoice screen: every book for an admin, else the books they may read. */
export const invoiceBooks = <B extends { id: number }>(rights: InvoiceRights, books: readonly B[]): B[] =>
  rights.isAdmin ? [...books] : books.filter((b) => rights.books[b.id]?.access);

/** True when the user may change something on the screen: otherwise it shows "Chỉ xem". */
export const mayChangeInvoices = (rights: InvoiceRights): boolean =>
  rights.isAdmin || Object.values(rights.books).some((r) => r.add || r.edit || r.delete);

/** Why a button is disabled for lack of a right, shown on hover and to screen readers. */
const MISSING_INVOICE_RIGHT: Record<Exclude<InvoiceRight, 'access'>, string> = {
  add: 'Bạn không có quyền phát hành hóa đơn của sổ này.',
  edit: 'Bạn không có quyền thay thế hoặc điều chỉnh hóa đơn của sổ này.',
  delete: 'Bạn không có quyền hủy hóa đơn của sổ này.',
  print: 'Bạn không có quyền in hóa đơn của sổ này.',
  export: 'Bạn không có quyền xuất dữ liệu hóa đơn của sổ này.',
};

/** The reason a right is missing on the book, or null when the user holds it. */
export const missingInvoiceRight = (
  rights: InvoiceRights,
  bookId: number | null,
  right: Exclude<InvoiceRight, 'access'>,
): string | null => (canOnInvoices(rights, bookId, right) ? null : MISSING_INVOICE_RIGHT[right]);
