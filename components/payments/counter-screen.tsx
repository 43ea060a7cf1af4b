'use client';

import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useMutation, useQuery, type SSRData } from 'urql';
import { fmtMoney } from '@/components/invoices/invoice-format';
import { currentPeriod } from '@/components/readings/format';
import { PeriodPicker, periodToText } from '@/components/readings/period-picker';
import { useRowFocus } from '@/components/readings/use-row-focus';
import { BookPicker, BooksPending } from '@/components/ui/book-picker';
import { Button } from '@/components/ui/button';
import { useConfirm } from '@/components/ui/confirm';
import { EmptyState } from '@/components/ui/empty-state';
import { ReadOnlyBadge } from '@/components/ui/read-only-badge';
import { Spinner } from '@/components/ui/spinner';
import { ToastProvider, useToast } from '@/components/ui/toast';
import { useHotkeys } from '@/components/ui/use-hotkeys';
import { useLatestRef } from '@/components/ui/use-latest-ref';
import { apiError, errorMessage } from '@/lib/graphql/errors';
import { readFragment } from '@/lib/graphql/graphql';
import { useHydrate } from '@/lib/graphql/provider';
import { CounterCtx, CounterGrid, type CounterCellContext } from './counter-grid';
import { ReversePaymentDialog, type ReverseTarget } from './counter-reverse-dialog';
import { canOnPayments, counterBooks, missingPaymentRight, type PaymentRights } from './counter-rights';
import { CounterStore, useCounterTotals } from './counter-store';
import {
  CounterBooksQuery,
  CounterRowFragment,
  CounterSheetQuery,
  PAYMENT_TYPENAMES,
  PayAtCounterMutation,
  counterSheetVariables,
} from './payments.documents';

export interface CounterScreenProps {
  rights: PaymentRights;
  initialBookId: number | null;
  initialPeriod: string;
  /** The books and the starting book's sheet, executed by the Server Component through the same documents. */
  initialData?: SSRData;
}

/** The screen's shortcuts, named after useHotkeys' key spelling. */
const COUNTER_HOTKEYS = { save: 'Alt+S', reload: 'F9', backToRow: 'F2' } as const;

/** Rows a PageDown / PageUp moves in the amount column. */
const PAGE_ROWS = 15;

/**
 * A fresh key for one save attempt, sent again unchanged when the same save is retried. crypto.getRandomValues
 * works on plain http too (an office PC opening the server by its LAN address), where randomUUID does not exist.
 */
function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return `quay-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Thu tiền tại quầy (SPEC §5): choose book and month, the book's issued invoices load in sequence order; type each
 * customer's amount (or tick "Thu đủ cả sổ"), save everything with "Thu tiền" (Alt+S) as one request; receipts and
 * reversal on each row. Documents: payments.documents.ts; amounts: counter-store.ts; cells: counter-grid.tsx.
 */
export function CounterScreen(props: CounterScreenProps) {
  return (
    <ToastProvider>
      <Screen {...props} />
    </ToastProvider>
  );
}

function Screen({ rights, initialBookId, initialPeriod, initialData }: CounterScreenProps) {
  const toast = useToast();
  const { confirm, confirmElement } = useConfirm();
  const requestPolicy = useHydrate(initialData);
  const maxPeriod = useMemo(() => currentPeriod(), []);
  const [store] = useState(() => new CounterStore());
  const totals = useCounterTotals(store);

  const [booksResult, refetchBooks] = useQuery({ query: CounterBooksQuery, requestPolicy });
  const books = useMemo(
    () => (booksResult.data ? counterBooks(rights, booksResult.data.readingBooks.rows) : null),
    [booksResult.data, rights],
  );
  const [bookChoice, setBookChoice] = useState<number | null>(initialBookId);
  const bookId = books?.some((b) => b.id === bookChoice) ? bookChoice : (books?.[0]?.id ?? null);
  const [period, setPeriod] = useState(initialPeriod);

  const [sheetResult, refetchSheet] = useQuery({
    query: CounterSheetQuery,
    variables: counterSheetVariables(bookId ?? 0, period),
    pause: bookId === null,
    requestPolicy,
    context: SHEET_CONTEXT,
  });
  const sheet = sheetResult.data?.counterSheet;
  // A sheet of another book or month still in the cache while the new one loads is not shown as this one.
  const current = sheet && sheet.bookId === bookId && sheet.period === period ? sheet : null;
  const rows = useMemo(() => (current ? readFragment(CounterRowFragment, current.rows) : null), [current]);
  // The store takes each sheet before the browser paints it (its cells read their amounts from the store).
  useLayoutEffect(() => {
    if (rows) store.load(rows);
  }, [rows, store]);

  const { activeKey, setActiveKey, registerInput, focusRow } = useRowFocus();
  const activeRef = useLatestRef(activeKey);
  const rowsRef = useLatestRef(rows);
  const indexOf = useMemo(() => new Map((rows ?? []).map((r, i) => [String(r.invoiceId), i])), [rows]);
  const indexRef = useLatestRef(indexOf);

  const addReason = missingPaymentRight(rights, bookId, 'add');
  const [saveResult, executePay] = useMutation(PayAtCounterMutation);
  const saving = useRef(false);
  const pendingKey = useRef<{ key: string; fingerprint: string } | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [reverseTarget, setReverseTarget] = useState<ReverseTarget | null>(null);
  const readOnlyReason = addReason ?? (saveResult.fetching ? 'Đang lưu…' : null);

  const moveFrom = useCallback(
    (key: string, delta: number) => {
      const list = rowsRef.current ?? [];
      const i = indexRef.current.get(key);
      if (i === undefined || list.length === 0) return;
      const next = list[Math.max(0, Math.min(list.length - 1, i + delta))];
      if (next) focusRow(String(next.invoiceId));
    },
    [rowsRef, indexRef, focusRow],
  );

  const onInputKey = useCallback(
    (key: string, e: React.KeyboardEvent<HTMLInputElement>) => {
      if (e.nativeEvent.isComposing) return;
      const moves: Record<string, number> = {
        Enter: e.shiftKey ? -1 : 1,
        ArrowDown: 1,
        ArrowUp: -1,
        PageDown: PAGE_ROWS,
        PageUp: -PAGE_ROWS,
      };
      const delta = moves[e.key];
      if (delta !== undefined) {
        e.preventDefault();
        e.stopPropagation();
        return moveFrom(key, delta);
      }
      if (e.key === '=') {
        e.preventDefault();
        e.stopPropagation();
        return store.fillDue(key);
      }
      if (e.key === 'Escape') {
        // Something typed: it is cleared; otherwise Escape goes on to whatever the screen has open.
        if (!store.get(key)?.text) return;
        e.preventDefault();
        e.stopPropagation();
        return store.setText(key, '');
      }
      // Typed text stays in the input: the grid's own keys (Home, End, Space…) must not act on it.
      e.stopPropagation();
    },
    [moveFrom, store],
  );
  const onFocusRow = useCallback(
    (key: string) => {
      if (activeRef.current !== key) setActiveKey(key);
    },
    [activeRef, setActiveKey],
  );
  const canReverse = canOnPayments(rights, bookId, 'delete');
  const ctx = useMemo<CounterCellContext>(
    () => ({
      store,
      readOnlyReason,
      canReverse,
      registerInput,
      onInputKey,
      onFocusRow,
      onReverse: (row, p) =>
        setReverseTarget({
          id: p.id,
          receiptNumber: p.receiptNumber,
          amount: p.amount,
          customerCode: row.customerCode,
          customerName: row.customerName,
        }),
    }),
    [store, readOnlyReason, canReverse, registerInput, onInputKey, onFocusRow],
  );

  const save = async () => {
    if (saving.current || bookId === null || !rows) return;
    if (addReason) return void toast.error(addReason);
    const { entries, invalid } = store.entries();
    if (invalid.length > 0) {
      toast.error(`Có ${invalid.length} dòng số tiền không hợp lệ: sửa lại trước khi thu.`);
      return focusRow(invalid[0]!);
    }
    if (entries.length === 0) return void toast.info('Chưa nhập số tiền thu của khách hàng nào.');
    // The same entries sent again (a retry after a lost answer) carry the same key: the server saves them once.
    const fingerprint = JSON.stringify([bookId, period, entries]);
    if (pendingKey.current?.fingerprint !== fingerprint) pendingKey.current = { key: newIdempotencyKey(), fingerprint };
    saving.current = true;
    const result = await executePay(
      { input: { bookId, period, idempotencyKey: pendingKey.current.key, entries } },
      PAYMENT_TYPENAMES,
    ).finally(() => {
      saving.current = false;
    });
    if (result.error || !result.data) {
      const e = apiError(result.error, 'Không lưu được khoản thu, vui lòng thử lại.');
      const message =
        e.code === 'NETWORK'
          ? `${e.message} Bấm “Thu tiền” lần nữa để gửi lại: các khoản thu không bị ghi hai lần.`
          : e.message;
      setSaveError(message);
      toast.error(message);
      const at = e.field ? /^entries\.(\d+)\./.exec(e.field) : null;
      const entry = at ? entries[Number(at[1])] : undefined;
      if (entry) {
        store.setError(String(entry.invoiceId), e.message);
        focusRow(String(entry.invoiceId));
      }
      return;
    }
    pendingKey.current = null;
    setSaveError(null);
    const saved = result.data.payAtCounter;
    store.clearKeys(saved.entries.map((x) => String(x.invoiceId)));
    toast.success(
      `${saved.replayed ? 'Lần thu này đã được lưu trước đó: ' : 'Đã thu '}${saved.entries.length} khoản, tổng ${fmtMoney(saved.total)} đồng.`,
    );
  };

  const guardTyped = async (): Promise<boolean> => {
    const t = store.totals();
    if (t.typed + t.invalid === 0) return true;
    return confirm({
      title: 'Số tiền chưa lưu',
      message: `Có ${t.typed + t.invalid} dòng đã nhập số tiền nhưng chưa thu. Bỏ các số này?`,
      confirmLabel: 'Bỏ và tiếp tục',
      cancelLabel: 'Ở lại',
      danger: true,
    });
  };
  const reload = () => {
    if (bookId !== null) refetchSheet({ requestPolicy: 'network-only' });
  };

  useHotkeys({
    [COUNTER_HOTKEYS.save]: () => void save(),
    [COUNTER_HOTKEYS.reload]: reload,
    [COUNTER_HOTKEYS.backToRow]: () => {
      const key = activeKey ?? (rows?.[0] ? String(rows[0].invoiceId) : null);
      if (key) focusRow(key);
    },
  });

  if (booksResult.error || books === null || books.length === 0) {
    return (
      <BooksPending
        books={books}
        error={booksResult.error ? errorMessage(booksResult.error, 'Không tải được danh sách sổ đọc.') : null}
        onRetry={() => refetchBooks({ requestPolicy: 'network-only' })}
      />
    );
  }

  const book = books.find((b) => b.id === bookId) ?? null;
  const changeBook = async (id: number) => {
    if (id === bookId || !(await guardTyped())) return;
    setBookChoice(id);
    setSaveError(null);
    setActiveKey(null);
  };
  const changePeriod = async (p: string) => {
    if (p === period || !(await guardTyped())) return;
    setPeriod(p);
    setSaveError(null);
    setActiveKey(null);
  };

  return (
    <CounterCtx.Provider value={ctx}>
      <div className="flex h-full min-h-0 flex-col" data-testid="counter-screen">
        <header className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-white px-4 py-2">
          <h1 className="text-lg font-semibold text-slate-900">Thu tiền tại quầy</h1>
          <BookPicker books={books} value={bookId} onChange={(id) => void changeBook(id)} />
          <PeriodPicker value={period} max={maxPeriod} onChange={(p) => void changePeriod(p)} />
          <Button onClick={reload} shortcut="F9" data-testid="counter-reload" disabled={sheetResult.fetching}>
            Tải sổ
          </Button>
          {addReason && <ReadOnlyBadge reason={addReason} />}
        </header>
        <div className="flex flex-wrap items-center gap-4 border-b border-slate-200 bg-slate-50 px-4 py-2 text-sm">
          <label className="inline-flex items-center gap-2 font-medium text-slate-800">
            <input
              type="checkbox"
              className="h-4 w-4 accent-brand-600"
              checked={totals.allFull}
              disabled={readOnlyReason !== null || !rows || rows.every((r) => r.amountDue <= 0)}
              onChange={() => store.fillAll(!totals.allFull)}
              data-testid="counter-fill-all"
            />
            Thu đủ cả sổ
          </label>
          {current && (
            <span className="text-slate-600" data-testid="counter-totals">
              {current.totals.count} hóa đơn · còn phải thu{' '}
              <strong className="tabular-nums">{fmtMoney(current.totals.amountDue)}</strong> đồng · đã thu đủ{' '}
              {current.totals.paidCount}
              {current.totals.otherDue > 0 && <> · nợ kỳ trước {fmtMoney(current.totals.otherDue)} đồng</>}
            </span>
          )}
          <span className="ml-auto text-slate-700" data-testid="counter-typed" aria-live="polite">
            Đang nhập: <strong>{totals.typed}</strong> khoản,{' '}
            <strong className="tabular-nums" data-testid="counter-typed-sum">
              {fmtMoney(totals.sum)}
            </strong>{' '}
            đồng
            {totals.invalid > 0 && <span className="text-red-700"> · {totals.invalid} dòng sai</span>}
          </span>
          <Button
            variant="primary"
            shortcut="Alt+S"
            onClick={() => void save()}
            disabledReason={addReason}
            disabled={saveResult.fetching || totals.typed === 0}
            data-testid="counter-save"
          >
            {saveResult.fetching ? 'Đang lưu…' : 'Thu tiền'}
          </Button>
        </div>
        {saveError && (
          <p
            role="alert"
            data-testid="counter-error"
            className="border-b border-red-200 bg-red-50 px-4 py-2 text-sm text-red-800"
          >
            {saveError}
          </p>
        )}
        <div className="flex min-h-0 flex-1 flex-col gap-1.5 p-3">
          <div className="min-h-0 flex-1">
            {sheetResult.error && !rows ? (
              <EmptyState
                tone="error"
                title="Không tải được sổ thu tiền"
                description={errorMessage(sheetResult.error, 'Không tải được hóa đơn của sổ.')}
                action={<Button onClick={reload}>Thử lại</Button>}
                className="h-full rounded-md border border-red-200 bg-white"
                data-testid="counter-load-error"
              />
            ) : !rows ? (
              <div className="p-6">
                <Spinner label={`Đang tải sổ ${book?.code ?? ''} kỳ ${periodToText(period)}…`} />
              </div>
            ) : (
              <CounterGrid
                rows={rows}
                label={`Thu tiền sổ ${book?.code ?? ''} kỳ ${periodToText(period)}`}
                activeKey={activeKey}
                onActivate={focusRow}
                emptyContent={
                  <EmptyState
                    title={`Sổ không có hóa đơn đã phát hành kỳ ${periodToText(period)}`}
                    description="Phát hành hóa đơn của sổ trên màn hình Hóa đơn rồi quay lại để thu tiền."
                    icon="📒"
                    data-testid="counter-empty"
                  />
                }
              />
            )}
          </div>
          <p className="hidden text-xs text-slate-500 lg:block">
            Enter, ↓: dòng sau · ↑: dòng trước · “=”: thu đủ dòng · Esc: xóa số đã nhập · Alt+S: thu tiền · F9: tải lại
            sổ
          </p>
        </div>
        {reverseTarget && (
          <ReversePaymentDialog
            payment={reverseTarget}
            onClose={() => setReverseTarget(null)}
            onDone={() => setReverseTarget(null)}
          />
        )}
        {confirmElement}
      </div>
    </CounterCtx.Provider>
  );
}

/** The sheet is refreshed by any payment mutation (a save, a reversal here or on the customer screen). */
const SHEET_CONTEXT = PAYMENT_TYPENAMES;
