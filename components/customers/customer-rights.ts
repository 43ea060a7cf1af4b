/** What the signed-in user may do per book (computed on the server; the API checks again). */
export interface CustomerRights {
  isAdmin: boolean;
  books: Record<number, { add: boolean; edit: boolean; delete: boolean; export: boolean }>;
}

export type CustomerRight = 'add' | 'edit' | 'delete' | 'export';

export const can = (rights: CustomerRights, right: CustomerRight, bookId: number | null): boolean =>
  rights.isAdmin || (bookId !== null && !!rights.books[bookId]?.[right]);

/** Why a button is disabled for lack of a right, shown on hover and to screen readers. */
export const MISSING_RIGHT: Record<CustomerRight, string> = {
  add: 'Bạn không có quyền thêm khách hàng vào sổ này.',
  edit: 'Bạn không có quyền sửa khách hàng của sổ này.',
  delete: 'Bạn không có quyền xóa khách hàng của sổ này.',
  export: 'Bạn không có quyền xuất dữ liệu sổ này.',
};
