'use client';

import Link from 'next/link';
import { useQuery } from 'urql';
import { fmtDate } from '@/components/customers/format';
import { periodToText } from '@/components/readings/period-picker';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import { errorMessage } from '@/lib/graphql/errors';
import { readFragment } from '@/lib/graphql/graphql';
import { ACTION_LABELS, type InvoiceAction, type InvoiceActionTarget } from './invoice-actions';
import { INVOICE_HOTKEYS } from './invoice-keys';
import { KIND_LABELS, STATUS_LABELS, STATUS_TONES, fmtInt, fmtMoney, hasXml, seriesNumber } from './invoice-format';
import { INVOICE_TYPENAMES, InvoiceDetailFragment, InvoiceQuery, type InvoiceStatus } from './invoices.documents';
import { VietQrCode, vietQrAccount } from './vietqr-code';

export function StatusBadge({ status }: { status: InvoiceStatus }) {
  return (
    <span
      data-testid="invoice-status"
      data-status={status}
      className={`inline-block whitespace-nowrap rounded px-1.5 text-xs font-medium leading-5 ${STATUS_TONES[status]}`}
    >
      {STATUS_LABELS[status]}
    </span>
  );
}

const ACTIONS: readonly InvoiceAction[] = ['view', 'copy2', 'cancel', 'replace', 'adjust', 'xml'];

export interface InvoiceDetailProps {
  invoiceId: number;
  run: (action: InvoiceAction, inv: InvoiceActionTarget) => void;
  disabledReason: (action: InvoiceAction, inv: InvoiceActionTarget) => string | null;
  /** Opens another invoice of the chain in place; without it the chain links go to /invoices/[id]. */
  onOpenInvoice?: (id: number) => void;
  onClose?: () => void;
  requestPolicy?: 'cache-first' | 'cache-and-network';
}

/**
 * One invoice as the clerk checks it before printing: seller and buyer, series and number, reading dates and indexes,
 * one line per tier, VAT, fees, total in words, the VietQR code of the amount due, the e-invoice lookup code, the
 * engine's warnings, the reasons of a cancellation or correction, and the chain of corrections.
 */
export function InvoiceDetailView({
  invoiceId,
  run,
  disabledReason,
  onOpenInvoice,
  onClose,
  requestPolicy = 'cache-and-network',
}: InvoiceDetailProps) {
  const [result] = useQuery({
    query: InvoiceQuery,
    variables: { id: invoiceId },
    requestPolicy,
    context: INVOICE_CONTEXT,
  });
  const masked = result.data?.invoice;
  if (!masked) {
    if (result.error)
      return (
        <EmptyState
          tone="error"
          title="Không tải được hóa đơn"
          description={errorMessage(result.error, 'Không tải được hóa đơn.')}
        />
      );
    return (
      <div className="p-4">
        <Spinner label="Đang tải hóa đơn…" />
      </div>
    );
  }
  const inv = readFragment(InvoiceDetailFragment, masked);
  const printed = inv.printed;
  const number = seriesNumber(inv);
  const account = inv.vietQr ? vietQrAccount(inv.vietQr) : null;
  const target: InvoiceActionTarget = inv;
  const feeLines = inv.lines.filter((l) => l.kind !== 'tier' && l.kind !== 'vat');

  return (
    <article className="flex min-h-0 flex-col" data-testid="invoice-detail" data-invoice-id={inv.id}>
      <header className="flex items-center gap-2 border-b border-slate-200 px-4 py-2">
        <h2 className="truncate font-semibold text-slate-900" data-testid="invoice-detail-title">
          {number ? `Hóa đơn ${number}` : 'Hóa đơn nháp'}
        </h2>
        <StatusBadge status={inv.status} />
        {inv.needsRecalculation && (
          <span className="whitespace-nowrap rounded bg-amber-100 px-1.5 text-xs font-medium text-amber-900">
            Cần tính lại
          </span>
        )}
        {onClose && (
          <Button
            variant="ghost"
            size="sm"
            className="ml-auto shrink-0"
            onClick={onClose}
            title={`Đóng chi tiết (${INVOICE_HOTKEYS.closeDetail})`}
            aria-label="Đóng chi tiết hóa đơn"
          >
            ×
          </Button>
        )}
      </header>
      <div
        role="toolbar"
        aria-label="Thao tác hóa đơn"
        className="flex flex-wrap gap-1 border-b border-slate-100 px-4 py-2"
      >
        {ACTIONS.filter((a) => a !== 'xml' || hasXml(inv)).map((a) => (
          <Button
            key={a}
            size="sm"
            variant={a === 'cancel' ? 'danger' : 'secondary'}
            disabledReason={disabledReason(a, target)}
            onClick={() => run(a, target)}
            data-testid={`detail-${a}`}
          >
            {ACTION_LABELS[a]}
          </Button>
        ))}
      </div>
      <div className="min-h-0 flex-1 space-y-4 overflow-auto px-4 py-3 text-sm">
        <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5">
          <Item label="Loại">{KIND_LABELS[inv.kind]}</Item>
          <Item label="Ký hiệu">{inv.series ?? '—'}</Item>
          <Item label="Số">{inv.number !== null ? String(inv.number).padStart(8, '0') : '— (nháp)'}</Item>
          <Item label="Ngày lập">{fmtDate(inv.issuedOn) || '—'}</Item>
          <Item label="Kỳ">{periodToText(inv.period)}</Item>
          {inv.lookupCode && <Item label="Mã tra cứu">{inv.lookupCode}</Item>}
        </dl>
        {printed && (
          <div className="grid grid-cols-2 gap-3">
            <Party title="Người bán" party={printed.seller} />
            <Party title="Người mua" party={printed.buyer} code={inv.customerCode} />
          </div>
        )}
        {!printed && (
          <p>
            <span className="font-mono text-slate-500">{inv.customerCode}</span> {inv.customerName}
          </p>
        )}
        {printed && (
          <section aria-label="Chỉ số" className="rounded border border-slate-200 p-2">
            <dl className="grid grid-cols-4 gap-x-3 gap-y-1" data-testid="invoice-reading">
              <Cell label="Sổ / STT">
                {printed.water.bookCode} / {printed.water.sequenceNo}
              </Cell>
              <Cell label="Từ ngày">{fmtDate(printed.water.readingFrom) || '—'}</Cell>
              <Cell label="Đến ngày">{fmtDate(printed.water.readingTo) || '—'}</Cell>
              <Cell label="Số hộ / nhân khẩu">
                {printed.water.households} / {printed.water.persons}
              </Cell>
              <Cell label="Chỉ số cũ">{fmtInt(printed.water.oldIndex)}</Cell>
              <Cell label="Chỉ số mới">{fmtInt(printed.water.newIndex)}</Cell>
              <Cell label="Tiêu thụ (m³)">{fmtInt(printed.water.consumption)}</Cell>
            </dl>
          </section>
        )}
        <table className="w-full text-sm" data-testid="invoice-lines">
          <thead className="whitespace-nowrap text-xs text-slate-500">
            <tr className="border-b border-slate-200">
              <th className="py-1 text-left font-medium">Nội dung</th>
              <th className="py-1 text-right font-medium">SL</th>
              <th className="py-1 text-right font-medium">Đơn giá</th>
              <th className="py-1 text-right font-medium">Thành tiền</th>
            </tr>
          </thead>
          <tbody>
            {inv.lines.map((l) => (
              <tr key={l.ordinal} className="border-b border-slate-100" data-line-kind={l.kind}>
                <td className="py-0.5">{l.description}</td>
                <td className="py-0.5 text-right tabular-nums">{l.kind === 'tier' ? fmtInt(l.quantity) : ''}</td>
                <td className="py-0.5 text-right tabular-nums">{l.kind === 'tier' ? fmtMoney(l.unitPrice) : ''}</td>
                <td className="py-0.5 text-right tabular-nums">{fmtMoney(l.amount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <dl className="ml-auto grid w-72 grid-cols-[1fr_max-content] gap-x-3 gap-y-0.5 tabular-nums">
          <Money label="Tiền nước" value={inv.subtotal} />
          <Money label="Thuế GTGT" value={inv.vat} />
          {feeLines.length > 0 && <Money label="Phí" value={inv.environmentFee + inv.drainageFee + inv.drainageVat} />}
          <Money label="Tổng cộng" value={inv.total} strong testId="invoice-total" />
          <Money label="Còn phải trả" value={inv.amountDue} testId="invoice-amount-due" />
        </dl>
        <p className="italic text-slate-700" data-testid="invoice-words">
          Bằng chữ: {inv.totalInWords}
        </p>
        {inv.vietQr && (
          <div className="flex items-start gap-3">
            <VietQrCode payload={inv.vietQr} />
            <div className="space-y-0.5 text-xs text-slate-600">
              <p className="font-medium text-slate-800">Quét mã để thanh toán</p>
              {printed?.seller.bankName && <p>Ngân hàng: {printed.seller.bankName}</p>}
              {(printed?.seller.bankAccount ?? account?.account) && (
                <p>Số tài khoản: {printed?.seller.bankAccount ?? account?.account}</p>
              )}
              {!printed?.seller.bankName && account && <p>Mã ngân hàng (BIN): {account.bankBin}</p>}
              <p>Số tiền: {fmtMoney(inv.amountDue)} đồng</p>
            </div>
          </div>
        )}
        {inv.warnings.length > 0 && (
          <ul className="space-y-0.5 rounded bg-amber-50 px-3 py-2 text-amber-900" aria-label="Cảnh báo khi tính">
            {inv.warnings.map((w) => (
              <li key={w.code}>⚠ {w.message}</li>
            ))}
          </ul>
        )}
        {inv.cancelReason && (
          <p className="rounded bg-red-50 px-3 py-2 text-red-800" data-testid="invoice-cancel-reason">
            Lý do hủy: {inv.cancelReason}
          </p>
        )}
        {inv.correctionReason && (
          <p className="rounded bg-sky-50 px-3 py-2 text-sky-900" data-testid="invoice-correction-reason">
            Lý do {inv.kind === 'ADJUSTMENT' ? 'điều chỉnh' : 'thay thế'}: {inv.correctionReason}
          </p>
        )}
        {inv.chain.length > 0 && (
          <section aria-label="Chuỗi điều chỉnh">
            <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Chuỗi hóa đơn</h3>
            <ol className="space-y-0.5" data-testid="invoice-chain">
              {inv.chain.map((c) => {
                const label = `${KIND_LABELS[c.kind]} ${seriesNumber(c) || '(nháp)'} · ${fmtDate(c.issuedOn)} · ${fmtMoney(c.total)}`;
                return (
                  <li key={c.id} className="flex items-center gap-2">
                    {c.id === inv.id ? (
                      <span className="font-medium">{label} (đang xem)</span>
                    ) : onOpenInvoice ? (
                      <button type="button" className="text-brand-700 underline" onClick={() => onOpenInvoice(c.id)}>
                        {label}
                      </button>
                    ) : (
                      <Link className="text-brand-700 underline" href={`/invoices/${c.id}`}>
                        {label}
                      </Link>
                    )}
                    <StatusBadge status={c.status} />
                  </li>
                );
              })}
            </ol>
          </section>
        )}
      </div>
    </article>
  );
}

/** Mutations answer `Invoice`; the detail names both invoice types so an issue (which answers neither) refreshes it. */
const INVOICE_CONTEXT = INVOICE_TYPENAMES;

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd className="text-slate-900">{children}</dd>
    </>
  );
}

function Cell({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="tabular-nums text-slate-900">{children}</dd>
    </div>
  );
}

function Money({ label, value, strong, testId }: { label: string; value: number; strong?: boolean; testId?: string }) {
  return (
    <>
      <dt className={strong ? 'font-semibold' : 'text-slate-600'}>{label}</dt>
      <dd className={`text-right ${strong ? 'font-semibold' : ''}`} data-testid={testId}>
        {fmtMoney(value)}
      </dd>
    </>
  );
}

function Party({
  title,
  party,
  code,
}: {
  title: string;
  party: { name: string; address: string; taxCode: string | null };
  code?: string;
}) {
  return (
    <section aria-label={title} className="rounded border border-slate-200 p-2">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h3>
      <p className="font-medium text-slate-900">
        {code && <span className="mr-1 font-mono text-slate-500">{code}</span>}
        {party.name}
      </p>
      <p className="text-slate-600">{party.address}</p>
      {party.taxCode && <p className="text-slate-600">MST: {party.taxCode}</p>}
    </section>
  );
}
