'use client';

import { useCallback, useMemo, useState } from 'react';
import { useQuery, type SSRData } from 'urql';
import { currentPeriod } from '@/components/readings/format';
import { PeriodPicker, periodToText } from '@/components/readings/period-picker';
import { BookPicker, BooksPending } from '@/components/ui/book-picker';
import { useConfirm } from '@/components/ui/confirm';
import { EmptyState } from '@/components/ui/empty-state';
import { ReadOnlyBadge } from '@/components/ui/read-only-badge';
import { Spinner } from '@/components/ui/spinner';
import { ToastProvider, useToast } from '@/components/ui/toast';
import { useHotkeys } from '@/components/ui/use-hotkeys';
import { errorMessage } from '@/lib/graphql/errors';
import { readFragment } from '@/lib/graphql/graphql';
import { useHydrate } from '@/lib/graphql/provider';
import { useInvoiceActions, type InvoiceAction } from './invoice-actions';
import { InvoiceDetailView } from './invoice-detail';
import { invoiceFiles } from './invoice-format';
import { InvoiceGrid } from './invoice-grid';
import { INVOICE_HOTKEYS } from './invoice-keys';
import { invoiceBooks, mayChangeInvoices, missingInvoiceRight, type InvoiceRights } from './invoice-rights';
import {
  BookInvoicesQuery,
  INVOICE_TYPENAMES,
  InvoiceBooksQuery,
  InvoiceRowFragment,
  bookInvoicesVariables,
  type InvoiceRow,
} from './invoices.documents';
import { InvoiceFilterBar, InvoicesToolbar, NO_FILTERS, type InvoiceFilters } from './invoices-toolbar';
import { IssueDialog, useCompanyIssue } from './issue-dialogs';
import { BookPrintDialog, PdfPreviewDialog } from './print-dialogs';

export interface InvoicesScreenProps {
  rights: InvoiceRights;
  initialBookId: number | null;
  initialPeriod: string;
  /** The books and the starting book's invoices, executed by the Server Component through the same documents. */
  initialData?: SSRData;
}

/**
 * Hóa đơn: a book's invoices of a period in sequence order, issuing (F9), printing and the corrections.
 * Documents: invoices.documents.ts; keyboard map: invoice-keys.ts; rights: invoice-rights.ts.
 */
export function InvoicesScreen(props: InvoicesScreenProps) {
  return (
    <ToastProvider>
      <Screen {...props} />
    </ToastProvider>
  );
}

type Dialog = { kind: 'issue' } | { kind: 'book-print' } | { kind: 'listing' } | null;

function Screen({ rights, initialBookId, initialPeriod, initialData }: InvoicesScreenProps) {
  const toast = useToast();
  const requestPolicy = useHydrate(initialData);
  const maxPeriod = useMemo(() => currentPeriod(), []);
  const [booksResult, refetchBooks] = useQuery({ query: InvoiceBooksQuery, requestPolicy });
  const books = useMemo(
    () => (booksResult.data ? invoiceBooks(rights, booksResult.data.readingBooks.rows) : null),
    [booksResult.data, rights],
  );
  const [bookChoice, setBookChoice] = useState<number | null>(initialBookId);
  const bookId = books?.some((b) => b.id === bookChoice) ? bookChoice : (books?.[0]?.id ?? null);
  const [period, setPeriod] = useState(initialPeriod);
  const [filters, setFilters] = useState<InvoiceFilters>(NO_FILTERS);
  const [selection, setSelection] = useState<{ keys: Set<string>; active: string | null }>({
    keys: new Set(),
    active: null,
  });
  const [detailId, setDetailId] = useState<number | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const { confirm, confirmElement } = useConfirm();

  const [invoicesResult, refetchInvoices] = useQuery({
    query: BookInvoicesQuery,
    variables: bookInvoicesVariables(bookId ?? 0, period),
    pause: bookId === null,
    requestPolicy,
    context: INVOICE_TYPENAMES,
  });
  const page = invoicesResult.data?.bookInvoices;
  const allRows = useMemo(() => (page ? readFragment(InvoiceRowFragment, page.rows) : null), [page]);
  // The whole book is loaded (a few thousand rows at most), so the filters apply without a round trip and the
  // issue dialog's counts never depend on what is filtered.
  const rows = useMemo(
    () =>
      (allRows ?? []).filter(
        (r) =>
          (!filters.status || r.status === filters.status) &&
          (!filters.kind || r.kind === filters.kind) &&
          (!filters.needsRecalculation || r.needsRecalculation),
      ),
    [allRows, filters],
  );
  const filtered = filters !== NO_FILTERS && (!!filters.status || !!filters.kind || filters.needsRecalculation);
  const totals = useMemo(() => {
    const sum = (f: (r: InvoiceRow) => number) => rows.reduce((s, r) => s + f(r), 0);
    return {
      count: filtered || !page ? rows.length : page.total,
      consumption: filtered || !page ? sum((r) => r.consumption) : page.totalConsumption,
      subtotal: sum((r) => r.subtotal),
      total: filtered || !page ? sum((r) => r.total) : page.totalAmount,
    };
  }, [rows, page, filtered]);
  const drafts = allRows?.filter((r) => r.status === 'DRAFT') ?? [];
  const blocked = drafts.filter((r) => r.needsRecalculation).length;

  const active = selection.active ? (rows.find((r) => String(r.id) === selection.active) ?? null) : null;
  const refresh = useCallback(() => refetchInvoices({ requestPolicy: 'network-only' }), [refetchInvoices]);
  const company = useCompanyIssue(refresh);

  const select = (id: number) => setSelection({ keys: new Set([String(id)]), active: String(id) });
  const actions = useInvoiceActions(rights, (id, action) => {
    // A correction is a new invoice: show it; a cancelled one stays where it was, with its new state.
    select(id);
    if (action !== 'cancel' || detailId !== null) setDetailId(id);
  });

  const book = books?.find((b) => b.id === bookId) ?? null;
  const issueReason =
    missingInvoiceRight(rights, bookId, 'add') ??
    (allRows && drafts.length === blocked
      ? blocked > 0
        ? 'Các hóa đơn nháp của sổ đều cần tính lại trước khi phát hành.'
        : 'Sổ không có hóa đơn nháp nào của kỳ này.'
      : null);
  const companyReason =
    rights.isAdmin || Object.values(rights.books).some((r) => r.add) ? null : 'Bạn không có quyền phát hành hóa đơn.';
  const bookPrintReason =
    missingInvoiceRight(rights, bookId, 'print') ?? (allRows?.length === 0 ? 'Sổ chưa có hóa đơn của kỳ này.' : null);
  const listingReason = missingInvoiceRight(rights, bookId, 'print');
  const exportReason = missingInvoiceRight(rights, bookId, 'export');

  const openIssue = () => {
    if (issueReason) return void toast.error(issueReason);
    setDialog({ kind: 'issue' });
  };
  const runOnActive = (a: InvoiceAction) => {
    if (!active) return;
    const reason = actions.disabledReason(a, active);
    if (reason) return void toast.error(reason);
    actions.run(a, active);
  };
  const companyIssue = async () => {
    if (companyReason || company.running) return;
    const ok = await confirm({
      title: 'Phát hành toàn công ty',
      message: `Phát hành mọi hóa đơn nháp kỳ ${periodToText(period)} của các sổ bạn được phát hành? Việc này chạy nền, theo từng sổ.`,
      confirmLabel: 'Phát hành',
    });
    if (ok) void company.begin(period);
  };

  useHotkeys({
    [INVOICE_HOTKEYS.issue]: openIssue,
    [INVOICE_HOTKEYS.print]: () => runOnActive('view'),
    ...(detailId !== null ? { [INVOICE_HOTKEYS.closeDetail]: () => setDetailId(null) } : {}),
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

  const changeBook = (id: number) => {
    setBookChoice(id);
    setSelection({ keys: new Set(), active: null });
    setDetailId(null);
  };
  const changePeriod = (p: string) => {
    setPeriod(p);
    setSelection({ keys: new Set(), active: null });
    setDetailId(null);
  };

  return (
    <div className="flex h-full min-h-0 flex-col">
      <header className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-white px-4 py-2">
        <h1 className="text-lg font-semibold text-slate-900">Hóa đơn</h1>
        <BookPicker books={books} value={bookId} onChange={changeBook} />
        <PeriodPicker value={period} max={maxPeriod} onChange={changePeriod} />
        <InvoiceFilterBar filters={filters} onChange={setFilters} />
        {company.job && (
          <span className="text-sm text-slate-600" data-testid="company-issue-progress" aria-live="polite">
            Toàn công ty: {company.job.doneBooks}/{company.job.totalBooks || '?'} sổ, {company.job.issued} hóa đơn
          </span>
        )}
        {!mayChangeInvoices(rights) && (
          <ReadOnlyBadge reason="Bạn chỉ được xem và in hóa đơn, không có quyền phát hành, hủy hay điều chỉnh." />
        )}
      </header>
      <InvoicesToolbar
        issueReason={issueReason}
        companyReason={companyReason}
        companyBusy={company.running || company.starting}
        bookPrintReason={bookPrintReason}
        listingReason={listingReason}
        exportReason={exportReason}
        active={active}
        disabledReason={actions.disabledReason}
        onIssue={openIssue}
        onCompanyIssue={() => void companyIssue()}
        onBookPrint={() => setDialog({ kind: 'book-print' })}
        onListing={(format) => {
          if (bookId === null) return;
          if (format === 'pdf') setDialog({ kind: 'listing' });
          else window.location.assign(invoiceFiles.listing(period, bookId, 'xlsx'));
        }}
        onAction={runOnActive}
      />
      <div className="flex min-h-0 flex-1 gap-3 p-3">
        <div className="flex min-w-0 flex-1 flex-col">
          {invoicesResult.error && !allRows ? (
            <EmptyState
              tone="error"
              title="Không tải được hóa đơn của sổ"
              description={errorMessage(invoicesResult.error, 'Không tải được hóa đơn.')}
            />
          ) : !allRows ? (
            <div className="p-6">
              <Spinner label="Đang tải hóa đơn…" />
            </div>
          ) : (
            <InvoiceGrid
              rows={rows}
              selectedKeys={selection.keys}
              activeKey={selection.active}
              onSelectionChange={(keys, act) => {
                setSelection({ keys, active: act });
                // The open detail follows the cursor, as the customers screen's panel does.
                if (detailId !== null && act) setDetailId(Number(act));
              }}
              onOpen={(r) => {
                select(r.id);
                setDetailId(r.id);
              }}
              onCancel={(r) => actions.run('cancel', r)}
              totals={totals}
              emptyContent={
                <EmptyState
                  title={
                    filtered ? 'Không có hóa đơn nào khớp bộ lọc' : `Sổ chưa có hóa đơn kỳ ${periodToText(period)}`
                  }
                  description={filtered ? undefined : 'Chạy “Tính hóa đơn” cho sổ và kỳ này để có hóa đơn nháp.'}
                />
              }
            />
          )}
        </div>
        {detailId !== null && (
          <aside
            aria-label="Chi tiết hóa đơn"
            className="flex w-[420px] shrink-0 flex-col overflow-hidden rounded-md border border-slate-200 bg-white"
          >
            <InvoiceDetailView
              key={detailId}
              invoiceId={detailId}
              run={actions.run}
              disabledReason={actions.disabledReason}
              onOpenInvoice={(id) => {
                select(id);
                setDetailId(id);
              }}
              onClose={() => setDetailId(null)}
            />
          </aside>
        )}
      </div>
      {dialog?.kind === 'issue' && bookId !== null && (
        <IssueDialog
          rights={rights}
          books={books}
          bookId={bookId}
          period={period}
          drafts={drafts.length - blocked}
          blocked={blocked}
          onClose={() => setDialog(null)}
          onIssued={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'book-print' && bookId !== null && (
        <BookPrintDialog
          bookId={bookId}
          bookLabel={book ? `${book.code} – ${book.name}` : `#${bookId}`}
          period={period}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'listing' && (
        <PdfPreviewDialog
          title="Bảng kê hóa đơn"
          description={`Sổ ${book?.code ?? ''} · kỳ ${periodToText(period)}`}
          url={invoiceFiles.listing(period, bookId, 'pdf')}
          onClose={() => setDialog(null)}
        />
      )}
      {actions.element}
      {confirmElement}
    </div>
  );
}
