'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { BookPicker, BooksPending } from '@/components/ui/book-picker';
import { Button } from '@/components/ui/button';
import { useConfirm } from '@/components/ui/confirm';
import { DataGrid, type DataGridColumn } from '@/components/ui/data-grid';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import { ToastProvider, useToast } from '@/components/ui/toast';
import { Toolbar, ToolbarButton, ToolbarSeparator, ToolbarSpacer } from '@/components/ui/toolbar';
import { useHotkeys } from '@/components/ui/use-hotkeys';
import {
  deleteCustomer,
  fetchBookCustomers,
  fetchBooks,
  fetchCatalogs,
  fetchCustomer,
  moveCustomers,
  placeCustomerAfter,
  renumberBook,
  type BookCustomer,
  type BookOption,
  type Catalogs,
  type CustomerDetail,
  type SearchHit,
} from './api';
import { MoveDialog, PlaceAfterDialog } from './book-dialogs';
import { type FormMode } from './customer-form';
import { DetailPanel, type DetailTab } from './detail-panel';
import { foldVietnamese } from './format';
import { GlobalSearch } from './global-search';

/** What the signed-in user may do per book (computed on the server; the API checks again). */
export interface CustomerRights {
  isAdmin: boolean;
  books: Record<number, { add: boolean; edit: boolean; delete: boolean; export: boolean }>;
}

type Right = 'add' | 'edit' | 'delete' | 'export';
type Tab = DetailTab;

const FORM_ID = 'customer-form';

const COLUMNS: DataGridColumn<BookCustomer>[] = [
  { key: 'sequenceNo', header: 'Stt', width: 64, align: 'right', value: (r) => r.sequenceNo },
  { key: 'code', header: 'Mã KH', width: 108, value: (r) => r.code },
  {
    key: 'name',
    header: 'Tên khách hàng',
    width: 'minmax(180px,1.4fr)',
    value: (r) => r.name,
    render: (r) => (
      <>
        {r.name}
        {r.isPreferential && (
          <span title="Khách hàng ưu đãi" className="ml-1.5 rounded bg-amber-100 px-1 text-[10px] font-semibold text-amber-800">
            ƯĐ
          </span>
        )}
      </>
    ),
  },
  { key: 'address', header: 'Địa chỉ', width: 'minmax(200px,2fr)', value: (r) => r.address },
  { key: 'phone', header: 'Điện thoại', width: 112, value: (r) => r.phone },
  { key: 'serviceTypeCode', header: 'Đối tượng', width: 116, value: (r) => r.serviceTypeCode },
  { key: 'households', header: 'Số hộ', width: 64, align: 'right', value: (r) => r.households },
  { key: 'persons', header: 'Nhân khẩu', width: 84, align: 'right', value: (r) => r.persons },
  { key: 'meterSerial', header: 'Seri đồng hồ', width: 124, value: (r) => r.meterSerial },
  {
    key: 'status',
    header: 'Trạng thái',
    width: 112,
    value: (r) => r.status,
    render: (r) => (r.status === 1 ? <span className="text-emerald-700">Đang sử dụng</span> : <span className="text-red-700">Ngưng</span>),
  },
];

/** The customers screen: book picker, virtualised book grid, detail with tabs, desktop shortcuts. */
export function CustomersScreen(props: { rights: CustomerRights; initialBookId: number | null; initialCustomerId: number | null }) {
  return (
    <ToastProvider>
      <Screen {...props} />
    </ToastProvider>
  );
}

function Screen({ rights, initialBookId, initialCustomerId }: { rights: CustomerRights; initialBookId: number | null; initialCustomerId: number | null }) {
  const toast = useToast();
  const { confirm, confirmElement } = useConfirm();

  const [books, setBooks] = useState<BookOption[] | null>(null);
  const [booksError, setBooksError] = useState<string | null>(null);
  const [catalogs, setCatalogs] = useState<Catalogs | null>(null);
  const [bookId, setBookId] = useState<number | null>(initialBookId);
  const [rows, setRows] = useState<BookCustomer[] | null>(null);
  const [rowsError, setRowsError] = useState<string | null>(null);
  const [rowsLoading, setRowsLoading] = useState(false);
  const [filter, setFilter] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [activeKey, setActiveKey] = useState<string | null>(initialCustomerId ? String(initialCustomerId) : null);
  const [detail, setDetail] = useState<CustomerDetail | null>(null);
  const [detailState, setDetailState] = useState<{ loading: boolean; error: string | null }>({ loading: false, error: null });
  const [mode, setMode] = useState<FormMode>('view');
  const [tab, setTab] = useState<Tab>('info');
  const [dirty, setDirty] = useState(false);
  const [formNonce, setFormNonce] = useState(0);
  const [dialog, setDialog] = useState<'move' | 'place' | null>(null);
  const [dialogBusy, setDialogBusy] = useState(false);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const pendingSelect = useRef<number | null>(initialCustomerId);
  const rowsSeq = useRef(0);
  const detailSeq = useRef(0);
  const filterRef = useRef<HTMLInputElement>(null);

  const can = useCallback(
    (right: Right, forBook: number | null = bookId) => rights.isAdmin || (forBook !== null && !!rights.books[forBook]?.[right]),
    [rights, bookId],
  );

  // Books and catalogs, once.
  const loadBooks = useCallback(async () => {
    try {
      const list = await fetchBooks();
      setBooks(list);
      setBooksError(null);
      return list;
    } catch (e) {
      setBooksError(e instanceof Error ? e.message : 'Không tải được danh sách sổ đọc.');
      return null;
    }
  }, []);
  useEffect(() => {
    void loadBooks().then((list) => {
      if (!list) return;
      setBookId((cur) => {
        if (cur !== null && list.some((b) => b.id === cur)) return cur;
        let remembered: number | null = null;
        try {
          remembered = Number(window.localStorage.getItem('customers.bookId')) || null;
        } catch {
          remembered = null;
        }
        if (remembered && list.some((b) => b.id === remembered)) return remembered;
        return list[0]?.id ?? null;
      });
    });
    fetchCatalogs()
      .then(setCatalogs)
      .catch((e: unknown) => toast.error(e instanceof Error ? e.message : 'Không tải được danh mục.'));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loadBooks]);

  // The book's customers.
  const loadRows = useCallback(
    async (id: number, opts: { keepSelection?: boolean } = {}) => {
      const seq = ++rowsSeq.current;
      setRowsLoading(true);
      setRowsError(null);
      try {
        const list = await fetchBookCustomers(id);
        if (seq !== rowsSeq.current) return;
        setRows(list);
        const want = pendingSelect.current;
        if (want !== null) {
          pendingSelect.current = null;
          if (list.some((r) => r.id === want)) {
            setFilter('');
            setSelected(new Set([String(want)]));
            setActiveKey(String(want));
            return;
          }
        }
        if (opts.keepSelection) {
          const ids = new Set(list.map((r) => String(r.id)));
          setSelected((s) => new Set([...s].filter((k) => ids.has(k))));
          setActiveKey((k) => (k && ids.has(k) ? k : null));
        } else {
          const first = list[0];
          setSelected(first ? new Set([String(first.id)]) : new Set());
          setActiveKey(first ? String(first.id) : null);
        }
      } catch (e) {
        if (seq !== rowsSeq.current) return;
        setRows(null);
        setRowsError(e instanceof Error ? e.message : 'Không tải được danh sách khách hàng.');
      } finally {
        if (seq === rowsSeq.current) setRowsLoading(false);
      }
    },
    [],
  );
  useEffect(() => {
    if (bookId === null) return;
    try {
      window.localStorage.setItem('customers.bookId', String(bookId));
    } catch {
      /* private mode */
    }
    setRows(null);
    setDetail(null);
    setFilter('');
    void loadRows(bookId);
  }, [bookId, loadRows]);

  // The active customer's file (debounced so arrow keys through the grid stay smooth).
  const loadDetail = useCallback(async (id: number) => {
    const seq = ++detailSeq.current;
    setDetailState((s) => ({ ...s, loading: true }));
    try {
      const c = await fetchCustomer(id);
      if (seq !== detailSeq.current) return;
      setDetail(c);
      setDetailState({ loading: false, error: c ? null : 'Không tìm thấy khách hàng.' });
    } catch (e) {
      if (seq !== detailSeq.current) return;
      setDetail(null);
      setDetailState({ loading: false, error: e instanceof Error ? e.message : 'Không tải được khách hàng.' });
    }
  }, []);
  const [detailNonce, setDetailNonce] = useState(0);
  const refreshDetail = useCallback(() => setDetailNonce((n) => n + 1), []);
  const modeRef = useRef(mode);
  modeRef.current = mode;
  const lastNonce = useRef(detailNonce);
  useEffect(() => {
    const forced = lastNonce.current !== detailNonce;
    lastNonce.current = detailNonce;
    if (modeRef.current === 'add') return;
    if (!activeKey) {
      detailSeq.current++;
      setDetail(null);
      setDetailState({ loading: false, error: null });
      return;
    }
    // Debounced while the cursor moves through the grid; immediate when a save/refresh asks for it.
    const t = window.setTimeout(() => void loadDetail(Number(activeKey)), forced ? 0 : 180);
    return () => window.clearTimeout(t);
  }, [activeKey, detailNonce, loadDetail]);

  // Keep the address bar shareable: ?book=…&customer=…
  useEffect(() => {
    const url = new URL(window.location.href);
    if (bookId) url.searchParams.set('book', String(bookId));
    else url.searchParams.delete('book');
    if (activeKey) url.searchParams.set('customer', activeKey);
    else url.searchParams.delete('customer');
    window.history.replaceState(window.history.state, '', url);
  }, [bookId, activeKey]);

  const folded = useMemo(() => {
    const m = new Map<number, string>();
    for (const r of rows ?? []) m.set(r.id, foldVietnamese(`${r.sequenceNo} ${r.code} ${r.name} ${r.address} ${r.phone ?? ''} ${r.meterSerial ?? ''} ${r.serviceTypeCode ?? ''}`));
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

  const book = books?.find((b) => b.id === bookId) ?? null;
  const activeRow = rows?.find((r) => String(r.id) === activeKey) ?? null;
  const editing = mode !== 'view';

  const guardEditing = () => {
    if (!editing) return false;
    toast.info('Đang thêm/sửa khách hàng — lưu (Alt+S) hoặc hủy (Esc) trước.');
    return true;
  };

  const startAdd = () => {
    if (editing || bookId === null) return;
    if (!can('add')) {
      toast.error('Bạn không có quyền thêm khách hàng vào sổ này.');
      return;
    }
    detailSeq.current++;
    setMode('add');
    setTab('info');
    setDirty(false);
    setFormNonce((n) => n + 1);
  };
  const startEdit = () => {
    if (editing) return;
    if (!detail || String(detail.id) !== activeKey) {
      toast.info('Chọn một khách hàng để sửa.');
      return;
    }
    if (!can('edit', detail.bookId)) {
      toast.error('Bạn không có quyền sửa khách hàng của sổ này.');
      return;
    }
    setMode('edit');
    setTab('info');
    setDirty(false);
    setFormNonce((n) => n + 1);
  };
  const cancelEdit = async () => {
    if (!editing) return;
    if (dirty) {
      const ok = await confirm({ title: 'Hủy thay đổi', message: 'Các thay đổi chưa lưu sẽ bị bỏ. Tiếp tục?', confirmLabel: 'Bỏ thay đổi', cancelLabel: 'Tiếp tục sửa', danger: true });
      if (!ok) return;
    }
    setMode('view');
    setDirty(false);
    setFormNonce((n) => n + 1);
    focusGrid();
    if (mode === 'add') refreshDetail();
  };
  const removeCustomer = async () => {
    if (editing) return void cancelEdit();
    if (selected.size > 1) {
      toast.info('Mỗi lần chỉ xóa được một khách hàng.');
      return;
    }
    if (!activeRow) {
      toast.info('Chọn khách hàng cần xóa.');
      return;
    }
    if (!can('delete')) {
      toast.error('Bạn không có quyền xóa khách hàng của sổ này.');
      return;
    }
    const ok = await confirm({
      title: 'Xóa khách hàng',
      message: (
        <>
          Xóa khách hàng <strong>{activeRow.code}</strong> – {activeRow.name}? Chỉ xóa được khi khách hàng chưa có hóa đơn.
        </>
      ),
      confirmLabel: 'Xóa',
      danger: true,
    });
    if (!ok) return;
    try {
      await deleteCustomer(activeRow.id);
      toast.success(`Đã xóa khách hàng ${activeRow.code}.`);
      const idx = visibleRows.findIndex((r) => r.id === activeRow.id);
      const next = visibleRows[idx + 1] ?? visibleRows[idx - 1];
      pendingSelect.current = next?.id ?? null;
      if (bookId) await loadRows(bookId, { keepSelection: true });
      void loadBooks();
    } catch (e) {
      toast.error(e instanceof Error ? e.message : 'Không xóa được khách hàng.');
    }
  };

  const onSaved = async (id: number, created: boolean) => {
    setMode('view');
    setDirty(false);
    focusGrid();
    pendingSelect.current = id;
    if (created) {
      // A new customer may have been put in another book from the form.
      const c = await fetchCustomer(id).catch(() => null);
      if (c && c.bookId !== bookId) {
        setBookId(c.bookId);
        void loadBooks();
        return;
      }
    }
    if (bookId) await loadRows(bookId, { keepSelection: true });
    refreshDetail();
    void loadBooks();
  };

  const onDetailChanged = () => {
    refreshDetail();
    if (bookId) void loadRows(bookId, { keepSelection: true });
  };

  const openMove = () => {
    if (guardEditing()) return;
    if (selected.size === 0) return void toast.info('Chọn khách hàng cần chuyển (Ctrl+bấm để chọn nhiều).');
    if (!can('edit')) return void toast.error('Bạn không có quyền sửa khách hàng của sổ này.');
    setDialogError(null);
    setDialog('move');
  };
  const doMove = async (target: number) => {
    setDialogBusy(true);
    setDialogError(null);
    try {
      const n = await moveCustomers([...selected].map(Number), target);
      const code = books?.find((b) => b.id === target)?.code ?? '';
      toast.success(`Đã chuyển ${n} khách hàng sang sổ ${code}.`);
      // Keep the cursor near where the moved customers were.
      let last = -1;
      visibleRows.forEach((r, i) => {
        if (selected.has(String(r.id))) last = i;
      });
      const stay = visibleRows.slice(last + 1).find((r) => !selected.has(String(r.id))) ?? visibleRows.find((r) => !selected.has(String(r.id)));
      pendingSelect.current = stay?.id ?? null;
      setDialog(null);
      if (bookId) await loadRows(bookId);
      refreshDetail();
      void loadBooks();
    } catch (e) {
      setDialogError(e instanceof Error ? e.message : 'Không chuyển được.');
    } finally {
      setDialogBusy(false);
    }
  };
  const doRenumber = async () => {
    if (guardEditing() || bookId === null || !book) return;
    if (!can('edit')) return void toast.error('Bạn không có quyền sửa khách hàng của sổ này.');
    const ok = await confirm({
      title: 'Đánh lại số thứ tự',
      message: `Đánh lại Stt của sổ ${book.code} theo hàng chục (10, 20, 30…), giữ nguyên thứ tự hiện tại?`,
      confirmLabel: 'Đánh lại',
    });
    if (!ok) return;
    try {
      const n = await renumberBook(bookId);
      toast.success(n ? `Đã đánh lại Stt cho ${n} khách hàng.` : 'Stt của sổ đã theo hàng chục, không cần đánh lại.');
      await loadRows(bookId, { keepSelection: true });
      refreshDetail();
    } catch (e) {
      toast.error(e instanceof Error ? e.message : 'Không đánh lại được số thứ tự.');
    }
  };
  const openPlace = () => {
    if (guardEditing()) return;
    if (!activeRow) return void toast.info('Chọn khách hàng cần chèn.');
    if (!can('edit')) return void toast.error('Bạn không có quyền sửa khách hàng của sổ này.');
    setDialogError(null);
    setDialog('place');
  };
  const doPlace = async (afterId: number | null) => {
    if (!activeRow) return;
    setDialogBusy(true);
    setDialogError(null);
    try {
      const seq = await placeCustomerAfter(activeRow.id, afterId);
      toast.success(`Đã chuyển ${activeRow.code} đến Stt ${seq}.`);
      setDialog(null);
      if (bookId) await loadRows(bookId, { keepSelection: true });
      refreshDetail();
    } catch (e) {
      setDialogError(e instanceof Error ? e.message : 'Không chèn được.');
    } finally {
      setDialogBusy(false);
    }
  };
  const refresh = () => {
    if (guardEditing()) return;
    void loadBooks();
    if (bookId) void loadRows(bookId, { keepSelection: true });
    refreshDetail();
  };

  useHotkeys({
    F4: () => startAdd(),
    F2: () => startEdit(),
    F3: () => void removeCustomer(),
    ...(editing ? { Escape: () => void cancelEdit() } : {}),
    'Ctrl+F': () => filterRef.current?.focus(),
  });

  const onSearchPick = (h: SearchHit) => {
    if (guardEditing()) return;
    if (!visibleRows.some((r) => r.id === h.id)) setFilter('');
    setSelected(new Set([String(h.id)]));
    setActiveKey(String(h.id));
  };
  const onSearchOpenBook = (h: SearchHit) => {
    if (guardEditing()) return;
    pendingSelect.current = h.id;
    if (h.bookId === bookId) void loadRows(h.bookId);
    else setBookId(h.bookId);
  };

  const latest = useRef({ onSaved, onDetailChanged, startAdd });
  latest.current = { onSaved, onDetailChanged, startAdd };
  const stable = useMemo(
    () => ({
      onSaved: (id: number, created: boolean) => void latest.current.onSaved(id, created),
      onDetailChanged: () => latest.current.onDetailChanged(),
      startAdd: () => latest.current.startAdd(),
      refreshDetail,
    }),
    [refreshDetail],
  );
  const addableBooks = useMemo(() => (books ?? []).filter((b) => can('add', b.id)), [books, can]);

  // ---------- render ----------
  if (booksError || books === null || books.length === 0) {
    return <BooksPending books={books} error={booksError} onRetry={() => void loadBooks()} />;
  }

  const canAdd = can('add');
  const canEdit = can('edit');
  const canDelete = can('delete');
  const canExport = can('export');
  const detailBookCanEdit = detail ? can('edit', detail.bookId) : false;

  return (
    <div className="flex h-full min-h-0 flex-col">
      <header className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-white px-4 py-2.5">
        <h1 className="text-lg font-semibold text-slate-900">Khách hàng</h1>
        <BookPicker books={books} value={bookId} onChange={setBookId} disabled={editing} />
        {book && (
          <span className="hidden text-xs text-slate-500 2xl:inline">
            {book.routeName} · {book.branchName}
          </span>
        )}
        <span className="flex-1" />
        <GlobalSearch currentBookId={bookId} onPick={onSearchPick} onOpenBook={onSearchOpenBook} />
      </header>

      <div className="border-b border-slate-200 bg-white px-4 py-2">
        <Toolbar label="Thao tác khách hàng">
          <ToolbarButton label="Thêm" shortcut="F4" onClick={startAdd} disabled={editing || !canAdd} data-testid="btn-add" />
          <ToolbarButton label="Sửa" shortcut="F2" onClick={startEdit} disabled={editing || !activeRow || !canEdit} data-testid="btn-edit" />
          {editing ? (
            <ToolbarButton label="Hủy" shortcut="F3" onClick={() => void cancelEdit()} data-testid="btn-cancel" />
          ) : (
            <ToolbarButton label="Xóa" shortcut="F3" onClick={() => void removeCustomer()} disabled={!activeRow || !canDelete} variant="secondary" data-testid="btn-delete" />
          )}
          <button
            type="submit"
            form={FORM_ID}
            disabled={!editing}
            data-testid="save-button"
            aria-keyshortcuts="Alt+S"
            title="Lưu (Alt+S)"
            className="inline-flex items-center gap-1 rounded-md border border-brand-600 bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:cursor-not-allowed disabled:opacity-50"
          >
            Lưu <span className="opacity-70">(Alt+S)</span>
          </button>
          <ToolbarSeparator />
          <ToolbarButton label={selected.size > 1 ? `Chuyển sổ (${selected.size})` : 'Chuyển sổ'} onClick={openMove} disabled={editing || selected.size === 0 || !canEdit} data-testid="btn-move" />
          <ToolbarButton label="Chèn vào sau" onClick={openPlace} disabled={editing || !activeRow || !canEdit} data-testid="btn-place-after" />
          <ToolbarButton label="Đánh lại Stt" onClick={() => void doRenumber()} disabled={editing || !rows?.length || !canEdit} data-testid="btn-renumber" />
          <ToolbarSeparator />
          {canExport && bookId !== null ? (
            <a
              href={`/api/books/${bookId}/export`}
              download
              data-testid="btn-export"
              className="inline-flex items-center rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
            >
              Xuất Excel
            </a>
          ) : (
            <Button disabled title="Bạn không có quyền xuất dữ liệu sổ này" data-testid="btn-export">
              Xuất Excel
            </Button>
          )}
          <ToolbarButton label="Làm mới" onClick={refresh} disabled={rowsLoading} data-testid="btn-refresh" />
          <ToolbarSpacer />
          {editing && (
            <span className="rounded bg-amber-100 px-2 py-1 text-xs font-medium text-amber-800" data-testid="mode-badge">
              {mode === 'add' ? 'Đang thêm mới' : 'Đang sửa'}
            </span>
          )}
        </Toolbar>
      </div>

      <div className="flex min-h-0 flex-1 flex-col gap-2 p-3">
        <div className="flex flex-wrap items-center gap-3">
          <input
            ref={filterRef}
            type="search"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            placeholder="Lọc trong sổ: Stt, mã, tên, địa chỉ, điện thoại, seri…"
            aria-label="Lọc khách hàng trong sổ"
            data-testid="book-filter"
            className="w-80 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm"
          />
          <span className="text-xs text-slate-500" data-testid="customer-count">
            {rows ? (
              <>
                {filter ? `${visibleRows.length.toLocaleString('vi-VN')} / ` : ''}
                {rows.length.toLocaleString('vi-VN')} khách hàng
                {selected.size > 1 ? ` · đã chọn ${selected.size}` : ''}
              </>
            ) : null}
          </span>
          {rowsLoading && <Spinner size="sm" hideLabel label="Đang tải khách hàng…" />}
          <span className="ml-auto hidden text-xs text-slate-400 lg:inline">Ctrl+bấm: chọn nhiều · Shift+bấm: chọn liên tiếp · ↑↓ di chuyển</span>
        </div>

        <div className={`${editing ? 'h-[22%] min-h-[140px]' : 'h-[38%] min-h-[200px]'} shrink-0`}>
          {rowsError ? (
            <EmptyState
              tone="error"
              title="Không tải được danh sách khách hàng"
              description={rowsError}
              action={<Button onClick={() => bookId && void loadRows(bookId)}>Thử lại</Button>}
              className="h-full rounded-md border border-red-200 bg-white"
            />
          ) : rows === null ? (
            <div className="flex h-full items-center justify-center rounded-md border border-slate-200 bg-white">
              <Spinner label="Đang tải khách hàng…" />
            </div>
          ) : (
            <DataGrid
              rows={visibleRows}
              columns={COLUMNS}
              getRowKey={getKey}
              label={`Khách hàng sổ ${book?.code ?? ''}`}
              selectedKeys={selected}
              activeKey={activeKey}
              onSelectionChange={(keys, act) => {
                if (guardEditing()) return;
                setSelected(keys);
                setActiveKey(act);
              }}
              onRowActivate={() => startEdit()}
              rowClassName={rowClassOf}
              data-testid="customer-grid"
              rowTestId="customer-row"
              rowData={rowDataOf}
              emptyContent={
                filter ? (
                  <EmptyState title="Không có khách hàng khớp bộ lọc" description="Thử từ khóa khác, hoặc dùng ô tìm kiếm phía trên để tìm trong mọi sổ." />
                ) : (
                  <EmptyState
                    title="Sổ chưa có khách hàng"
                    description={canAdd ? 'Bấm F4 để thêm khách hàng đầu tiên.' : undefined}
                    action={canAdd ? <Button variant="primary" onClick={startAdd} shortcut="F4">Thêm</Button> : undefined}
                  />
                )
              }
            />
          )}
        </div>

        <DetailPanel
          formId={FORM_ID}
          mode={mode}
          tab={tab}
          onTab={setTab}
          activeRow={activeRow}
          hasActive={!!activeKey}
          detail={detail}
          loading={detailState.loading}
          error={detailState.error}
          formNonce={formNonce}
          bookId={bookId}
          books={books}
          addableBooks={addableBooks}
          catalogs={catalogs}
          canEditDetail={detailBookCanEdit}
          canAdd={canAdd}
          onSaved={stable.onSaved}
          onDirtyChange={setDirty}
          onReload={stable.refreshDetail}
          onChanged={stable.onDetailChanged}
          onAdd={stable.startAdd}
        />
      </div>

      {dialog === 'move' && bookId !== null && (
        <MoveDialog
          count={selected.size}
          currentBookId={bookId}
          books={books.filter((b) => can('edit', b.id))}
          busy={dialogBusy}
          error={dialogError}
          onConfirm={(t) => void doMove(t)}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'place' && activeRow && rows && (
        <PlaceAfterDialog customer={activeRow} rows={rows} busy={dialogBusy} error={dialogError} onConfirm={(a) => void doPlace(a)} onClose={() => setDialog(null)} />
      )}
      {confirmElement}
    </div>
  );
}

const getKey = (r: BookCustomer) => String(r.id);
/** Back to the grid after save/cancel so the keyboard flow (↑↓, F2, F4) continues. */
const focusGrid = () => window.setTimeout(() => document.querySelector<HTMLElement>('[data-testid="customer-grid"]')?.focus({ preventScroll: true }), 0);
const rowClassOf = (r: BookCustomer) => (r.status === 0 ? 'text-slate-400' : undefined);
const rowDataOf = (r: BookCustomer) => ({ 'data-code': r.code, 'data-customer-id': String(r.id) });

