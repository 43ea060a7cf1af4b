'use client';

import { useCallback, useEffect, useEffectEvent, useMemo, useRef, useState } from 'react';
import { useMutation, type SSRData } from 'urql';
import { BookPicker, BooksPending } from '@/components/ui/book-picker';
import { useConfirm } from '@/components/ui/confirm';
import { ToastProvider, useToast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/graphql/errors';
import { useHydrate } from '@/lib/graphql/provider';
import { MoveDialog, PlaceAfterDialog } from './book-dialogs';
import { CustomerGridPane } from './customer-grid-pane';
import { BookFilterBar } from './book-filter-bar';
import {
  BOOK_COOKIE,
  CUSTOMER_TYPENAMES,
  DeleteCustomerMutation,
  MoveCustomersMutation,
  PlaceCustomerAfterMutation,
  RenumberBookMutation,
  type CatalogItem,
  type SearchHit,
} from './customer-documents';
import { type FormMode } from './customer-form';
import { useCustomerKeys } from './customer-keys';
import { can as canOn, type CustomerRight, type CustomerRights } from './customer-rights';
import { CUSTOMER_FORM_ID, CustomersToolbar } from './customers-toolbar';
import { DetailPanel, type DetailTab } from './detail-panel';
import { GlobalSearch } from './global-search';
import { useBookSelection } from './use-book-selection';
import { useBookRows, useBooks, useCustomerCatalogs, useCustomerDetail } from './use-customer-data';

export interface CustomersScreenProps {
  rights: CustomerRights;
  /** The book the server rendered (from ?book=, the remembered book, or the first book). */
  initialBookId: number | null;
  initialCustomerId: number | null;
  /** Books, catalogs and the book's rows, executed by the Server Component through the same documents. */
  initialData?: SSRData;
}

/** The customers screen: book picker, virtualised book grid, detail with tabs, desktop shortcuts. */
export function CustomersScreen(props: CustomersScreenProps) {
  return (
    <ToastProvider>
      <Screen {...props} />
    </ToastProvider>
  );
}

const NO_TYPES: readonly CatalogItem[] = [];

function Screen({ rights, initialBookId, initialCustomerId, initialData }: CustomersScreenProps) {
  const requestPolicy = useHydrate(initialData);
  const toast = useToast();
  const { confirm, confirmElement } = useConfirm();

  const [pickedBookId, setBookId] = useState<number | null>(initialBookId);
  const [mode, setMode] = useState<FormMode>('view');
  const [tab, setTab] = useState<DetailTab>('info');
  const [dirty, setDirty] = useState(false);
  const [formNonce, setFormNonce] = useState(0);
  const [dialog, setDialog] = useState<'move' | 'place' | null>(null);
  const filterRef = useRef<HTMLInputElement>(null);

  const books = useBooks(requestPolicy);
  // A book that is not (or no longer) the user's gives way to the first one they hold.
  const bookId =
    books.books && (pickedBookId === null || !books.books.some((b) => b.id === pickedBookId))
      ? (books.books[0]?.id ?? null)
      : pickedBookId;
  const { catalogs } = useCustomerCatalogs(requestPolicy);
  const book = useBookRows(bookId, requestPolicy);
  const rows = book.rows;
  const { filter, setFilter, selected, setSelected, activeKey, setActiveKey, visibleRows, activeRow, selectWhenShown } =
    useBookSelection(rows, bookId, initialCustomerId);
  const editing = mode !== 'view';
  const detailQuery = useCustomerDetail(activeKey ? Number(activeKey) : null, mode === 'add');
  const detail = detailQuery.detail;

  const [moving, executeMove] = useMutation(MoveCustomersMutation);
  const [placing, executePlace] = useMutation(PlaceCustomerAfterMutation);
  const [, executeDelete] = useMutation(DeleteCustomerMutation);
  const [, executeRenumber] = useMutation(RenumberBookMutation);

  const can = useCallback(
    (right: CustomerRight, forBook: number | null = bookId) => canOn(rights, right, forBook),
    [rights, bookId],
  );

  // Remember the book for the next visit (read by the server page) and keep the address bar shareable.
  useEffect(() => {
    if (bookId !== null) document.cookie = `${BOOK_COOKIE}=${bookId}; path=/customers; max-age=31536000; samesite=lax`;
    const url = new URL(window.location.href);
    if (bookId) url.searchParams.set('book', String(bookId));
    else url.searchParams.delete('book');
    if (activeKey) url.searchParams.set('customer', activeKey);
    else url.searchParams.delete('customer');
    window.history.replaceState(window.history.state, '', url);
  }, [bookId, activeKey]);

  const currentBook = books.books?.find((b) => b.id === bookId) ?? null;

  const guardEditing = () => {
    if (!editing) return false;
    toast.info('Đang thêm/sửa khách hàng — lưu (Alt+S) hoặc hủy (Esc) trước.');
    return true;
  };
  /** Back to the grid after save/cancel so the keyboard flow (↑↓, F2, F4) continues. */
  const focusGrid = () =>
    window.setTimeout(
      () => document.querySelector<HTMLElement>('[data-testid="customer-grid"]')?.focus({ preventScroll: true }),
      0,
    );

  // ---- commands
  const startAdd = () => {
    if (editing || bookId === null) return;
    if (!can('add')) return void toast.error('Bạn không có quyền thêm khách hàng vào sổ này.');
    setMode('add');
    setTab('info');
    setDirty(false);
    setFormNonce((n) => n + 1);
  };
  const startEdit = () => {
    if (editing) return;
    if (!detail || String(detail.id) !== activeKey || detailQuery.loading) {
      // F2 right after moving the cursor or saving: edit as soon as the customer's current file arrives, so
      // the form never starts from an old version.
      if (activeKey && detailQuery.loading) editWhenLoaded.current = activeKey;
      else toast.info('Chọn một khách hàng để sửa.');
      return;
    }
    if (!can('edit', detail.bookId)) return void toast.error('Bạn không có quyền sửa khách hàng của sổ này.');
    setMode('edit');
    setTab('info');
    setDirty(false);
    setFormNonce((n) => n + 1);
  };
  const editWhenLoaded = useRef<string | null>(null);
  // An effect event: it runs when the awaited file arrives, reading the cursor and the form state as they are then.
  const editIfAwaited = useEffectEvent(() => {
    const want = editWhenLoaded.current;
    if (want === null || detailQuery.loading) return;
    editWhenLoaded.current = null;
    if (want === activeKey && detail && String(detail.id) === want) startEdit();
  });
  useEffect(() => editIfAwaited(), [detail, detailQuery.loading]);
  const cancelEdit = async () => {
    if (!editing) return;
    if (dirty) {
      const ok = await confirm({
        title: 'Hủy thay đổi',
        message: 'Các thay đổi chưa lưu sẽ bị bỏ. Tiếp tục?',
        confirmLabel: 'Bỏ thay đổi',
        cancelLabel: 'Tiếp tục sửa',
        danger: true,
      });
      if (!ok) return;
    }
    setMode('view');
    setDirty(false);
    setFormNonce((n) => n + 1);
    focusGrid();
  };
  const removeCustomer = async () => {
    if (editing) return void cancelEdit();
    if (selected.size > 1) return void toast.info('Mỗi lần chỉ xóa được một khách hàng.');
    if (!activeRow) return void toast.info('Chọn khách hàng cần xóa.');
    if (!can('delete')) return void toast.error('Bạn không có quyền xóa khách hàng của sổ này.');
    const ok = await confirm({
      title: 'Xóa khách hàng',
      message: (
        <>
          Xóa khách hàng <strong>{activeRow.code}</strong> – {activeRow.name}? Chỉ xóa được khi khách hàng chưa có hóa
          đơn.
        </>
      ),
      confirmLabel: 'Xóa',
      danger: true,
    });
    if (!ok) return;
    const idx = visibleRows.findIndex((r) => r.id === activeRow.id);
    const next = visibleRows[idx + 1] ?? visibleRows[idx - 1];
    const result = await executeDelete({ id: activeRow.id }, CUSTOMER_TYPENAMES);
    if (result.error) return void toast.error(errorMessage(result.error, 'Không xóa được khách hàng.'));
    toast.success(`Đã xóa khách hàng ${activeRow.code}.`);
    selectWhenShown(next?.id ?? null);
  };

  const onSaved = useCallback(
    (id: number, savedBookId: number) => {
      setMode('view');
      setDirty(false);
      focusGrid();
      selectWhenShown(id);
      setActiveKey(String(id));
      // A new customer may have been put in another book from the form: open that book.
      if (savedBookId !== bookId) setBookId(savedBookId);
    },
    [bookId, selectWhenShown, setActiveKey],
  );

  const openMove = () => {
    if (guardEditing()) return;
    if (selected.size === 0) return void toast.info('Chọn khách hàng cần chuyển (Ctrl+bấm để chọn nhiều).');
    if (!can('edit')) return void toast.error('Bạn không có quyền sửa khách hàng của sổ này.');
    setDialog('move');
  };
  const doMove = async (target: number) => {
    const result = await executeMove(
      { customerIds: [...selected].map(Number), targetBookId: target },
      CUSTOMER_TYPENAMES,
    );
    if (result.error || !result.data) return;
    const code = books.books?.find((b) => b.id === target)?.code ?? '';
    toast.success(`Đã chuyển ${result.data.moveCustomers} khách hàng sang sổ ${code}.`);
    // Keep the cursor near where the moved customers were.
    let last = -1;
    visibleRows.forEach((r, i) => {
      if (selected.has(String(r.id))) last = i;
    });
    const stay =
      visibleRows.slice(last + 1).find((r) => !selected.has(String(r.id))) ??
      visibleRows.find((r) => !selected.has(String(r.id)));
    selectWhenShown(stay?.id ?? null);
    setDialog(null);
  };
  const doRenumber = async () => {
    if (guardEditing() || bookId === null || !currentBook) return;
    if (!can('edit')) return void toast.error('Bạn không có quyền sửa khách hàng của sổ này.');
    const ok = await confirm({
      title: 'Đánh lại số thứ tự',
      message: `Đánh lại Stt của sổ ${currentBook.code} theo hàng chục (10, 20, 30…), giữ nguyên thứ tự hiện tại?`,
      confirmLabel: 'Đánh lại',
    });
    if (!ok) return;
    const result = await executeRenumber({ bookId }, CUSTOMER_TYPENAMES);
    if (result.error || !result.data)
      return void toast.error(errorMessage(result.error, 'Không đánh lại được số thứ tự.'));
    const n = result.data.renumberBook;
    toast.success(n ? `Đã đánh lại Stt cho ${n} khách hàng.` : 'Stt của sổ đã theo hàng chục, không cần đánh lại.');
  };
  const openPlace = () => {
    if (guardEditing()) return;
    if (!activeRow) return void toast.info('Chọn khách hàng cần chèn.');
    if (!can('edit')) return void toast.error('Bạn không có quyền sửa khách hàng của sổ này.');
    setDialog('place');
  };
  const doPlace = async (afterId: number | null) => {
    if (!activeRow) return;
    const result = await executePlace({ customerId: activeRow.id, afterCustomerId: afterId }, CUSTOMER_TYPENAMES);
    if (result.error || !result.data) return;
    toast.success(`Đã chuyển ${activeRow.code} đến Stt ${result.data.placeCustomerAfter}.`);
    setDialog(null);
  };
  const refresh = () => {
    if (guardEditing()) return;
    books.retry();
    book.refresh();
    detailQuery.reload();
  };

  useCustomerKeys(editing, {
    add: startAdd,
    edit: startEdit,
    deleteOrCancel: () => void removeCustomer(),
    cancel: () => void cancelEdit(),
    focusFilter: () => filterRef.current?.focus(),
  });

  const onSearchPick = (h: SearchHit) => {
    if (guardEditing()) return;
    if (!visibleRows.some((r) => r.id === h.id)) setFilter('');
    setSelected(new Set([String(h.id)]));
    setActiveKey(String(h.id));
  };
  const onSearchOpenBook = (h: SearchHit) => {
    if (guardEditing()) return;
    selectWhenShown(h.id);
    if (h.bookId === bookId) book.refresh();
    else setBookId(h.bookId);
  };

  const latest = useRef({ onSaved, startAdd, reload: detailQuery.reload });
  useEffect(() => {
    latest.current = { onSaved, startAdd, reload: detailQuery.reload };
  });
  // The detail panel is memoised; these stay the same function across renders so moving in the grid does not re-render it.
  const stable = useMemo(
    () => ({
      onSaved: (id: number, savedBookId: number) => latest.current.onSaved(id, savedBookId),
      startAdd: () => latest.current.startAdd(),
      reload: () => latest.current.reload(),
    }),
    [],
  );
  const addableBooks = useMemo(() => (books.books ?? []).filter((b) => can('add', b.id)), [books.books, can]);

  // ---------- render ----------
  if (books.error || books.books === null || books.books.length === 0) {
    return <BooksPending books={books.books} error={books.error} onRetry={books.retry} />;
  }

  const bookRights = { add: can('add'), edit: can('edit'), delete: can('delete'), export: can('export') };

  return (
    <div className="flex h-full min-h-0 flex-col">
      <header className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-white px-4 py-2">
        <h1 className="text-lg font-semibold text-slate-900">Khách hàng</h1>
        <BookPicker books={books.books} value={bookId} onChange={setBookId} disabled={editing} />
        {currentBook && (
          <span className="hidden text-xs text-slate-500 2xl:inline">
            {currentBook.routeName} · {currentBook.branchName}
          </span>
        )}
        <span className="flex-1" />
        <GlobalSearch currentBookId={bookId} onPick={onSearchPick} onOpenBook={onSearchOpenBook} />
      </header>

      <div className="border-b border-slate-200 bg-white px-4 py-1.5">
        <CustomersToolbar
          bookId={bookId}
          mode={mode}
          rights={bookRights}
          hasActive={!!activeRow}
          selectedCount={selected.size}
          hasRows={!!rows?.length}
          refreshing={book.fetching}
          onAdd={startAdd}
          onEdit={startEdit}
          onDelete={() => void removeCustomer()}
          onCancel={() => void cancelEdit()}
          onMove={openMove}
          onPlace={openPlace}
          onRenumber={() => void doRenumber()}
          onRefresh={refresh}
        />
      </div>

      <div className="flex min-h-0 flex-1 flex-col gap-2 p-2">
        <BookFilterBar
          ref={filterRef}
          filter={filter}
          onFilter={setFilter}
          shown={visibleRows.length}
          total={rows?.length ?? null}
          bookTotal={book.total}
          selectedCount={selected.size}
          fetching={book.fetching}
        />

        <CustomerGridPane
          rows={rows}
          visibleRows={visibleRows}
          error={book.error}
          onRetry={book.refresh}
          editing={editing}
          filtered={filter !== ''}
          bookCode={currentBook?.code ?? ''}
          serviceTypes={catalogs?.serviceTypes ?? NO_TYPES}
          selected={selected}
          activeKey={activeKey}
          onSelectionChange={(keys, act) => {
            if (guardEditing()) return;
            setSelected(keys);
            setActiveKey(act);
          }}
          onEdit={startEdit}
          canAdd={bookRights.add}
          onAdd={startAdd}
        />

        <DetailPanel
          formId={CUSTOMER_FORM_ID}
          mode={mode}
          tab={tab}
          onTab={setTab}
          activeRow={activeRow}
          hasActive={!!activeKey}
          detail={detail}
          loading={detailQuery.loading}
          error={detailQuery.error}
          formNonce={formNonce}
          bookId={bookId}
          books={books.books}
          addableBooks={addableBooks}
          catalogs={catalogs}
          canEditDetail={detail ? can('edit', detail.bookId) : false}
          canAdd={bookRights.add}
          onSaved={stable.onSaved}
          onDirtyChange={setDirty}
          onReload={stable.reload}
          onChanged={stable.reload}
          onAdd={stable.startAdd}
        />
      </div>

      {dialog === 'move' && bookId !== null && (
        <MoveDialog
          count={selected.size}
          currentBookId={bookId}
          books={books.books.filter((b) => can('edit', b.id))}
          busy={moving.fetching}
          error={moving.error ? errorMessage(moving.error, 'Không chuyển được.') : null}
          onConfirm={(t) => void doMove(t)}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'place' && activeRow && rows && (
        <PlaceAfterDialog
          customer={activeRow}
          rows={rows}
          busy={placing.fetching}
          error={placing.error ? errorMessage(placing.error, 'Không chèn được.') : null}
          onConfirm={(a) => void doPlace(a)}
          onClose={() => setDialog(null)}
        />
      )}
      {confirmElement}
    </div>
  );
}
