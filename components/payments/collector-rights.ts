/**
 * What the signed-in user may do on the collectors' screen, per book, as the page computes it on the server (the
 * `payments` object of the document group). A hint only: every query and mutation checks the rights again, on the
 * current book of each customer of a collector's day.
 */
interface CollectorBookRights {
  /** See the book's collectors and their days. */
  access: boolean;
  /** Assign collectors to the book; settle a collector's day. */
  edit: boolean;
}

export interface CollectorRights {
  isAdmin: boolean;
  /** The signed-in user: a collector never settles their own day. */
  userId: number;
  books: Record<number, CollectorBookRights>;
}

export const canOnCollectorBook = (
  rights: CollectorRights,
  bookId: number | null,
  right: keyof CollectorBookRights,
): boolean => rights.isAdmin || (bookId !== null && !!rights.books[bookId]?.[right]);

/** The books the screen offers: every book for an admin, else those with the payments access right. */
export const collectorScreenBooks = <B extends { id: number }>(rights: CollectorRights, books: readonly B[]): B[] =>
  rights.isAdmin ? [...books] : books.filter((b) => rights.books[b.id]?.access);

/**
 * The collector's books after ticking `bookId` on or off, among the books the user may edit (the others keep their
 * assignment on the server whatever is sent).
 */
export function toggledBooks(
  rights: CollectorRights,
  current: readonly number[],
  bookId: number,
  assign: boolean,
): number[] {
  const editable = current.filter((id) => id !== bookId && canOnCollectorBook(rights, id, 'edit'));
  return assign ? [...editable, bookId].sort((a, b) => a - b) : editable;
}
