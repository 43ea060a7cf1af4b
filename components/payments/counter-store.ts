'use client';

/**
 * The amounts typed at the counter live outside React state: each row's cells subscribe to their own key
 * (useSyncExternalStore), so a keystroke re-renders that row's cells and the totals, never the 2,000-row grid.
 */
import { useCallback, useSyncExternalStore } from 'react';
import { fmtInt } from '@/components/readings/format';
import { parseAmountText } from '@/schemas/payments-counter';
import type { CounterRow } from './payments.documents';

export interface AmountState {
  row: CounterRow;
  text: string;
  /** The parsed amount (0 when empty), or null when the text is not an amount. */
  amount: number | null;
  /** Why the text is refused (typing) or what the server said about the row. */
  error: string | null;
}

export interface CounterTotals {
  /** Rows with an amount above 0. */
  typed: number;
  sum: number;
  invalid: number;
  /** Every row that still owes carries exactly its amount due ("Thu đủ cả sổ"). */
  allFull: boolean;
}

export const rowKey = (row: { invoiceId: number }): string => String(row.invoiceId);

export class CounterStore {
  private states = new Map<string, AmountState>();
  private order: string[] = [];
  private keyListeners = new Map<string, Set<() => void>>();
  private allListeners = new Set<() => void>();
  private totalsCache: CounterTotals | null = null;

  /** Takes a (re)loaded sheet: typed amounts of rows still on it are kept, unless the row was just paid. */
  load(rows: readonly CounterRow[], clear: ReadonlySet<string> = new Set()): void {
    const next = new Map<string, AmountState>();
    for (const row of rows) {
      const key = rowKey(row);
      const old = this.states.get(key);
      next.set(key, old && !clear.has(key) ? { ...old, row } : { row, text: '', amount: 0, error: null });
    }
    this.states = next;
    this.order = rows.map(rowKey);
    for (const key of this.order) this.emit(key);
    this.emitAll();
  }

  get(key: string): AmountState | undefined {
    return this.states.get(key);
  }

  setText(key: string, text: string): void {
    const s = this.states.get(key);
    if (!s) return;
    const parsed = parseAmountText(text);
    this.put(key, { ...s, text, amount: parsed.ok ? parsed.amount : null, error: parsed.ok ? null : parsed.message });
  }

  /** The row's whole amount due ("đủ"), or nothing when it already carries it. */
  toggleFull(key: string): void {
    const s = this.states.get(key);
    if (!s || s.row.amountDue <= 0) return;
    if (s.amount === s.row.amountDue) this.setText(key, '');
    else this.setText(key, fmtInt(s.row.amountDue));
  }

  fillDue(key: string): void {
    const s = this.states.get(key);
    if (s && s.row.amountDue > 0) this.setText(key, fmtInt(s.row.amountDue));
  }

  /** "Thu đủ cả sổ": every row that owes gets its amount due; off clears every amount. */
  fillAll(on: boolean): void {
    for (const key of this.order) {
      const s = this.states.get(key)!;
      const text = on && s.row.amountDue > 0 ? fmtInt(s.row.amountDue) : '';
      if (s.text !== text || s.error)
        this.states.set(key, { ...s, text, amount: on ? Math.max(s.row.amountDue, 0) : 0, error: null });
      this.emit(key);
    }
    this.emitAll();
  }

  clearKeys(keys: Iterable<string>): void {
    for (const key of keys) {
      const s = this.states.get(key);
      if (s) this.put(key, { ...s, text: '', amount: 0, error: null }, false);
    }
    this.emitAll();
  }

  /** The server refused a row: its message shows on the row until it is typed again. */
  setError(key: string, error: string): void {
    const s = this.states.get(key);
    if (s) this.put(key, { ...s, error });
  }

  /** What a save sends: the rows with an amount, in sheet order; and the keys of rows whose text is not an amount. */
  entries(): { entries: { invoiceId: number; amount: number }[]; invalid: string[] } {
    const entries: { invoiceId: number; amount: number }[] = [];
    const invalid: string[] = [];
    for (const key of this.order) {
      const s = this.states.get(key)!;
      if (s.amount === null) invalid.push(key);
      else if (s.amount > 0) entries.push({ invoiceId: s.row.invoiceId, amount: s.amount });
    }
    return { entries, invalid };
  }

  keys(): readonly string[] {
    return this.order;
  }

  totals(): CounterTotals {
    if (this.totalsCache) return this.totalsCache;
    let typed = 0;
    let sum = 0;
    let invalid = 0;
    let allFull = true;
    let owing = 0;
    for (const s of this.states.values()) {
      if (s.amount === null) invalid++;
      else if (s.amount > 0) {
        typed++;
        sum += s.amount;
      }
      if (s.row.amountDue > 0) {
        owing++;
        if (s.amount !== s.row.amountDue) allFull = false;
      }
    }
    this.totalsCache = { typed, sum, invalid, allFull: allFull && owing > 0 };
    return this.totalsCache;
  }

  subscribe(key: string, fn: () => void): () => void {
    let set = this.keyListeners.get(key);
    if (!set) {
      set = new Set();
      this.keyListeners.set(key, set);
    }
    set.add(fn);
    return () => {
      set.delete(fn);
      if (set.size === 0) this.keyListeners.delete(key);
    };
  }

  subscribeAll(fn: () => void): () => void {
    this.allListeners.add(fn);
    return () => this.allListeners.delete(fn);
  }

  private put(key: string, state: AmountState, all = true): void {
    this.states.set(key, state);
    this.emit(key);
    if (all) this.emitAll();
  }

  private emit(key: string): void {
    const set = this.keyListeners.get(key);
    if (set) for (const fn of set) fn();
  }

  private emitAll(): void {
    this.totalsCache = null;
    for (const fn of this.allListeners) fn();
  }
}

export function useAmountState(store: CounterStore, key: string): AmountState | undefined {
  const subscribe = useCallback((fn: () => void) => store.subscribe(key, fn), [store, key]);
  const get = useCallback(() => store.get(key), [store, key]);
  return useSyncExternalStore(subscribe, get, get);
}

export function useCounterTotals(store: CounterStore): CounterTotals {
  const subscribe = useCallback((fn: () => void) => store.subscribeAll(fn), [store]);
  const get = useCallback(() => store.totals(), [store]);
  return useSyncExternalStore(subscribe, get, get);
}
