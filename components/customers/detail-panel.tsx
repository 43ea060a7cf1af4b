'use client';

import { memo } from 'react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import { CustomerInvoicesTab } from '@/components/invoices/customer-invoices-tab';
import { CustomerPaymentsTab } from '@/components/payments/customer-payments-tab';
import { CustomerWorkOrdersTab } from '@/components/work-orders/customer-work-orders-tab';
import type { BookCustomer, BookOption, CustomerDetail } from './customer-documents';
import { AttachmentsTab } from './attachments-tab';
import { ContractsTab } from './contracts-tab';
import { CustomerForm, type FormMode } from './customer-form';
import { HistoryTab } from './history-tab';
import { MetersTab } from './meters-tab';
import type { Catalogs } from './use-customer-data';

export type DetailTab =
  'info' | 'meters' | 'contracts' | 'invoices' | 'payments' | 'workOrders' | 'history' | 'attachments';

export interface DetailPanelProps {
  formId: string;
  mode: FormMode;
  tab: DetailTab;
  onTab: (t: DetailTab) => void;
  /** The grid row under the cursor (shown in the header at once, before the full file arrives). */
  activeRow: BookCustomer | null;
  hasActive: boolean;
  /** The last loaded customer file; may belong to the previous row while the next one loads (shown dimmed). */
  detail: CustomerDetail | null;
  loading: boolean;
  error: string | null;
  formNonce: number;
  bookId: number | null;
  books: readonly BookOption[];
  addableBooks: readonly BookOption[];
  catalogs: Catalogs | null;
  canEditDetail: boolean;
  canAdd: boolean;
  onSaved: (id: number, bookId: number) => void;
  onDirtyChange: (dirty: boolean) => void;
  onReload: () => void;
  onChanged: () => void;
  onAdd: () => void;
}

const TABS: [DetailTab, string, (d: CustomerDetail) => number | null][] = [
  ['info', 'Thông tin', () => null],
  ['meters', 'Đồng hồ', (d) => d.meters.length],
  ['contracts', 'Hợp đồng', (d) => d.contracts.length],
  // The invoices are loaded by the tab itself (customerInvoices), not with the customer's file.
  ['invoices', 'Hóa đơn', () => null],
  // Loaded by the tab itself too (customerPayments: the payments and the balance in one call).
  ['payments', 'Thanh toán', () => null],
  // The customer's requests (customerWorkOrders), loaded by the tab itself.
  ['workOrders', 'Yêu cầu', () => null],
  ['history', 'Lịch sử', (d) => d.history.length],
  ['attachments', 'Tài liệu', (d) => d.attachments.length],
];

/** The lower half of the customers screen: the add form, or the selected customer's tabs. Memoised: grid moves don't re-render it. */
export const DetailPanel = memo(function DetailPanel(p: DetailPanelProps) {
  const editing = p.mode !== 'view';
  if (p.mode === 'add') {
    return (
      <Shell>
        <div className="border-b border-slate-200 px-4 py-2">
          <h2 className="font-semibold text-slate-900">Thêm khách hàng mới</h2>
        </div>
        <div className="min-h-0 flex-1 overflow-auto p-4">
          <CustomerForm
            key={`add-${p.formNonce}`}
            formId={p.formId}
            mode="add"
            customer={null}
            defaultBookId={p.bookId}
            books={p.addableBooks}
            catalogs={p.catalogs}
            onSaved={p.onSaved}
            onDirtyChange={p.onDirtyChange}
            onReload={p.onReload}
          />
        </div>
      </Shell>
    );
  }
  if (!p.hasActive) {
    return (
      <Shell>
        <EmptyState
          title="Chưa chọn khách hàng"
          description={
            p.canAdd
              ? 'Chọn một dòng trong danh sách để xem chi tiết, hoặc bấm F4 để thêm mới.'
              : 'Chọn một dòng trong danh sách để xem chi tiết.'
          }
          action={
            p.canAdd ? (
              <Button onClick={p.onAdd} shortcut="F4">
                Thêm
              </Button>
            ) : undefined
          }
        />
      </Shell>
    );
  }
  const stale = !!p.detail && !!p.activeRow && p.detail.id !== p.activeRow.id;
  if (p.error && (!p.detail || stale)) {
    return (
      <Shell>
        <EmptyState
          tone="error"
          title="Không tải được khách hàng"
          description={p.error}
          action={<Button onClick={p.onReload}>Thử lại</Button>}
        />
      </Shell>
    );
  }
  if (!p.detail) {
    return (
      <Shell>
        <div className="p-4">
          <Spinner label="Đang tải thông tin khách hàng…" />
        </div>
      </Shell>
    );
  }
  const d = p.detail;
  const head =
    stale && p.activeRow ? { code: p.activeRow.code, name: p.activeRow.name } : { code: d.code, name: d.name };
  return (
    <Shell>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-200 px-4 pt-2">
        <h2
          className="font-semibold text-slate-900"
          data-testid="detail-title"
          data-customer-id={stale ? undefined : d.id}
        >
          <span className="font-mono text-sm text-slate-500">{head.code}</span> {head.name}
        </h2>
        {!stale && d.status === 'CUT_OFF' && (
          <span className="rounded bg-red-100 px-1.5 text-xs font-medium text-red-800">Ngưng cấp nước</span>
        )}
        {!stale && d.isPreferential && (
          <span className="rounded bg-amber-100 px-1.5 text-xs font-medium text-amber-800">Ưu đãi</span>
        )}
        {(p.loading || stale) && <Spinner size="sm" hideLabel label="Đang tải thông tin khách hàng…" />}
        <div role="tablist" aria-label="Thông tin khách hàng" className="-mb-px flex w-full gap-1 overflow-x-auto">
          {TABS.map(([t, label, count]) => {
            const n = stale ? null : count(d);
            return (
              <button
                key={t}
                type="button"
                role="tab"
                id={`tab-${t}`}
                aria-selected={p.tab === t}
                aria-controls={`panel-${t}`}
                data-testid={`tab-${t}`}
                disabled={editing && t !== 'info'}
                onClick={() => p.onTab(t)}
                className={`whitespace-nowrap border-b-2 px-3 py-1.5 text-sm disabled:opacity-40 ${
                  p.tab === t
                    ? 'border-brand-600 font-medium text-brand-700'
                    : 'border-transparent text-slate-600 hover:text-slate-900'
                }`}
              >
                {label}
                {n !== null && ` (${n})`}
              </button>
            );
          })}
        </div>
      </div>
      <div
        role="tabpanel"
        id={`panel-${p.tab}`}
        aria-labelledby={`tab-${p.tab}`}
        aria-busy={stale || undefined}
        className={`min-h-0 flex-1 overflow-auto p-4 transition-opacity ${stale ? 'pointer-events-none opacity-40' : ''}`}
      >
        {p.tab === 'info' && (
          <CustomerForm
            key={`${p.mode}-${d.id}-${d.version}-${p.formNonce}`}
            formId={p.formId}
            mode={p.mode}
            customer={d}
            defaultBookId={p.bookId}
            books={p.books}
            catalogs={p.catalogs}
            onSaved={p.onSaved}
            onDirtyChange={p.onDirtyChange}
            onReload={p.onReload}
          />
        )}
        {p.tab === 'meters' && (
          <MetersTab customer={d} catalogs={p.catalogs} canEdit={p.canEditDetail} onChanged={p.onChanged} />
        )}
        {p.tab === 'contracts' && (
          <ContractsTab customer={d} catalogs={p.catalogs} canEdit={p.canEditDetail} onChanged={p.onChanged} />
        )}
        {p.tab === 'invoices' && <CustomerInvoicesTab customerId={d.id} />}
        {p.tab === 'payments' && <CustomerPaymentsTab customerId={d.id} />}
        {p.tab === 'workOrders' && <CustomerWorkOrdersTab customerId={d.id} />}
        {p.tab === 'history' && <HistoryTab history={d.history} catalogs={p.catalogs} books={p.books} />}
        {p.tab === 'attachments' && (
          <AttachmentsTab
            customerId={d.id}
            attachments={d.attachments}
            canEdit={p.canEditDetail}
            onChanged={p.onChanged}
          />
        )}
      </div>
    </Shell>
  );
});

function Shell({ children }: { children: React.ReactNode }) {
  return (
    <section
      aria-label="Chi tiết khách hàng"
      className="flex min-h-[96px] flex-[2] basis-0 flex-col rounded-md border border-slate-200 bg-white"
      data-testid="customer-detail"
    >
      {children}
    </section>
  );
}
