'use client';

import { useState, type ReactNode } from 'react';
import { hasXml, invoiceFiles, isCancellable, isCorrectable, seriesNumber } from './invoice-format';
import { missingInvoiceRight, type InvoiceRights } from './invoice-rights';
import type { InvoiceStatus } from './invoices.documents';
import { PdfPreviewDialog } from './print-dialogs';
import { ReasonDialog, type ReasonAction } from './reason-dialog';

/** What one invoice's actions need to know of it (a grid row, the detail, a row of the customer's tab). */
export interface InvoiceActionTarget {
  id: number;
  bookId: number;
  status: InvoiceStatus;
  series: string | null;
  number: number | null;
  customerCode: string;
  customerName: string;
  hasEinvoice?: boolean;
}

export type InvoiceAction = 'view' | 'copy2' | ReasonAction | 'xml';

export const ACTION_LABELS: Record<InvoiceAction, string> = {
  view: 'Xem / In',
  copy2: 'In liên 2',
  cancel: 'Hủy',
  replace: 'Thay thế',
  adjust: 'Điều chỉnh',
  xml: 'Tải XML',
};

/** Why the action is not offered for this invoice (a missing right, or the invoice's state), or null. */
function actionDisabledReason(rights: InvoiceRights, action: InvoiceAction, inv: InvoiceActionTarget): string | null {
  switch (action) {
    case 'view':
      return missingInvoiceRight(rights, inv.bookId, 'print');
    case 'copy2':
      return (
        missingInvoiceRight(rights, inv.bookId, 'print') ??
        (inv.status === 'DRAFT' ? 'Hóa đơn nháp chưa phát hành nên chưa có liên 2.' : null)
      );
    case 'cancel':
      return (
        missingInvoiceRight(rights, inv.bookId, 'delete') ??
        (isCancellable(inv.status) ? null : 'Chỉ hủy được hóa đơn đã phát hành (chưa bị thay thế, hủy hay điều chỉnh).')
      );
    case 'replace':
    case 'adjust':
      return (
        missingInvoiceRight(rights, inv.bookId, 'edit') ??
        (isCorrectable(inv.status) ? null : 'Chỉ thay thế hoặc điều chỉnh được hóa đơn đã phát hành.')
      );
    case 'xml':
      return hasXml(inv) ? null : 'Hóa đơn nháp chưa có hóa đơn điện tử.';
  }
}

function download(url: string) {
  const a = document.createElement('a');
  a.href = url;
  a.download = '';
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/**
 * The per-invoice actions with the dialogs they open: PDF preview (copy 1 or "Liên 2 – bản sao"), the reason dialogs
 * of cancel, replace and adjust, and the XML download. Render `element` once.
 */
export function useInvoiceActions(
  rights: InvoiceRights,
  /** After a cancel, replacement or adjustment: the id of the invoice the server answered with. */
  onChanged: (invoiceId: number, action: ReasonAction) => void,
): {
  run: (action: InvoiceAction, inv: InvoiceActionTarget) => void;
  disabledReason: (action: InvoiceAction, inv: InvoiceActionTarget) => string | null;
  element: ReactNode;
} {
  const [open, setOpen] = useState<{ action: InvoiceAction; inv: InvoiceActionTarget } | null>(null);
  const run = (action: InvoiceAction, inv: InvoiceActionTarget) => {
    if (actionDisabledReason(rights, action, inv)) return;
    if (action === 'xml') return download(invoiceFiles.xml(inv.id));
    setOpen({ action, inv });
  };
  let element: ReactNode = null;
  if (open) {
    const { action, inv } = open;
    const close = () => setOpen(null);
    const number = seriesNumber(inv) || 'nháp';
    if (action === 'view' || action === 'copy2') {
      element = (
        <PdfPreviewDialog
          title={action === 'copy2' ? 'In liên 2 – bản sao' : 'Xem và in hóa đơn'}
          description={`Hóa đơn ${number} · ${inv.customerCode} – ${inv.customerName}`}
          url={invoiceFiles.pdf(inv.id, { copy2: action === 'copy2' })}
          onClose={close}
        />
      );
    } else if (action !== 'xml') {
      element = (
        <ReasonDialog
          action={action}
          invoice={inv}
          onClose={close}
          onDone={(id) => {
            close();
            onChanged(id, action);
          }}
        />
      );
    }
  }
  return { run, disabledReason: (a, inv) => actionDisabledReason(rights, a, inv), element };
}
