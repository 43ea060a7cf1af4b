'use client';

import { useState } from 'react';
import { Dialog } from '@/components/ui/dialog';
import type { ReadingCodeInfo } from './reading-codes';
import type { SheetRow } from './readings.documents';
import { fmtInt, periodLabel } from './format';
import { BackBillForm, SpreadForm } from './declaration-adjustment-forms';
import { CorrectFinalIndexForm, CorrectForm, ReplaceForm, UnreadForm } from './declaration-meter-forms';
import { SuspendForm } from './declaration-suspension-form';

export type DeclarationTab = 'replace' | 'suspend' | 'correct' | 'unread' | 'backbill' | 'spread';

const TABS: { id: DeclarationTab; label: string }[] = [
  { id: 'replace', label: 'Thay đồng hồ' },
  { id: 'suspend', label: 'Tạm dừng' },
  { id: 'correct', label: 'Sửa chỉ số cũ' },
  { id: 'unread', label: 'Không đọc được' },
  { id: 'backbill', label: 'Truy thu' },
  { id: 'spread', label: 'Phân bổ m3 nợ' },
];

export interface DeclarationsDialogProps {
  /** The customer's current-meter row of the period (the one the clerk was on). */
  row: SheetRow;
  /** Every row of the customer in the period (two when the meter was replaced inside it). */
  customerRows: SheetRow[];
  period: string;
  codes: readonly ReadingCodeInfo[];
  initialTab?: DeclarationTab;
  /** Period locked / no right: every form is read-only with this reason. */
  readOnlyReason: string | null;
  onClose: () => void;
  /** A declaration changed the customer's rows: reload them (and the given rows if the API returned them). */
  onChanged: (rows: SheetRow[] | null, message: string, close: boolean) => void;
}

/** Khai báo for the focused customer: meter replacement, suspension, corrected previous index, unread meter, back-billing, spreading owed m3. */
export function DeclarationsDialog({
  row,
  customerRows,
  period,
  codes,
  initialTab = 'replace',
  readOnlyReason,
  onClose,
  onChanged,
}: DeclarationsDialogProps) {
  const [tab, setTab] = useState<DeclarationTab>(initialTab);
  // Replaced in this period: the replacement's final index can be corrected; a second replacement is not offered.
  const outgoing = customerRows.find((r) => r.isOutgoingMeter && r.fixedCurrentIndex !== null);
  return (
    <Dialog
      open
      size="lg"
      title={
        <>
          Khai báo – <span className="font-mono text-sm text-slate-500">{row.customerCode}</span> {row.customerName}
        </>
      }
      description={`Kỳ ${periodLabel(period)} · đồng hồ ${row.meterSerial} · chỉ số cũ ${fmtInt(row.previousIndex)}`}
      onClose={onClose}
      closeOnBackdrop={false}
      data-testid="declare-dialog"
    >
      <div
        role="tablist"
        aria-label="Loại khai báo"
        className="-mt-1 mb-3 flex flex-wrap gap-1 border-b border-slate-200"
      >
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            data-testid={`declare-tab-${t.id}`}
            onClick={() => setTab(t.id)}
            className={`-mb-px border-b-2 px-3 py-1.5 text-sm ${tab === t.id ? 'border-brand-600 font-medium text-brand-700' : 'border-transparent text-slate-600 hover:text-slate-900'}`}
          >
            {t.label}
          </button>
        ))}
      </div>
      {readOnlyReason && (
        <p
          className="mb-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
          data-testid="declare-readonly"
        >
          {readOnlyReason}
        </p>
      )}
      <div role="tabpanel">
        {tab === 'replace' && outgoing && (
          <CorrectFinalIndexForm outgoing={outgoing} disabled={!!readOnlyReason} onChanged={onChanged} />
        )}
        {tab === 'replace' && !outgoing && (
          <ReplaceForm
            row={row}
            customerRows={customerRows}
            period={period}
            disabled={!!readOnlyReason}
            onChanged={onChanged}
          />
        )}
        {tab === 'suspend' && (
          <SuspendForm row={row} period={period} disabled={!!readOnlyReason} onChanged={onChanged} />
        )}
        {tab === 'correct' && (
          <CorrectForm row={row} period={period} disabled={!!readOnlyReason} onChanged={onChanged} />
        )}
        {tab === 'unread' && (
          <UnreadForm row={row} period={period} codes={codes} disabled={!!readOnlyReason} onChanged={onChanged} />
        )}
        {tab === 'backbill' && (
          <BackBillForm row={row} period={period} disabled={!!readOnlyReason} onChanged={onChanged} />
        )}
        {tab === 'spread' && <SpreadForm row={row} period={period} disabled={!!readOnlyReason} onChanged={onChanged} />}
      </div>
    </Dialog>
  );
}
