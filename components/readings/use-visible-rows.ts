'use client';

import { useMemo, useState } from 'react';
import { foldVietnamese } from '@/domain/text/normalize';
import type { ReadingStore } from './reading-store';
import type { SheetRow } from './readings.documents';
import type { Filter } from './readings-toolbar';

/**
 * The rows the grid shows for a filter and a search (Stt, code, name, address, serial; without diacritics).
 * Recomputed when the sheet, the filter or the search change, or when `refilter` is bumped, not while typing:
 * a row never vanishes under the cursor because its value now passes or fails the filter.
 */
export function useVisibleRows(
  store: ReadingStore,
  rows: readonly SheetRow[] | null,
  filter: Filter,
  search: string,
  refilter: number,
): SheetRow[] {
  const folded = useMemo(() => {
    const m = new Map<string, string>();
    for (const r of rows ?? [])
      m.set(r.key, foldVietnamese(`${r.sequenceNo} ${r.customerCode} ${r.customerName} ${r.address} ${r.meterSerial}`));
    return m;
  }, [rows]);
  // State, not a memo: the list must hold while the clerk types (React may drop a memo and recompute it at any
  // time, reading the store's new values), and is recomputed only when one of these inputs changes; `refilter` is
  // the explicit "apply the filter again" signal (a load, a filter click).
  const asked = [rows, filter, search, folded, refilter, store] as const;
  const [shown, setShown] = useState<{ asked: typeof asked; rows: SheetRow[] } | null>(null);
  if (shown && asked.every((v, i) => v === shown.asked[i])) return shown.rows;
  const next = filterRows(store, rows, filter, search, folded);
  setShown({ asked, rows: next });
  return next;
}

function filterRows(
  store: ReadingStore,
  rows: readonly SheetRow[] | null,
  filter: Filter,
  search: string,
  folded: ReadonlyMap<string, string>,
): SheetRow[] {
  if (!rows) return [];
  const q = foldVietnamese(search.trim());
  const terms = q ? q.split(' ').filter(Boolean) : [];
  return rows.filter((r) => {
    const s = store.get(r.key);
    if (!s) return false;
    if (filter === 'unread' && s.row.readingId !== null) return false;
    if (filter === 'anomaly' && !(s.row.anomalies.length > 0 || (s.preview.local && s.preview.anomalies.length > 0)))
      return false;
    if (terms.length) {
      const hay = folded.get(r.key) ?? '';
      if (!terms.every((t) => hay.includes(t))) return false;
    }
    return true;
  });
}
