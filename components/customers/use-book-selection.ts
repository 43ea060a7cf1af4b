'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import type { BookCustomer } from './customer-documents';
import { foldVietnamese } from './format';

/**
 * The cursor and the selection of the book grid, and its quick filter. A fresh list keeps the selection that is
 * still in it; a pending customer (after a save, a move, a search pick) is selected once the list shows it; a
 * newly opened book starts on its first row.
 */
export function useBookSelection(
  rows: readonly BookCustomer[] | null,
  bookId: number | null,
  initialCustomerId: number | null,
) {
  const [filter, setFilter] = useState('');
  const [selected, setSelected] = useState<Set<string>>(
    () => new Set(initialCustomerId ? [String(initialCustomerId)] : []),
  );
  const [activeKey, setActiveKey] = useState<string | null>(initialCustomerId ? String(initialCustomerId) : null);
  const pendingSelect = useRef<number | null>(initialCustomerId);
  const shownBook = useRef<number | null>(null);

  useEffect(() => {
    if (!rows) return;
    const ids = new Set(rows.map((r) => String(r.id)));
    const want = pendingSelect.current;
    const newBook = shownBook.current !== bookId;
    shownBook.current = bookId;
    if (want !== null && ids.has(String(want))) {
      pendingSelect.current = null;
      setFilter('');
      setSelected(new Set([String(want)]));
      setActiveKey(String(want));
      return;
    }
    if (newBook) {
      pendingSelect.current = null;
      const first = rows[0];
      setSelected(first ? new Set([String(first.id)]) : new Set());
      setActiveKey(first ? String(first.id) : null);
      return;
    }
    setSelected((s) => ([...s].every((k) => ids.has(k)) ? s : new Set([...s].filter((k) => ids.has(k)))));
    setActiveKey((k) => (k && ids.has(k) ? k : null));
  }, [rows, bookId]);

  const folded = useMemo(() => {
    const m = new Map<number, string>();
    for (const r of rows ?? [])
      m.set(
        r.id,
        foldVietnamese(
          `${r.sequenceNo} ${r.code} ${r.name} ${r.address} ${r.phone ?? ''} ${r.meterSerial ?? ''} ${r.serviceTypeCode ?? ''}`,
        ),
      );
    return m;
  }, [rows]);
  const visibleRows = useMemo(() => {
    const f = foldVietnamese(filter);
    if (!rows || !f) return rows ?? [];
    const terms = f.split(' ');
    return rows.filter((r) => {
      const hay = folded.get(r.id) ?? '';
      return terms.every((t) => hay.includes(t));
    });
  }, [rows, filter, folded]);

  return {
    filter,
    setFilter,
    selected,
    setSelected,
    activeKey,
    setActiveKey,
    visibleRows,
    activeRow: rows?.find((r) => String(r.id) === activeKey) ?? null,
    /** Put the cursor on this customer once the list shows it. */
    selectWhenShown: (id: number | null) => {
      pendingSelect.current = id;
    },
  };
}
