'use client';

/**
 * The entry screen's rows live outside React state: each row's cells subscribe to their own key
 * (useSyncExternalStore), so a keystroke re-renders the three cells of that row and nothing else, even
 * with 2,000 rows loaded. The preview (consumption, anomalies) is computed in the browser with the same
 * pure domain function the server uses, and replaced by the server's verdict once the row is saved.
 */
import { useCallback, useSyncExternalStore } from 'react';
import { evaluateReading, READING_ANOMALY_LABELS, type ReadingAnomaly } from '@/domain/billing/reading-evaluation';
import { READING_CODES, type ReadingCode } from '@/domain/reading/anomaly';
import type { SheetRow } from './readings.documents';
import { parseWhole } from './format';

export type SaveState = 'idle' | 'dirty' | 'saving' | 'saved' | 'error';

export interface Preview {
  /** The typed values differ from the stored reading. */
  changed: boolean;
  /** m3 the row would bill (estimate included), null when nothing to show. */
  consumption: number | null;
  estimated: boolean;
  anomalies: string[];
  /** Why the typed value cannot be saved (Vietnamese), null when it can. */
  invalid: string | null;
  /** The anomalies come from the browser (not yet confirmed by the server). */
  local: boolean;
}

export interface RowState {
  row: SheetRow;
  text: string;
  code: ReadingCode;
  save: SaveState;
  error: string | null;
  preview: Preview;
}

export interface StoreCounts {
  total: number;
  read: number;
  unread: number;
  anomalies: number;
  dirty: number;
  saving: number;
  errors: number;
}

export function anomalyLabel(kind: string): string {
  return READING_ANOMALY_LABELS[kind as ReadingAnomaly] ?? kind;
}

/** Short badge texts; the full label is the tooltip. */
export const ANOMALY_SHORT: Record<string, string> = {
  high: 'Tăng cao',
  low: 'Giảm mạnh',
  zero: '0 m3',
  negative: 'Chỉ số lùi',
  rollover: 'Quay vòng',
  over_estimated: 'Dưới tạm tính',
  seal_broken: 'Đứt chì',
  suspected_fraud: 'Nghi gian lận',
};

function asCode(code: string): ReadingCode {
  return (READING_CODES as readonly string[]).includes(code) ? (code as ReadingCode) : 'normal';
}

function initialText(row: SheetRow): string {
  const v = row.fixedCurrentIndex ?? row.currentIndex ?? (row.readingId === null ? row.suggestedCurrentIndex : null);
  return v === null ? '' : String(v);
}

export class ReadingStore {
  private states = new Map<string, RowState>();
  private keyListeners = new Map<string, Set<() => void>>();
  private allListeners = new Set<() => void>();
  private byCustomer = new Map<number, string[]>();
  private countsCache: StoreCounts | null = null;
  highFactorPct = 151;
  lowFactorPct = 51;

  load(rows: readonly SheetRow[], factors: { highFactorPct: number; lowFactorPct: number }): void {
    this.highFactorPct = factors.highFactorPct;
    this.lowFactorPct = factors.lowFactorPct;
    this.states = new Map();
    this.byCustomer = new Map();
    for (const row of rows) {
      const list = this.byCustomer.get(row.customerId);
      if (list) list.push(row.key);
      else this.byCustomer.set(row.customerId, [row.key]);
    }
    for (const row of rows) {
      const text = initialText(row);
      const code = asCode(row.code);
      const preview = this.compute(row, text, code);
      this.states.set(row.key, { row, text, code, save: preview.changed ? 'dirty' : 'idle', error: null, preview });
    }
    this.countsCache = null;
    for (const set of this.keyListeners.values()) for (const fn of set) fn();
    this.emitAll();
  }

  get(key: string): RowState | undefined {
    return this.states.get(key);
  }

  keys(): IterableIterator<string> {
    return this.states.keys();
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

  private emit(key: string): void {
    const set = this.keyListeners.get(key);
    if (set) for (const fn of set) fn();
  }

  private emitAll(): void {
    this.countsCache = null;
    for (const fn of this.allListeners) fn();
  }

  private set(key: string, next: RowState, global: boolean): void {
    this.states.set(key, next);
    this.emit(key);
    if (global) this.emitAll();
  }

  /** m3 already stored on the customer's other meter rows of the period (a meter replaced inside it). */
  otherMetersOf(key: string): number {
    const s = this.states.get(key);
    return s ? this.otherMeters(s.row) : 0;
  }

  /** Sum of the other meter rows' stored m3 of the same customer (meter replaced inside the period). */
  private otherMeters(row: SheetRow): number {
    let sum = 0;
    for (const k of this.byCustomer.get(row.customerId) ?? []) {
      if (k === row.key) continue;
      const other = this.states.get(k)?.row;
      if (other && other.readingId !== null && other.consumption !== null) sum += Math.max(0, other.consumption);
    }
    return sum;
  }

  private compute(row: SheetRow, text: string, code: ReadingCode): Preview {
    const stored: Preview = {
      changed: false,
      consumption: row.readingId !== null ? row.consumption : null,
      estimated: row.isEstimated,
      anomalies: row.anomalies,
      invalid: null,
      local: false,
    };
    const parsed = parseWhole(text);
    if (Number.isNaN(parsed)) {
      return {
        ...stored,
        changed: true,
        consumption: null,
        anomalies: [],
        invalid: 'Chỉ số mới phải là số nguyên không âm.',
      };
    }
    const current = parsed;
    const changed =
      row.readingId === null
        ? current !== null || code !== 'normal'
        : current !== row.currentIndex || code !== asCode(row.code);
    if (!changed) return stored;
    if (current === null && code === 'normal' && row.readingId !== null && !row.isOutgoingMeter) {
      // Emptying a saved index takes the reading back (saved as a clear, not as a new reading).
      return {
        ...stored,
        changed: true,
        consumption: null,
        estimated: false,
        anomalies: [],
        invalid: null,
        local: true,
      };
    }
    if (current === null && code === 'normal') {
      return {
        ...stored,
        changed: true,
        consumption: null,
        anomalies: [],
        invalid: 'Chưa nhập chỉ số mới; không đọc được đồng hồ thì chọn mã ghi chỉ số.',
        local: true,
      };
    }
    try {
      const ev = evaluateReading({
        previousIndex: row.previousIndex,
        currentIndex: current,
        code,
        meterMaxIndex: row.meterMaxIndex,
        history: row.recentConsumptions,
        estimatedSinceLastReal: row.estimatedPending,
        otherMetersConsumption: this.otherMeters(row),
        judgeUsage: !row.isOutgoingMeter,
        highFactorPct: this.highFactorPct,
        lowFactorPct: this.lowFactorPct,
      });
      return {
        changed: true,
        consumption: ev.consumption,
        estimated: ev.isEstimated,
        anomalies: ev.anomalies,
        invalid: null,
        local: true,
      };
    } catch (e) {
      return {
        changed: true,
        consumption: null,
        estimated: false,
        anomalies: [],
        invalid: e instanceof Error ? e.message : 'Chỉ số không hợp lệ.',
        local: true,
      };
    }
  }

  private edit(key: string, text: string, code: ReadingCode): void {
    const s = this.states.get(key);
    if (!s) return;
    const preview = this.compute(s.row, text, code);
    const save: SaveState = preview.changed ? 'dirty' : s.save === 'dirty' || s.save === 'error' ? 'idle' : s.save;
    const global = save !== s.save;
    this.set(key, { ...s, text, code, preview, save, error: save === 'dirty' ? null : s.error }, global);
  }

  setText(key: string, text: string): void {
    const s = this.states.get(key);
    if (s && s.text !== text) this.edit(key, text, s.code);
  }

  setCode(key: string, code: string): void {
    const s = this.states.get(key);
    if (s && s.code !== code) this.edit(key, s.text, asCode(code));
  }

  /** Back to the stored values (Escape). */
  revert(key: string): void {
    const s = this.states.get(key);
    if (!s) return;
    this.edit(key, s.row.currentIndex === null ? '' : String(s.row.currentIndex), asCode(s.row.code));
  }

  setSave(key: string, save: SaveState, error: string | null = null): void {
    const s = this.states.get(key);
    if (!s || (s.save === save && s.error === error)) return;
    this.set(key, { ...s, save, error }, true);
  }

  /**
   * The server's row after a save or a declaration. Keeps what the clerk typed meanwhile (`typedSince`:
   * the text and code sent, so later keystrokes are not overwritten).
   */
  applyServerRow(row: SheetRow, sent?: { text: string; code: string }): void {
    const s = this.states.get(row.key);
    if (!s) return;
    const typedAfter = sent !== undefined && (s.text !== sent.text || s.code !== sent.code);
    const text = typedAfter ? s.text : initialText(row);
    const code = typedAfter ? s.code : asCode(row.code);
    const preview = this.compute(row, text, code);
    this.set(row.key, { row, text, code, preview, save: preview.changed ? 'dirty' : 'saved', error: null }, true);
  }

  /**
   * A customer's rows as the server now has them (after a declaration): rows are replaced, added (the new
   * meter of a replacement) or dropped; typed but unsaved values of rows that stay are kept.
   */
  replaceCustomerRows(customerId: number, rows: readonly SheetRow[]): void {
    const before = this.byCustomer.get(customerId) ?? [];
    const keep = new Set(rows.map((r) => r.key));
    for (const k of before) if (!keep.has(k)) this.states.delete(k);
    this.byCustomer.set(
      customerId,
      rows.map((r) => r.key),
    );
    for (const row of rows) {
      const old = this.states.get(row.key);
      const typed = old && old.save === 'dirty' ? { text: old.text, code: old.code } : null;
      const text = typed ? typed.text : initialText(row);
      const code = typed ? typed.code : asCode(row.code);
      const preview = this.compute(row, text, code);
      this.states.set(row.key, {
        row,
        text,
        code,
        save: preview.changed ? 'dirty' : old ? old.save : 'idle',
        error: null,
        preview,
      });
      this.emit(row.key);
    }
    for (const k of before) if (!keep.has(k)) this.emit(k);
    this.emitAll();
  }

  /** Keys with typed values not yet saved (or failed). */
  pendingKeys(): string[] {
    const out: string[] = [];
    for (const [k, s] of this.states) if (s.preview.changed && s.save !== 'saving') out.push(k);
    return out;
  }

  counts(): StoreCounts {
    if (this.countsCache) return this.countsCache;
    const c: StoreCounts = { total: 0, read: 0, unread: 0, anomalies: 0, dirty: 0, saving: 0, errors: 0 };
    for (const s of this.states.values()) {
      c.total++;
      if (s.row.readingId !== null) c.read++;
      else c.unread++;
      if (s.row.anomalies.length > 0 || (s.preview.local && s.preview.anomalies.length > 0)) c.anomalies++;
      if (s.save === 'dirty') c.dirty++;
      if (s.save === 'saving') c.saving++;
      if (s.save === 'error') c.errors++;
    }
    this.countsCache = c;
    return c;
  }
}

/** One row's state; re-renders only when that row changes. */
export function useRowState(store: ReadingStore, key: string): RowState | undefined {
  const subscribe = useCallback((fn: () => void) => store.subscribe(key, fn), [store, key]);
  const get = useCallback(() => store.get(key), [store, key]);
  return useSyncExternalStore(subscribe, get, get);
}

/** Book-wide counts; re-renders when a row's saved state changes (not on every keystroke). */
export function useStoreCounts(store: ReadingStore): StoreCounts {
  const subscribe = useCallback((fn: () => void) => store.subscribeAll(fn), [store]);
  const get = useCallback(() => store.counts(), [store]);
  return useSyncExternalStore(subscribe, get, get);
}
