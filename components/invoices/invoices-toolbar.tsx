'use client';

import { Button } from '@/components/ui/button';
import { Toolbar, ToolbarSeparator } from '@/components/ui/toolbar';
import { ACTION_LABELS, type InvoiceAction, type InvoiceActionTarget } from './invoice-actions';
import { KIND_LABELS, KIND_ORDER, STATUS_LABELS, STATUS_ORDER } from './invoice-format';
import { INVOICE_GRID_KEYS, INVOICE_HOTKEYS } from './invoice-keys';
import type { InvoiceKind, InvoiceStatus } from './invoices.documents';

export interface InvoiceFilters {
  status: InvoiceStatus | '';
  kind: InvoiceKind | '';
  needsRecalculation: boolean;
}

export const NO_FILTERS: InvoiceFilters = { status: '', kind: '', needsRecalculation: false };

const SELECT =
  'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm disabled:bg-slate-50 disabled:text-slate-500';

/** Status, kind and "cần tính lại" filters of the book's invoices (applied to the loaded book, no round trip). */
export function InvoiceFilterBar({
  filters,
  onChange,
}: {
  filters: InvoiceFilters;
  onChange: (f: InvoiceFilters) => void;
}) {
  return (
    <div className="flex items-center gap-2 text-sm" role="group" aria-label="Lọc hóa đơn">
      <select
        aria-label="Trạng thái"
        data-testid="filter-status"
        value={filters.status}
        onChange={(e) => onChange({ ...filters, status: e.target.value as InvoiceFilters['status'] })}
        className={SELECT}
      >
        <option value="">Mọi trạng thái</option>
        {STATUS_ORDER.map((s) => (
          <option key={s} value={s}>
            {STATUS_LABELS[s]}
          </option>
        ))}
      </select>
      <select
        aria-label="Loại hóa đơn"
        data-testid="filter-kind"
        value={filters.kind}
        onChange={(e) => onChange({ ...filters, kind: e.target.value as InvoiceFilters['kind'] })}
        className={SELECT}
      >
        <option value="">Mọi loại</option>
        {KIND_ORDER.map((k) => (
          <option key={k} value={k}>
            {KIND_LABELS[k]}
          </option>
        ))}
      </select>
      <label className="inline-flex items-center gap-1.5 whitespace-nowrap">
        <input
          type="checkbox"
          data-testid="filter-recalc"
          checked={filters.needsRecalculation}
          onChange={(e) => onChange({ ...filters, needsRecalculation: e.target.checked })}
          className="h-4 w-4 accent-brand-600"
        />
        Cần tính lại
      </label>
    </div>
  );
}

const ROW_ACTIONS: readonly InvoiceAction[] = ['view', 'copy2', 'cancel', 'replace', 'adjust', 'xml'];
const ROW_SHORTCUTS: Partial<Record<InvoiceAction, string>> = {
  view: INVOICE_HOTKEYS.print,
  cancel: INVOICE_GRID_KEYS.cancel,
};

/** A toolbar command in the small size: the book's and the invoice's eleven commands fit one line at 1366 px. */
function Command({
  label,
  shortcut,
  onClick,
  disabled,
  disabledReason,
  variant = 'secondary',
  testId,
}: {
  label: string;
  shortcut?: string;
  onClick: () => void;
  disabled?: boolean;
  disabledReason?: string | null;
  variant?: 'primary' | 'secondary' | 'danger';
  testId: string;
}) {
  return (
    <Button
      size="sm"
      variant={variant}
      shortcut={shortcut}
      onClick={onClick}
      disabled={disabled}
      disabledReason={disabledReason}
      title={shortcut ? `${label} (${shortcut})` : label}
      data-testid={testId}
    >
      {label}
    </Button>
  );
}

/** The book's commands, then the selected invoice's; each disabled with its reason when it cannot run. */
export function InvoicesToolbar({
  issueReason,
  companyReason,
  companyBusy,
  bookPrintReason,
  listingReason,
  exportReason,
  active,
  disabledReason,
  onIssue,
  onCompanyIssue,
  onBookPrint,
  onListing,
  onAction,
}: {
  issueReason: string | null;
  companyReason: string | null;
  companyBusy: boolean;
  bookPrintReason: string | null;
  listingReason: string | null;
  exportReason: string | null;
  active: InvoiceActionTarget | null;
  disabledReason: (action: InvoiceAction, inv: InvoiceActionTarget) => string | null;
  onIssue: () => void;
  onCompanyIssue: () => void;
  onBookPrint: () => void;
  onListing: (format: 'pdf' | 'xlsx') => void;
  onAction: (action: InvoiceAction) => void;
}) {
  return (
    <Toolbar label="Lệnh hóa đơn" className="border-b border-slate-200 bg-white px-4 py-1">
      <Command
        label="Phát hành"
        shortcut={INVOICE_HOTKEYS.issue}
        variant="primary"
        onClick={onIssue}
        disabledReason={issueReason}
        testId="btn-issue"
      />
      <Command
        label={companyBusy ? 'Đang phát hành toàn công ty…' : 'Phát hành toàn công ty'}
        onClick={onCompanyIssue}
        disabled={companyBusy}
        disabledReason={companyReason}
        testId="btn-company-issue"
      />
      <ToolbarSeparator />
      <Command label="In sổ" onClick={onBookPrint} disabledReason={bookPrintReason} testId="btn-book-print" />
      <Command
        label="Bảng kê PDF"
        onClick={() => onListing('pdf')}
        disabledReason={listingReason}
        testId="btn-listing-pdf"
      />
      <Command
        label="Bảng kê Excel"
        onClick={() => onListing('xlsx')}
        disabledReason={exportReason}
        testId="btn-listing-xlsx"
      />
      <ToolbarSeparator />
      {ROW_ACTIONS.map((a) => (
        <Command
          key={a}
          label={ACTION_LABELS[a]}
          shortcut={ROW_SHORTCUTS[a]}
          variant={a === 'cancel' ? 'danger' : 'secondary'}
          onClick={() => onAction(a)}
          disabledReason={active ? disabledReason(a, active) : 'Chọn một hóa đơn trong danh sách.'}
          testId={`btn-${a}`}
        />
      ))}
    </Toolbar>
  );
}
