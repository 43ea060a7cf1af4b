'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useMutation, useQuery, type SSRData } from 'urql';
import { BooksPending } from '@/components/ui/book-picker';
import { Button } from '@/components/ui/button';
import { useConfirm } from '@/components/ui/confirm';
import { DataGrid } from '@/components/ui/data-grid';
import { EmptyState } from '@/components/ui/empty-state';
import { ToastProvider, useToast } from '@/components/ui/toast';
import { useHotkeys } from '@/components/ui/use-hotkeys';
import { useLatestRef } from '@/components/ui/use-latest-ref';
import { errorMessage } from '@/lib/graphql/errors';
import { readFragment } from '@/lib/graphql/graphql';
import { useHydrate } from '@/lib/graphql/provider';
import { DeclarationsDialog, type DeclarationTab } from './declarations-dialog';
import { currentPeriod, fmtInt, isPeriod, periodLabel } from './format';
import { HistoryPanel } from './history-panel';
import { ImportDialog } from './import-dialog';
import { LockIcon } from './lock-icon';
import { COLUMNS, getKey, ROW_HEIGHT, rowClass } from './reading-columns';
import { GridCtx, type GridCellContext } from './reading-cells';
import { inputKeyAction, READING_HOTKEYS } from './reading-keys';
import { CODES } from './reading-codes';
import { ReadingSheetSkeleton } from './reading-sheet-skeleton';
import {
  LOCK_TYPENAMES,
  LockPeriodMutation,
  ReadingBookFragment,
  ReadingBooksQuery,
  UnlockPeriodMutation,
  type SheetRow,
} from './readings.documents';
import { ReadingsToolbar, type Filter } from './readings-toolbar';
import { useReadingMutations } from './use-reading-mutations';
import { useReadingSaves, useStable } from './use-reading-saves';
import { useReadingSheet } from './use-reading-sheet';
import { useRowFocus } from './use-row-focus';
import { useSheetAddress } from './use-sheet-address';
import { useVisibleRows } from './use-visible-rows';

/** What the signed-in user may do on readings, per book (computed on the server; the API checks again). */
export interface ReadingRights {
  isAdmin: boolean;
  books: Record<number, { add: boolean; edit: boolean; delete: boolean }>;
}

export function ReadingsScreen(props: ReadingsScreenProps) {
  return (
    <ToastProvider>
      <Screen {...props} />
    </ToastProvider>
  );
}

export interface ReadingsScreenProps {
  rights: ReadingRights;
  initialBookId: number | null;
  initialPeriod: string | null;
  initialCustomer: string | null;
  /** The books and the first sheet, executed by the Server Component through the same documents (useHydrate). */
  initialData?: SSRData;
}

function Screen({ rights, initialBookId, initialPeriod, initialCustomer, initialData }: ReadingsScreenProps) {
  const toast = useToast();
  const { confirm, confirmElement } = useConfirm();
  const api = useReadingMutations();
  const maxPeriod = useMemo(() => currentPeriod(), []);
  const requestPolicy = useHydrate(initialData);

  // ---------- books (the server resolved the starting book: the address, else the remembered one, else the first)
  const [booksResult, reexecuteBooks] = useQuery({ query: ReadingBooksQuery, variables: {}, requestPolicy });
  const books = useMemo(
    () => (booksResult.data ? readFragment(ReadingBookFragment, booksResult.data.readingBooks.rows) : null),
    [booksResult.data],
  );
  const booksError =
    booksResult.error && !books ? errorMessage(booksResult.error, 'Không tải được danh sách sổ đọc.') : null;
  const [chosenBookId, setBookId] = useState<number | null>(initialBookId);
  const bookId = books && !books.some((b) => b.id === chosenBookId) ? (books[0]?.id ?? null) : chosenBookId;
  const [period, setPeriod] = useState<string>(
    isPeriod(initialPeriod) && initialPeriod <= maxPeriod ? initialPeriod : maxPeriod,
  );

  const [filter, setFilter] = useState<Filter>('all');
  const [search, setSearch] = useState('');
  const [refilter, setRefilter] = useState(0);
  const { activeKey, setActiveKey, registerInput, focusRow } = useRowFocus();
  const activeRef = useLatestRef(activeKey);
  const pendingCustomer = useRef<string | null>(initialCustomer);

  // ---------- the sheet, in the store; a new one puts the cursor on the customer asked for, else the row the
  // clerk was on (same sheet again), else the first row not read yet
  const sheet = useReadingSheet({
    bookId,
    period,
    prefetchedKey: `${initialBookId}:${initialPeriod ?? maxPeriod}`,
    requestPolicy,
    onLoaded: (list, sameSheet) => {
      setRefilter((n) => n + 1);
      let target: string | null = null;
      const wanted = pendingCustomer.current;
      if (wanted) {
        pendingCustomer.current = null;
        target = list.find((r) => r.customerCode === wanted.toUpperCase() && !r.isOutgoingMeter)?.key ?? null;
        if (target) {
          setFilter('all');
          setSearch('');
        }
      }
      if (!target && sameSheet && activeRef.current && list.some((r) => r.key === activeRef.current))
        target = activeRef.current;
      if (!target) target = (list.find((r) => r.readingId === null && !r.isOutgoingMeter) ?? list[0])?.key ?? null;
      if (!target) return setActiveKey(null);
      if (sameSheet) setActiveKey(target);
      else focusRow(target);
    },
  });
  const { store, counts, meta, rows, loading, loadError, reload } = sheet;

  const [dialog, setDialog] = useState<{ kind: 'declare'; tab?: DeclarationTab } | { kind: 'import' } | null>(null);
  const [lastSavedAt, setLastSavedAt] = useState<Date | null>(null);
  const [lockResult, executeLock] = useMutation(LockPeriodMutation);
  const [unlockResult, executeUnlock] = useMutation(UnlockPeriodMutation);
  const lockBusy = lockResult.fetching || unlockResult.fetching;

  const metaRef = useLatestRef(meta);
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (bookId === null) return;
    try {
      window.localStorage.setItem('readings.bookId', String(bookId));
      // The page reads it to prefetch the same book's sheet on the next visit.
      document.cookie = `readings.bookId=${bookId}; path=/; max-age=31536000; samesite=lax`;
    } catch {
      /* private mode */
    }
  }, [bookId]);

  useSheetAddress(store, bookId, period, activeKey);

  // ---------- rights and lock
  const bookRights = bookId !== null ? rights.books[bookId] : undefined;
  const readOnlyReason = useCallback(
    (row: SheetRow): string | null => {
      if (!meta) return 'Đang tải…';
      if (meta.lock.isLocked) return meta.lock.message ?? `Kỳ ${periodLabel(meta.period)} đã khóa số liệu.`;
      if (rights.isAdmin) return null;
      if (row.readingId === null ? !bookRights?.add : !bookRights?.edit)
        return 'Bạn không có quyền ghi chỉ số trên sổ này.';
      return null;
    },
    [meta, rights.isAdmin, bookRights],
  );
  /** The user holds no right to write readings on this book: "Chỉ xem", and the write buttons say why. */
  const noWriteRight =
    rights.isAdmin || bookRights?.add || bookRights?.edit ? null : 'Bạn không có quyền ghi chỉ số trên sổ này.';
  const lockedReason = meta?.lock.isLocked
    ? (meta.lock.message ?? `Kỳ ${periodLabel(meta.period)} đã khóa số liệu.`)
    : null;
  const sheetReadOnly = !meta
    ? 'Đang tải…'
    : meta.lock.isLocked
      ? (meta.lock.message ?? 'Kỳ đã khóa số liệu.')
      : rights.isAdmin || bookRights?.add || bookRights?.edit
        ? null
        : 'Bạn chỉ có quyền xem chỉ số của sổ này.';

  // ---------- saving
  const { saveKey, saveAll } = useReadingSaves({
    store,
    api,
    toast,
    metaRef,
    readOnlyReason,
    onSaved: () => setLastSavedAt(new Date()),
  });

  // ---------- visible rows (recomputed on filter/search/load, not while typing: a row never vanishes under the cursor)
  const visible = useVisibleRows(store, rows, filter, search, refilter);
  const visibleRef = useLatestRef(visible);
  const indexOf = useMemo(() => new Map(visible.map((r, i) => [r.key, i])), [visible]);
  const indexRef = useLatestRef(indexOf);

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
    const action = inputKeyAction(
      e,
      e.currentTarget instanceof HTMLSelectElement,
      store.get(key)?.preview.changed ?? false,
    );
    if (action.kind === 'pass') return;
    e.stopPropagation();
    if (action.kind === 'native' || action.kind === 'type') return;
    e.preventDefault();
    if (action.kind === 'revert') return store.revert(key);
    void saveKey(key);
    moveFrom(key, action.delta);
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
    reload();
  };

  // ---------- declarations and import
  const activeRow = activeKey ? (store.get(activeKey)?.row ?? null) : null;
  const activeCustomerId = activeRow?.customerId ?? null;
  const customerRows = useMemo(
    () => (activeCustomerId !== null && rows ? rows.filter((r) => r.customerId === activeCustomerId) : []),
    [activeCustomerId, rows],
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
      const fresh = given && given.length > 1 ? given : await api.customerRows(m.bookId, m.period, customerId, code);
      sheet.replaceCustomerRows(customerId, fresh);
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
      const next =
        fresh.find((r) => !r.isOutgoingMeter && r.readingId === null) ?? fresh.find((r) => !r.isOutgoingMeter);
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
    const vars = { bookId, period: meta.period };
    const result = locking
      ? await executeLock(vars, { additionalTypenames: LOCK_TYPENAMES })
      : await executeUnlock(vars, { additionalTypenames: LOCK_TYPENAMES });
    if (result.error) return void toast.error(errorMessage(result.error, 'Không đổi được trạng thái khóa.'));
    toast.success(locking ? `Đã khóa kỳ ${periodLabel(meta.period)}.` : `Đã mở khóa kỳ ${periodLabel(meta.period)}.`);
    reload();
  };

  useHotkeys({
    [READING_HOTKEYS.saveAll]: () => void saveAll(),
    [READING_HOTKEYS.declare]: () => openDeclare(),
    [READING_HOTKEYS.search]: () => searchRef.current?.focus(),
    [READING_HOTKEYS.backToRow]: () => activeKey && focusRow(activeKey),
  });

  // ---------- render
  if (booksError || books === null || books.length === 0) {
    return (
      <BooksPending
        books={books}
        error={booksError}
        onRetry={() => reexecuteBooks({ requestPolicy: 'network-only' })}
      />
    );
  }

  const book = books.find((b) => b.id === bookId) ?? null;
  return (
    <GridCtx.Provider value={ctx}>
      <div className="flex h-full min-h-0 flex-col">
        <ReadingsToolbar
          books={books}
          bookId={bookId}
          period={period}
          maxPeriod={maxPeriod}
          meta={meta}
          counts={counts}
          lastSavedAt={lastSavedAt}
          filter={filter}
          search={search}
          searchRef={searchRef}
          isAdmin={rights.isAdmin}
          noWriteRight={noWriteRight}
          lockedReason={lockedReason}
          canDeclare={!!declareRow}
          loading={loading}
          lockBusy={lockBusy}
          onBook={(id) => void changeBook(id)}
          onPeriod={(p) => void applyPeriod(p)}
          onFilter={(f) => {
            setFilter(f);
            setRefilter((n) => n + 1);
          }}
          onSearch={setSearch}
          onSearchEnter={() => {
            const first = visibleRef.current[0];
            if (first) focusRow(first.key);
          }}
          onSaveAll={() => void saveAll()}
          onDeclare={() => openDeclare()}
          onImport={() => setDialog({ kind: 'import' })}
          onRefresh={() => void refresh()}
          onToggleLock={() => void toggleLock()}
        />

        {meta?.lock.isLocked && (
          <div
            role="status"
            data-testid="lock-banner"
            className="border-b border-slate-300 bg-slate-800 px-4 py-1.5 text-sm text-white"
          >
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
                  action={<Button onClick={reload}>Thử lại</Button>}
                  className="h-full rounded-md border border-red-200 bg-white"
                  data-testid="readings-error"
                />
              ) : rows === null ? (
                <ReadingSheetSkeleton
                  headers={COLUMNS.map((c) => c.header)}
                  template={COLUMNS.map((c) =>
                    typeof c.width === 'number' ? `${c.width}px` : (c.width ?? '1fr'),
                  ).join(' ')}
                  rowHeight={ROW_HEIGHT}
                  label={`Đang tải sổ ${book?.code ?? ''} kỳ ${periodLabel(period)}…`}
                />
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
                      <EmptyState
                        title="Không có khách hàng khớp từ khóa"
                        description="Thử từ khóa khác hoặc chọn bộ lọc “Tất cả”."
                      />
                    ) : filter === 'unread' ? (
                      <EmptyState
                        title="Đã nhập đủ chỉ số của sổ"
                        description="Không còn khách hàng nào chưa có chỉ số kỳ này."
                        icon="✓"
                      />
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
              <span className="ml-auto hidden lg:inline">
                Enter: lưu và xuống dòng · ↑↓: lên/xuống · Esc: hoàn lại · Alt+S: lưu tất cả · F8: khai báo
              </span>
            </div>
          </div>
          <HistoryPanel
            store={store}
            rowKey={activeKey}
            period={meta?.period ?? period}
            onDeclare={() => openDeclare()}
            canDeclare={!!declareRow}
          />
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
              reload();
            }}
          />
        )}
        {confirmElement}
      </div>
    </GridCtx.Provider>
  );
}
