'use client';

import { useMemo } from 'react';
import { foldVietnamese } from '@/domain/text/normalize';
import type { ReadingStore } from './reading-store';
import type { SheetRow } from './readings.documents';
import type { Filter } from './readings-toolbar';

/**
 * The rows the grid shows for a filter and a search (Stt, code, name, address, serial; without diacritics).
 * Recomputed when the sheet, the filter or the search change, or when `refilter` is bumped, not while typing:
 * a row never vanishes under the cursor because its value now passes or fails the filter.
 */
export function useVisibleRows(store: ReadingStore, rows: readonly SheetRow[] | null, filter: Filter, search: string, refilter: number): SheetRow[] {
  const folded = useMemo(() => {
    const m = new Map<string, string>();
    for (const r of rows ?? []) m.set(r.key, foldVietnamese(`${r.sequenceNo} ${r.customerCode} ${r.customerName} ${r.address} ${r.meterSerial}`));
    return m;
  }, [rows]);
  return useMemo(() => {
    if (!rows) return [];
    const q = foldVietnamese(search.trim());
    const terms = q ? q.split(' ').filter(Boolean) : [];
    return rows.filter((r) => {
      const s = store.get(r.key);
      if (!s) return false;
      if (filter === 'unread' && s.row.readingId !== null) return false;
      if (filter === 'anomaly' && !(s.row.anomalies.length > 0 || (s.preview.local && s.preview.anomalies.length > 0))) return false;
      if (terms.length) {
        const hay = folded.get(r.key) ?? '';
        if (!terms.every((t) => hay.includes(t))) return false;
      }
      return true;
    });
    // `refilter` is the explicit "apply the filter again" signal (a load, a filter click).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rows, filter, search, folded, refilter, store]);
}
