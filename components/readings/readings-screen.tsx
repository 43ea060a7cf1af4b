'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { BookPicker, BooksPending } from '@/components/ui/book-picker';
import { Button } from '@/components/ui/button';
import { useConfirm } from '@/components/ui/confirm';
import { DataGrid, type DataGridColumn } from '@/components/ui/data-grid';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import { ToastProvider, useToast } from '@/components/ui/toast';
import { Toolbar, ToolbarButton, ToolbarSeparator } from '@/components/ui/toolbar';
import { useHotkeys } from '@/components/ui/use-hotkeys';
import { CODES_REQUIRING_ESTIMATE, READING_CODES, READING_CODE_LABELS } from '@/domain/reading/anomaly';
import { foldVietnamese } from '@/domain/text/normalize';
import {
  fetchCustomerRows,
  fetchReadingBooks,
  fetchReadingSheet,
  lockPeriod,
  saveReading,
  clearReading,
  templateUrl,
  unlockPeriod,
  type PeriodLockState,
  type ReadingBookOption,
  type ReadingCodeInfo,
  type SheetRow,
} from './api';
import { DeclarationsDialog, type DeclarationTab } from './declarations-dialog';
import { currentPeriod, errorMessage, fmtInt, isPeriod, parseWhole, periodLabel } from './format';
import { HistoryPanel } from './history-panel';
import { ImportDialog } from './import-dialog';
import { LockIcon } from './lock-icon';
import { PeriodPicker } from './period-picker';
import { AnomalyCell, CodeSelect, ConsumptionCell, GridCtx, IndexInput, NoticeChips, type GridCellContext } from './reading-cells';
import { ReadingStore, useStoreCounts } from './reading-store';

/** What the signed-in user may do on readings, per book (computed on the server; the API checks again). */
export interface ReadingRights {
  isAdmin: boolean;
  books: Record<number, { add: boolean; edit: boolean; delete: boolean }>;
}

type Filter = 'all' | 'unread' | 'anomaly';

const CODES: ReadingCodeInfo[] = READING_CODES.map((code) => ({
  code,
  label: READING_CODE_LABELS[code],
  requiresEstimate: CODES_REQUIRING_ESTIMATE.includes(code),
}));

const ROW_HEIGHT = 32;
const PAGE_ROWS = 15;

const COLUMNS: DataGridColumn<SheetRow>[] = [
  { key: 'seq', header: 'Stt', width: 48, align: 'right', sortable: false, value: (r) => r.sequenceNo },
  { key: 'code', header: 'Mã KH', width: 90, sortable: false, value: (r) => r.customerCode },
  {
    key: 'name',
    header: 'Tên khách hàng',
    width: 'minmax(140px,1fr)',
    sortable: false,
    value: (r) => r.customerName,
    render: (r) => (
      <span className="flex min-w-0 items-center" title={r.customerName}>
        <span className="truncate">{r.customerName}</span>
        <NoticeChips row={r} />
      </span>
    ),
  },
  { key: 'address', header: 'Địa chỉ', width: 'minmax(120px,1fr)', sortable: false, value: (r) => r.address },
  { key: 'prev', header: 'Chỉ số cũ', width: 72, align: 'right', sortable: false, value: (r) => r.previousIndex, render: (r) => fmtInt(r.previousIndex) },
  { key: 'cur', header: 'Chỉ số mới', width: 86, sortable: false, render: (r) => <IndexInput row={r} /> },
  { key: 'm3', header: 'm3', width: 70, align: 'right', sortable: false, render: (r) => <ConsumptionCell row={r} /> },
  { key: 'rcode', header: 'Mã đọc', width: 112, sortable: false, render: (r) => <CodeSelect row={r} /> },
  { key: 'anomaly', header: 'Bất thường', width: 118, sortable: false, render: (r) => <AnomalyCell row={r} /> },
];

const getKey = (r: SheetRow) => r.key;
const rowClass = (r: SheetRow) =>
  r.isOutgoingMeter ? 'bg-sky-50/80' : r.notices.some((n) => n.kind === 'suspended' || n.kind === 'cut_off') ? 'text-slate-400' : undefined;

/** Keeps a callback's identity while always calling its latest version. */
function useStable<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const ref = useRef(fn);
  ref.current = fn;
  return useCallback((...args: A) => ref.current(...args), []);
}

export function ReadingsScreen(props: { rights: ReadingRights; initialBookId: number | null; initialPeriod: string | null; initialCustomer: string | null }) {
  return (
    <ToastProvider>
      <Screen {...props} />
    </ToastProvider>
  );
}

interface SheetMeta {
  bookId: number;
  period: string;
  lock: PeriodLockState;
}

function Screen({ rights, initialBookId, initialPeriod, initialCustomer }: { rights: ReadingRights; initialBookId: number | null; initialPeriod: string | null; initialCustomer: string | null }) {
  const toast = useToast();
  const { confirm, confirmElement } = useConfirm();
  const store = useMemo(() => new ReadingStore(), []);
  const counts = useStoreCounts(store);
  const maxPeriod = useMemo(() => currentPeriod(), []);

  const [books, setBooks] = useState<ReadingBookOption[] | null>(null);
  const [booksError, setBooksError] = useState<string | null>(null);
  const [bookId, setBookId] = useState<number | null>(initialBookId);
  const [period, setPeriod] = useState<string>(isPeriod(initialPeriod) && initialPeriod <= maxPeriod ? initialPeriod : maxPeriod);
  const [meta, setMeta] = useState<SheetMeta | null>(null);
  const [rows, setRows] = useState<SheetRow[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [filter, setFilter] = useState<Filter>('all');
  const [search, setSearch] = useState('');
  const [refilter, setRefilter] = useState(0);
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const [dialog, setDialog] = useState<{ kind: 'declare'; tab?: DeclarationTab } | { kind: 'import' } | null>(null);
  const [lastSavedAt, setLastSavedAt] = useState<Date | null>(null);
  const [lockBusy, setLockBusy] = useState(false);

  const metaRef = useRef(meta);
  metaRef.current = meta;
  const activeRef = useRef(activeKey);
  activeRef.current = activeKey;
  const pendingCustomer = useRef<string | null>(initialCustomer);
  const searchRef = useRef<HTMLInputElement>(null);
  const loadSeq = useRef(0);

  // ---------- books
  const loadBooks = useCallback(async () => {
    try {
      const list = await fetchReadingBooks();
      setBooks(list);
      setBooksError(null);
      setBookId((cur) => {
        if (cur !== null && list.some((b) => b.id === cur)) return cur;
        let remembered: number | null = null;
        try {
          remembered = Number(window.localStorage.getItem('readings.bookId')) || null;
        } catch {
          remembered = null;
        }
        if (remembered && list.some((b) => b.id === remembered)) return remembered;
        return list[0]?.id ?? null;
      });
    } catch (e) {
      setBooksError(errorMessage(e, 'Không tải được danh sách sổ đọc.'));
    }
  }, []);
  useEffect(() => {
    void loadBooks();
  }, [loadBooks]);

  // ---------- focus management (rows are virtualised: an input may not exist until its row is scrolled in)
  const inputs = useRef(new Map<string, HTMLInputElement>());
  const pendingFocus = useRef<string | null>(null);
  const registerInput = useCallback((key: string, el: HTMLInputElement | null) => {
    if (el) {
      inputs.current.set(key, el);
      if (pendingFocus.current === key) {
        pendingFocus.current = null;
        el.focus({ preventScroll: true });
      }
    } else {
      const cur = inputs.current.get(key);
      if (cur && !cur.isConnected) inputs.current.delete(key);
    }
  }, []);
  const focusRow = useCallback((key: string) => {
    setActiveKey(key);
    const el = inputs.current.get(key);
    if (el && el.isConnected) {
      pendingFocus.current = null;
      el.focus({ preventScroll: true });
    } else {
      pendingFocus.current = key;
    }
  }, []);

  // ---------- load the sheet
  const load = useCallback(
    async (b: number, p: string, opts: { focus?: boolean; keepActive?: boolean } = {}) => {
      const seq = ++loadSeq.current;
      setLoading(true);
      setLoadError(null);
      try {
        const sheet = await fetchReadingSheet(b, p);
        if (seq !== loadSeq.current) return;
        store.load(sheet.rows, sheet);
        setMeta({ bookId: b, period: p, lock: sheet.lock });
        setRows(sheet.rows);
        setRefilter((n) => n + 1);
        let target: string | null = null;
        const wanted = pendingCustomer.current;
        if (wanted) {
          pendingCustomer.current = null;
          target = sheet.rows.find((r) => r.customerCode === wanted.toUpperCase() && !r.isOutgoingMeter)?.key ?? null;
          if (target) {
            setFilter('all');
            setSearch('');
          }
        }
        if (!target && opts.keepActive && activeRef.current && sheet.rows.some((r) => r.key === activeRef.current)) target = activeRef.current;
        if (!target) target = (sheet.rows.find((r) => r.readingId === null && !r.isOutgoingMeter) ?? sheet.rows[0])?.key ?? null;
        setActiveKey(target);
        if (target && (opts.focus || wanted)) {
          pendingFocus.current = target;
          const el = inputs.current.get(target);
          if (el?.isConnected) registerInput(target, el);
        }
      } catch (e) {
        if (seq !== loadSeq.current) return;
        setRows(null);
        setMeta(null);
        setLoadError(errorMessage(e, 'Không tải được bảng ghi chỉ số.'));
      } finally {
        if (seq === loadSeq.current) setLoading(false);
      }
    },
    [store, registerInput],
  );

  useEffect(() => {
    if (bookId === null) return;
    try {
      window.localStorage.setItem('readings.bookId', String(bookId));
    } catch {
      /* private mode */
    }
    setRows(null);
    setMeta(null);
    void load(bookId, period, { focus: true });
  }, [bookId, period, load]);

  // Shareable address: ?book=…&period=…&customer=…
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

  // Unsaved values: warn before leaving the page.
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

  // ---------- rights and lock
  const bookRights = bookId !== null ? rights.books[bookId] : undefined;
  const readOnlyReason = useCallback(
    (row: SheetRow): string | null => {
      if (!meta) return 'Đang tải…';
      if (meta.lock.isLocked) return meta.lock.message ?? `Kỳ ${periodLabel(meta.period)} đã khóa số liệu.`;
      if (rights.isAdmin) return null;
      if (row.readingId === null ? !bookRights?.add : !bookRights?.edit) return 'Bạn không có quyền ghi chỉ số trên sổ này.';
      return null;
    },
    [meta, rights.isAdmin, bookRights],
  );
  const sheetReadOnly = !meta ? 'Đang tải…' : meta.lock.isLocked ? (meta.lock.message ?? 'Kỳ đã khóa số liệu.') : rights.isAdmin || bookRights?.add || bookRights?.edit ? null : 'Bạn chỉ có quyền xem chỉ số của sổ này.';

  // ---------- saving
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
        ? await clearReading({ customerId: s.row.customerId, period: m.period, meterId: s.row.meterId, version: s.row.version })
        : await saveReading({
            customerId: s.row.customerId,
            period: m.period,
            meterId: s.row.meterId,
            currentIndex,
            code: sent.code,
            version: s.row.version,
          });
      if (metaRef.current !== m && (metaRef.current?.bookId !== m.bookId || metaRef.current?.period !== m.period)) return;
      store.applyServerRow(row, sent);
      setLastSavedAt(new Date());
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

  // ---------- visible rows (recomputed on filter/search/load, not while typing: a row never vanishes under the cursor)
  const folded = useMemo(() => {
    const m = new Map<string, string>();
    for (const r of rows ?? []) m.set(r.key, foldVietnamese(`${r.sequenceNo} ${r.customerCode} ${r.customerName} ${r.address} ${r.meterSerial}`));
    return m;
  }, [rows]);
  const visible = useMemo(() => {
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
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rows, filter, search, folded, refilter, store]);
  const visibleRef = useRef(visible);
  visibleRef.current = visible;
  const indexOf = useMemo(() => new Map(visible.map((r, i) => [r.key, i])), [visible]);
  const indexRef = useRef(indexOf);
  indexRef.current = indexOf;

  const moveFrom = useStable((key: string, delta: number) => {
    const list = visibleRef.current;
    const i = indexRef.current.get(key);
    if (i === undefined || list.length === 0) return;
    const j = Math.max(0, Math.min(list.length - 1, i + delta));
    const next = list[j];
    if (!next) return;
    if (next.key === key) {
      if (delta > 0) toast.info('Đã đến dòng cuối của danh sách.');
      return;
    }
    focusRow(next.key);
  });

  const onInputKey = useStable((key: string, e: React.KeyboardEvent<HTMLInputElement | HTMLSelectElement>) => {
    if (e.nativeEvent.isComposing) return;
    const isSelect = e.currentTarget instanceof HTMLSelectElement;
    switch (e.key) {
      case 'Enter':
        e.preventDefault();
        e.stopPropagation();
        void saveKey(key);
        moveFrom(key, e.shiftKey ? -1 : 1);
        return;
      case 'ArrowDown':
      case 'ArrowUp':
        e.stopPropagation();
        if (isSelect && !e.ctrlKey) return;
        e.preventDefault();
        void saveKey(key);
        moveFrom(key, e.key === 'ArrowDown' ? 1 : -1);
        return;
      case 'PageDown':
      case 'PageUp':
        e.preventDefault();
        e.stopPropagation();
        void saveKey(key);
        moveFrom(key, e.key === 'PageDown' ? PAGE_ROWS : -PAGE_ROWS);
        return;
      case 'Escape':
        if (store.get(key)?.preview.changed) {
          e.preventDefault();
          e.stopPropagation();
          store.revert(key);
        }
        return;
      default:
        e.stopPropagation();
    }
  });
  const onFocusRow = useStable((key: string) => {
    if (activeRef.current !== key) setActiveKey(key);
  });
  const onBlurRow = useStable((key: string) => {
    const s = store.get(key);
    if (s && s.save === 'dirty' && s.preview.invalid === null) void saveKey(key);
  });

  const ctx = useMemo<GridCellContext>(
    () => ({ store, codes: CODES, readOnlyReason, registerInput, onInputKey, onFocusRow, onBlurRow }),
    [store, readOnlyReason, registerInput, onInputKey, onFocusRow, onBlurRow],
  );
  const selected = useMemo(() => new Set(activeKey ? [activeKey] : []), [activeKey]);

  // ---------- book / period change (unsaved values are kept only after confirmation)
  const guardUnsaved = async (): Promise<boolean> => {
    const c = store.counts();
    const pending = c.dirty + c.errors;
    if (pending === 0) return true;
    return confirm({
      title: 'Chỉ số chưa lưu',
      message: `Có ${fmtInt(pending)} dòng đã nhập nhưng chưa lưu. Bỏ các giá trị này?`,
      confirmLabel: 'Bỏ và tiếp tục',
      cancelLabel: 'Ở lại',
      danger: true,
    });
  };
  const changeBook = async (id: number) => {
    if (id === bookId) return;
    if (!(await guardUnsaved())) return;
    setFilter('all');
    setSearch('');
    setBookId(id);
  };
  const applyPeriod = async (p: string) => {
    if (!isPeriod(p)) return void toast.error('Kỳ không hợp lệ (tháng/năm).');
    if (p > maxPeriod) return void toast.error(`Kỳ ${periodLabel(p)} chưa đến.`);
    if (p === period) return;
    if (!(await guardUnsaved())) return;
    setPeriod(p);
  };
  const refresh = async () => {
    if (bookId === null) return;
    if (!(await guardUnsaved())) return;
    void load(bookId, period, { keepActive: true });
  };

  // ---------- declarations and import
  const activeRow = activeKey ? (store.get(activeKey)?.row ?? null) : null;
  const customerRows = useMemo(
    () => (activeRow && rows ? rows.filter((r) => r.customerId === activeRow.customerId) : []),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [activeRow?.customerId, rows],
  );
  const declareRow = customerRows.find((r) => !r.isOutgoingMeter) ?? activeRow;
  const openDeclare = (tab?: DeclarationTab) => {
    if (!declareRow) return void toast.info('Chọn khách hàng cần khai báo.');
    setDialog({ kind: 'declare', tab });
  };

  const reloadCustomer = async (customerId: number, code: string, given: SheetRow[] | null) => {
    const m = metaRef.current;
    if (!m) return;
    try {
      const fresh = given && given.length > 1 ? given : await fetchCustomerRows(m.bookId, m.period, customerId, code);
      store.replaceCustomerRows(customerId, fresh);
      setRows((prev) => {
        if (!prev) return prev;
        const first = prev.findIndex((r) => r.customerId === customerId);
        const others = prev.filter((r) => r.customerId !== customerId);
        const at = first < 0 ? others.length : first;
        return [...others.slice(0, at), ...fresh, ...others.slice(at)];
      });
      setRefilter((n) => n + 1);
      return fresh;
    } catch (e) {
      toast.error(errorMessage(e, 'Không tải lại được dòng của khách hàng.'));
      return null;
    }
  };

  const onDeclared = async (given: SheetRow[] | null, message: string, close: boolean) => {
    if (!declareRow) return;
    if (message) toast.success(message);
    if (close) setDialog(null);
    const fresh = await reloadCustomer(declareRow.customerId, declareRow.customerCode, given);
    if (close && fresh) {
      const next = fresh.find((r) => !r.isOutgoingMeter && r.readingId === null) ?? fresh.find((r) => !r.isOutgoingMeter);
      if (next) window.setTimeout(() => focusRow(next.key), 0);
    }
  };

  const toggleLock = async () => {
    if (!meta || bookId === null) return;
    const book = books?.find((b) => b.id === bookId);
    const locking = !meta.lock.explicit;
    const ok = await confirm({
      title: locking ? 'Khóa số liệu' : 'Mở khóa số liệu',
      message: locking
        ? `Khóa kỳ ${periodLabel(meta.period)} của sổ ${book?.code ?? ''}? Sau khi khóa không ai sửa được chỉ số, khai báo hay tính lại hóa đơn của kỳ này.`
        : `Mở khóa kỳ ${periodLabel(meta.period)} của sổ ${book?.code ?? ''}?`,
      confirmLabel: locking ? 'Khóa kỳ' : 'Mở khóa',
      danger: locking,
    });
    if (!ok) return;
    setLockBusy(true);
    try {
      if (locking) await lockPeriod(bookId, meta.period);
      else await unlockPeriod(bookId, meta.period);
      toast.success(locking ? `Đã khóa kỳ ${periodLabel(meta.period)}.` : `Đã mở khóa kỳ ${periodLabel(meta.period)}.`);
      await load(bookId, meta.period, { keepActive: true });
    } catch (e) {
      toast.error(errorMessage(e, 'Không đổi được trạng thái khóa.'));
    } finally {
      setLockBusy(false);
    }
  };

  useHotkeys({
    'Alt+S': () => void saveAll(),
    F8: () => openDeclare(),
    'Ctrl+F': () => searchRef.current?.focus(),
    F2: () => activeKey && focusRow(activeKey),
  });

  // ---------- render
  if (booksError || books === null || books.length === 0) {
    return <BooksPending books={books} error={booksError} onRetry={() => void loadBooks()} />;
  }

  const book = books.find((b) => b.id === bookId) ?? null;
  const saveState = counts.saving > 0 ? 'saving' : counts.errors > 0 ? 'error' : counts.dirty > 0 ? 'dirty' : lastSavedAt ? 'saved' : 'idle';
  const saveText =
    saveState === 'saving'
      ? `Đang lưu ${fmtInt(counts.saving)} dòng…`
      : saveState === 'error'
        ? `${fmtInt(counts.errors)} dòng chưa lưu được`
        : saveState === 'dirty'
          ? `${fmtInt(counts.dirty)} dòng chưa lưu`
          : saveState === 'saved'
            ? `Đã lưu lúc ${lastSavedAt!.toLocaleTimeString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}`
            : 'Chưa có thay đổi';
  const filters: { id: Filter; label: string; n: number }[] = [
    { id: 'all', label: 'Tất cả', n: counts.total },
    { id: 'unread', label: 'Chưa nhập', n: counts.unread },
    { id: 'anomaly', label: 'Bất thường', n: counts.anomalies },
  ];

  return (
    <GridCtx.Provider value={ctx}>
      <div className="flex h-full min-h-0 flex-col">
        <header className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-white px-4 py-2.5">
          <h1 className="text-lg font-semibold text-slate-900">Ghi chỉ số</h1>
          <BookPicker books={books} value={bookId} onChange={(id) => void changeBook(id)} />
          <PeriodPicker value={period} max={maxPeriod} onChange={(p) => void applyPeriod(p)} />
          {meta && (
            <span
              data-testid="lock-state"
              data-locked={meta.lock.isLocked ? 'true' : 'false'}
              title={meta.lock.message ?? 'Kỳ đang mở: được nhập và sửa chỉ số.'}
              className={`rounded px-2 py-0.5 text-xs font-medium ${meta.lock.isLocked ? 'bg-slate-800 text-white' : 'bg-emerald-100 text-emerald-800'}`}
            >
              {meta.lock.isLocked ? (
                <>
                  <LockIcon /> Đã khóa
                </>
              ) : (
                'Đang mở'
              )}
            </span>
          )}
        <span
          role="status"
          aria-live="polite"
          data-testid="save-status"
          data-state={saveState}
          className={`rounded px-2 py-1 text-xs font-medium ${
            saveState === 'error'
              ? 'bg-red-100 text-red-800'
              : saveState === 'dirty'
                ? 'bg-amber-100 text-amber-800'
                : saveState === 'saving'
                  ? 'bg-slate-100 text-slate-700'
                  : saveState === 'saved'
                    ? 'bg-emerald-50 text-emerald-800'
                    : 'text-slate-500'
          }`}
        >
          {saveText}
        </span>
          <span className="flex-1" />
          {meta && (
            <span className="text-sm text-slate-600" data-testid="reading-counts">
              Đã nhập <strong className="tabular-nums text-slate-900">{fmtInt(counts.read)}</strong> / {fmtInt(counts.total)} · chưa nhập{' '}
              <strong className="tabular-nums text-slate-900">{fmtInt(counts.unread)}</strong> · bất thường{' '}
              <strong className={`tabular-nums ${counts.anomalies ? 'text-red-700' : 'text-slate-900'}`}>{fmtInt(counts.anomalies)}</strong>
            </span>
          )}
        </header>

        <div className="border-b border-slate-200 bg-white px-4 py-2">
          <Toolbar label="Thao tác ghi chỉ số">
            <div role="radiogroup" aria-label="Lọc dòng" className="inline-flex overflow-hidden rounded-md border border-slate-300">
              {filters.map((f) => (
                <button
                  key={f.id}
                  type="button"
                  role="radio"
                  aria-checked={filter === f.id}
                  data-testid={`filter-${f.id}`}
                  onClick={() => {
                    setFilter(f.id);
                    setRefilter((n) => n + 1);
                  }}
                  className={`border-r border-slate-300 px-2.5 py-1.5 text-sm last:border-r-0 ${filter === f.id ? 'bg-brand-600 font-medium text-white' : 'bg-white text-slate-700 hover:bg-slate-50'}`}
                >
                  {f.label} <span className="tabular-nums opacity-75">({fmtInt(f.n)})</span>
                </button>
              ))}
            </div>
            <input
              ref={searchRef}
              type="search"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  const first = visibleRef.current[0];
                  if (first) focusRow(first.key);
                }
              }}
              placeholder="Tìm: Stt, mã, tên, địa chỉ, seri (Ctrl+F)"
              aria-label="Tìm khách hàng trong sổ"
              data-testid="reading-search"
              className="w-60 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm"
            />
            <ToolbarSeparator />
            <ToolbarButton label="Lưu" shortcut="Alt+S" variant="primary" onClick={() => void saveAll()} disabled={!!sheetReadOnly || counts.dirty + counts.errors === 0} data-testid="btn-save-all" />
            <ToolbarButton label="Khai báo" shortcut="F8" onClick={() => openDeclare()} disabled={!declareRow} data-testid="btn-declare" />
            <ToolbarButton label="Nhận từ Excel" onClick={() => setDialog({ kind: 'import' })} disabled={!meta} data-testid="btn-import" />
            {meta && bookId !== null ? (
              <a
                href={templateUrl(bookId, meta.period)}
                download
                data-testid="btn-template"
                className="inline-flex items-center rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
              >
                Tải mẫu Excel
              </a>
            ) : null}
            <ToolbarButton label="Làm mới" onClick={() => void refresh()} disabled={loading} data-testid="btn-refresh" />
            {rights.isAdmin && meta && (
              <ToolbarButton
                label={meta.lock.explicit ? 'Mở khóa kỳ' : 'Khóa kỳ'}
                onClick={() => void toggleLock()}
                disabled={lockBusy}
                data-testid="btn-lock"
                title={meta.lock.explicit ? 'Mở khóa số liệu kỳ này của sổ' : 'Khóa số liệu kỳ này của sổ'}
              />
            )}
          </Toolbar>
        </div>

        {meta?.lock.isLocked && (
          <div role="status" data-testid="lock-banner" className="border-b border-slate-300 bg-slate-800 px-4 py-1.5 text-sm text-white">
            <LockIcon className="mr-1" />
            {meta.lock.message} Chỉ xem: không nhập, sửa hay khai báo được chỉ số của kỳ này.
          </div>
        )}

        <div className="flex min-h-0 flex-1 gap-3 p-3">
          <div className="flex min-h-0 min-w-0 flex-1 flex-col gap-1.5">
            <div className="min-h-0 flex-1">
              {loadError ? (
                <EmptyState
                  tone="error"
                  title="Không tải được bảng ghi chỉ số"
                  description={loadError}
                  action={<Button onClick={() => bookId !== null && void load(bookId, period)}>Thử lại</Button>}
                  className="h-full rounded-md border border-red-200 bg-white"
                  data-testid="readings-error"
                />
              ) : rows === null ? (
                <div className="flex h-full items-center justify-center rounded-md border border-slate-200 bg-white" data-testid="readings-loading">
                  <Spinner label={`Đang tải sổ ${book?.code ?? ''} kỳ ${periodLabel(period)}…`} />
                </div>
              ) : (
                <DataGrid
                  rows={visible}
                  columns={COLUMNS}
                  getRowKey={getKey}
                  label={`Ghi chỉ số sổ ${book?.code ?? ''} kỳ ${periodLabel(period)}`}
                  selectedKeys={selected}
                  activeKey={activeKey}
                  onSelectionChange={(_keys, act) => act && focusRow(act)}
                  multiSelect={false}
                  rowHeight={ROW_HEIGHT}
                  overscan={10}
                  rowClassName={rowClass}
                  data-testid="reading-grid"
                  rowTestId="reading-row"
                  emptyContent={
                    rows.length === 0 ? (
                      <EmptyState title="Sổ chưa có khách hàng nào có đồng hồ trong kỳ này" icon="📒" />
                    ) : search ? (
                      <EmptyState title="Không có khách hàng khớp từ khóa" description="Thử từ khóa khác hoặc chọn bộ lọc “Tất cả”." />
                    ) : filter === 'unread' ? (
                      <EmptyState title="Đã nhập đủ chỉ số của sổ" description="Không còn khách hàng nào chưa có chỉ số kỳ này." icon="✓" />
                    ) : (
                      <EmptyState title="Không có chỉ số bất thường" icon="✓" />
                    )
                  }
                />
              )}
            </div>
            <div className="flex items-center gap-3 text-xs text-slate-500">
              <span data-testid="visible-count">
                {rows ? `${fmtInt(visible.length)} / ${fmtInt(rows.length)} dòng` : ''}
                {loading && rows ? ' · đang tải…' : ''}
              </span>
              <span className="ml-auto hidden lg:inline">Enter: lưu và xuống dòng · ↑↓: lên/xuống · Esc: hoàn lại · Alt+S: lưu tất cả · F8: khai báo</span>
            </div>
          </div>
          <HistoryPanel store={store} rowKey={activeKey} period={meta?.period ?? period} onDeclare={() => openDeclare()} canDeclare={!!declareRow} />
        </div>

        {dialog?.kind === 'declare' && declareRow && meta && (
          <DeclarationsDialog
            row={declareRow}
            customerRows={customerRows}
            period={meta.period}
            codes={CODES}
            initialTab={dialog.tab}
            readOnlyReason={meta.lock.isLocked ? meta.lock.message : sheetReadOnly}
            onClose={() => setDialog(null)}
            onChanged={(given, message, close) => void onDeclared(given, message, close)}
          />
        )}
        {dialog?.kind === 'import' && meta && book && (
          <ImportDialog
            bookId={meta.bookId}
            bookCode={book.code}
            period={meta.period}
            disabledReason={sheetReadOnly}
            onClose={() => setDialog(null)}
            onImported={(r) => {
              toast.success(`Đã nhận ${fmtInt(r.saved)} chỉ số từ tệp Excel.`);
              void load(meta.bookId, meta.period, { keepActive: true });
            }}
          />
        )}
        {confirmElement}
      </div>
    </GridCtx.Provider>
  );
}
