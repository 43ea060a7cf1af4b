'use client';

import { useEffect } from 'react';
import type { ReadingStore } from './reading-store';

/**
 * The page's address follows the sheet (?book=…&period=…&customer=…, so it can be shared and survives a
 * reload), and leaving the page with typed, unsaved values asks first.
 */
export function useSheetAddress(
  store: ReadingStore,
  bookId: number | null,
  period: string,
  activeKey: string | null,
): void {
  const activeCode = activeKey ? (store.get(activeKey)?.row.customerCode ?? null) : null;
  useEffect(() => {
    // Debounced: moving through rows with ↓ must not rewrite the address on every row.
    const t = window.setTimeout(() => {
      const url = new URL(window.location.href);
      if (bookId) url.searchParams.set('book', String(bookId));
      url.searchParams.set('period', period);
      if (activeCode) url.searchParams.set('customer', activeCode);
      else url.searchParams.delete('customer');
      window.history.replaceState(window.history.state, '', url);
    }, 400);
    return () => window.clearTimeout(t);
  }, [bookId, period, activeCode]);

  useEffect(() => {
    const onBefore = (e: BeforeUnloadEvent) => {
      const c = store.counts();
      if (c.dirty + c.saving + c.errors > 0) {
        e.preventDefault();
        e.returnValue = '';
      }
    };
    window.addEventListener('beforeunload', onBefore);
    return () => window.removeEventListener('beforeunload', onBefore);
  }, [store]);
}
