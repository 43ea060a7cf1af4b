import { describe, expect, it } from 'vitest';
import {
  billingBooks,
  canRun,
  firstBook,
  runDisabledReason,
  type BillingRights,
} from '@/components/billing/billing-rights';

const books = [
  { id: 1, code: 'S01', name: 'Sổ 1' },
  { id: 2, code: 'S02', name: 'Sổ 2' },
  { id: 3, code: 'S03', name: 'Sổ 3' },
];
const admin: BillingRights = { isAdmin: true, books: {} };
/** Reads S01 and S02, bills only S02. */
const clerk: BillingRights = {
  isAdmin: false,
  books: { 1: { access: true, add: false, edit: false }, 2: { access: true, add: true, edit: true } },
};
/** May look at the runs of S01 but bill nothing. */
const viewer: BillingRights = { isAdmin: false, books: { 1: { access: true, add: false, edit: false } } };

describe('billing rights on the screen', () => {
  it('lists the books a user may open and starts on one they may bill', () => {
    expect(billingBooks(admin, books).map((b) => b.code)).toEqual(['S01', 'S02', 'S03']);
    expect(billingBooks(clerk, books).map((b) => b.code)).toEqual(['S01', 'S02']);
    expect(firstBook(clerk, billingBooks(clerk, books))?.code).toBe('S02');
    expect(firstBook(viewer, billingBooks(viewer, books))?.code).toBe('S01');
    expect(canRun(clerk, 1)).toBe(false);
    expect(canRun(clerk, 2)).toBe(true);
    expect(canRun(admin, 3, 'edit')).toBe(true);
  });

  it('disables the billing button with the reason before F9, not after it', () => {
    expect(runDisabledReason(viewer, { scope: 'book', bookId: 1 })).toBe('Bạn không có quyền tính hóa đơn.');
    expect(runDisabledReason(viewer, { scope: 'customer', bookId: 1 })).toBe('Bạn không có quyền tính hóa đơn.');
    expect(runDisabledReason(clerk, { scope: 'book', bookId: 1 })).toBe('Bạn không có quyền tính hóa đơn sổ này.');
    expect(runDisabledReason(clerk, { scope: 'book', bookId: 2 })).toBeNull();
    expect(runDisabledReason(clerk, { scope: 'all', bookId: 2 })).toBe(
      'Tính toàn công ty cần quyền tính hóa đơn trên mọi sổ của công ty.',
    );
    expect(runDisabledReason(clerk, { scope: 'books', bookId: 2 })).toBeNull();
    expect(runDisabledReason(admin, { scope: 'all', bookId: null })).toBeNull();
    expect(runDisabledReason(admin, { scope: 'book', bookId: 3 })).toBeNull();
  });

  it('needs the edit right of some book to recalculate one customer', () => {
    const adder: BillingRights = { isAdmin: false, books: { 2: { access: true, add: true, edit: false } } };
    expect(runDisabledReason(adder, { scope: 'customer', bookId: 2 })).toBe(
      'Bạn không có quyền tính lại hóa đơn của khách hàng.',
    );
    expect(runDisabledReason(clerk, { scope: 'customer', bookId: 2 })).toBeNull();
  });
});
