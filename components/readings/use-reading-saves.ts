'use client';

import { useCallback, useRef, type RefObject } from 'react';
import { useLatestRef } from '@/components/ui/use-latest-ref';
import { errorMessage } from '@/lib/graphql/errors';
import { fmtInt, parseWhole } from './format';
import type { ReadingStore } from './reading-store';
import type { SheetRow } from './readings.documents';
import type { ReadingMutations } from './use-reading-mutations';

/** Keeps a callback's identity while always calling its latest version. */
export function useStable<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const ref = useLatestRef(fn);
  return useCallback((...args: A) => ref.current(...args), [ref]);
}

interface Toasts {
  success: (m: string) => void;
  error: (m: string) => void;
  info: (m: string) => void;
}

/**
 * Saving typed rows: one row (Enter, arrows, leaving the row) or every typed row (Alt+S, four at a time). A
 * row is never sent twice at once: a save asked for while its previous one is on the way runs after it, with
 * the values typed by then. The store keeps the row's save state (saving, saved, error), not React state.
 */
export function useReadingSaves(opts: {
  store: ReadingStore;
  api: ReadingMutations;
  toast: Toasts;
  /** The loaded sheet's book and period; a save answered after the clerk moved to another sheet is dropped. */
  metaRef: RefObject<{ bookId: number; period: string } | null>;
  readOnlyReason: (row: SheetRow) => string | null;
  onSaved: () => void;
}) {
  const { store, api, toast, metaRef, readOnlyReason, onSaved } = opts;
  const inflight = useRef(new Set<string>());
  const queued = useRef(new Set<string>());

  const saveKey = useStable(async (key: string): Promise<void> => {
    const s = store.get(key);
    const m = metaRef.current;
    if (!s || !m || !s.preview.changed) return;
    if (readOnlyReason(s.row)) return;
    if (s.preview.invalid) {
      store.setSave(key, 'error', s.preview.invalid);
      return;
    }
    if (inflight.current.has(key)) {
      queued.current.add(key);
      return;
    }
    inflight.current.add(key);
    const sent = { text: s.text, code: s.code };
    store.setSave(key, 'saving');
    try {
      const currentIndex = parseWhole(sent.text);
      const isClear = currentIndex === null && sent.code === 'normal' && s.row.readingId !== null;
      const row = isClear
        ? await api.clearReading({
            customerId: s.row.customerId,
            period: m.period,
            meterId: s.row.meterId,
            version: s.row.version,
          })
        : await api.saveReading({
            customerId: s.row.customerId,
            period: m.period,
            meterId: s.row.meterId,
            currentIndex,
            code: sent.code,
            version: s.row.version,
          });
      const now = metaRef.current;
      if (now !== m && (now?.bookId !== m.bookId || now?.period !== m.period)) return;
      store.applyServerRow(row, sent);
      onSaved();
    } catch (e) {
      const msg = errorMessage(e, 'Không lưu được chỉ số.');
      store.setSave(key, 'error', msg);
      toast.error(`${s.row.customerCode}: ${msg}`);
    } finally {
      inflight.current.delete(key);
      if (queued.current.delete(key)) void saveKey(key);
    }
  });

  const saveAll = useStable(async () => {
    const keys = store.pendingKeys().filter((k) => !readOnlyReason(store.get(k)!.row));
    if (keys.length === 0) {
      toast.info('Không có chỉ số nào chưa lưu.');
      return;
    }
    let i = 0;
    const worker = async () => {
      while (i < keys.length) {
        const k = keys[i++]!;
        await saveKey(k);
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    const c = store.counts();
    if (c.errors === 0) toast.success(`Đã lưu ${fmtInt(keys.length)} chỉ số.`);
    else toast.error(`${fmtInt(c.errors)} dòng chưa lưu được: xem dấu “!” trên dòng.`);
  });

  return { saveKey, saveAll };
}
