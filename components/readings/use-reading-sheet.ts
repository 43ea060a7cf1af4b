'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useQuery } from 'urql';
import { useLatestRef } from '@/components/ui/use-latest-ref';
import { errorMessage } from '@/lib/graphql/errors';
import { readFragment, type ResultOf } from '@/lib/graphql/graphql';
import { ReadingStore, useStoreCounts } from './reading-store';
import {
  LockStateFragment,
  ReadingSheetQuery,
  SheetRowFragment,
  sheetVariables,
  type PeriodLockState,
  type SheetRow,
} from './readings.documents';

interface SheetMeta {
  bookId: number;
  period: string;
  lock: PeriodLockState;
}

/** The sheet the store holds: its key (book:period), the rows in book order and the lock. */
interface LoadedSheet {
  key: string;
  rows: SheetRow[];
  meta: SheetMeta;
}

type SheetData = ResultOf<typeof ReadingSheetQuery>['readingSheet'];

function toLoaded(key: string, sheet: SheetData): LoadedSheet {
  return {
    key,
    rows: readFragment(SheetRowFragment, sheet.rows).slice(),
    meta: { bookId: sheet.bookId, period: sheet.period, lock: readFragment(LockStateFragment, sheet.lock) },
  };
}

/**
 * The entry sheet of a book and period, from the client cache into the reading store.
 *
 * Once loaded, the rows belong to the store (typed, unsaved values live there), so the query is paused: a
 * saved row then only evicts the cached sheet instead of re-fetching 2,000 rows per Enter. `reload` ("Làm
 * mới", the lock, the import) re-runs it on purpose; `onLoaded` hears of every sheet the store takes.
 */
export function useReadingSheet(opts: {
  bookId: number | null;
  period: string;
  /** The sheet the page prefetched (book:period), read with the hydration's policy; any other is read fresh. */
  prefetchedKey: string;
  requestPolicy: 'cache-first' | 'cache-and-network';
  onLoaded: (rows: readonly SheetRow[], sameSheet: boolean) => void;
}) {
  const { bookId, period } = opts;
  const sheetKey = bookId === null ? null : `${bookId}:${period}`;
  const [loadedState, setLoaded] = useState<LoadedSheet | null>(null);
  const [result, reexecute] = useQuery({
    query: ReadingSheetQuery,
    variables: sheetVariables(bookId ?? 0, period),
    pause: bookId === null || loadedState?.key === sheetKey,
    // Another book or period is read fresh: a cached sheet shown first and replaced a moment later would drop
    // whatever the clerk typed into it meanwhile.
    requestPolicy: sheetKey === opts.prefetchedKey ? opts.requestPolicy : 'network-only',
  });
  const sheet = result.data?.readingSheet ?? null;
  const sheetIsCurrent = sheet !== null && `${sheet.bookId}:${sheet.period}` === sheetKey;
  const [store] = useState(() => {
    const s = new ReadingStore();
    // Server render and first paint: the prefetched sheet fills the store at once, so the page opens with rows.
    if (sheet && sheetIsCurrent) s.load(readFragment(SheetRowFragment, sheet.rows), sheet);
    return s;
  });
  const counts = useStoreCounts(store);
  // Before the first effect (server render, hydration) the sheet is shown straight from the cache.
  const firstSheet = useMemo(
    () => (loadedState === null && sheet && sheetIsCurrent && sheetKey ? toLoaded(sheetKey, sheet) : null),
    [loadedState, sheet, sheetIsCurrent, sheetKey],
  );
  const loaded = loadedState ?? firstSheet;

  const onLoaded = useLatestRef(opts.onLoaded);
  const applied = useRef<unknown>(null);
  useEffect(() => {
    if (!sheet || !sheetIsCurrent || sheetKey === null || applied.current === sheet) return;
    applied.current = sheet;
    const next = toLoaded(sheetKey, sheet);
    store.load(next.rows, sheet);
    setLoaded(next);
    onLoaded.current(next.rows, loadedState?.key === sheetKey);
  }, [sheet, sheetIsCurrent, sheetKey, loadedState?.key, store, onLoaded]);

  /** A customer's rows as the server now has them (after a declaration), in the place of the old ones. */
  const replaceCustomerRows = useCallback(
    (customerId: number, fresh: readonly SheetRow[]) => {
      store.replaceCustomerRows(customerId, fresh);
      setLoaded((prev) => {
        if (!prev) return prev;
        const first = prev.rows.findIndex((r) => r.customerId === customerId);
        const others = prev.rows.filter((r) => r.customerId !== customerId);
        const at = first < 0 ? others.length : first;
        return { ...prev, rows: [...others.slice(0, at), ...fresh, ...others.slice(at)] };
      });
    },
    [store],
  );

  return {
    store,
    counts,
    meta: loaded?.key === sheetKey ? loaded.meta : null,
    rows: loaded?.key === sheetKey ? loaded.rows : null,
    loading: result.fetching || result.stale,
    loadError: result.error && !sheetIsCurrent ? errorMessage(result.error, 'Không tải được bảng ghi chỉ số.') : null,
    reload: useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]),
    replaceCustomerRows,
  };
}
