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
import { StatusBadge } from './invoice-detail';
import { KIND_LABELS, fmtInt, fmtMoney, invoiceFiles, seriesNumber } from './invoice-format';
import { CustomerInvoicesQuery, INVOICE_TYPENAMES, InvoiceRowFragment } from './invoices.documents';

/** Two years of monthly bills plus their corrections. */
const LIMIT = 60;

/** "Hóa đơn" tab of the customer panel: every invoice of the customer with its state, amount due, PDF and detail. */
export function CustomerInvoicesTab({ customerId }: { customerId: number }) {
  const [result, refetch] = useQuery({
    query: CustomerInvoicesQuery,
    variables: { customerId, limit: LIMIT },
    context: INVOICE_TYPENAMES,
  });
  if (!result.data) {
    if (result.error)
      return (
        <EmptyState
          tone="error"
          title="Không tải được hóa đơn của khách hàng"
          description={errorMessage(result.error, 'Không tải được hóa đơn.')}
          action={<Button onClick={() => refetch({ requestPolicy: 'network-only' })}>Thử lại</Button>}
        />
      );
    return <Spinner label="Đang tải hóa đơn…" />;
  }
  const rows = readFragment(InvoiceRowFragment, result.data.customerInvoices);
  if (rows.length === 0) return <EmptyState title="Khách hàng chưa có hóa đơn" />;
  const due = rows.reduce((s, r) => s + r.amountDue, 0);
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-600">
        Còn phải trả: <strong data-testid="customer-amount-due">{fmtMoney(due)}</strong> đồng
      </p>
      <table className="w-full text-sm" data-testid="customer-invoices">
        <thead className="text-xs text-slate-500">
          <tr className="border-b border-slate-200 text-left">
            <th className="py-1 font-medium">Kỳ</th>
            <th className="py-1 font-medium">Loại</th>
            <th className="py-1 font-medium">Ký hiệu – số</th>
            <th className="py-1 font-medium">Ngày</th>
            <th className="py-1 text-right font-medium">m³</th>
            <th className="py-1 text-right font-medium">Tổng cộng</th>
            <th className="py-1 text-right font-medium">Còn phải trả</th>
            <th className="py-1 pl-2 font-medium">Trạng thái</th>
            <th className="py-1 font-medium">
              <span className="sr-only">Liên kết</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.id}
              className="border-b border-slate-100"
              data-testid="customer-invoice-row"
              data-status={r.status}
            >
              <td className="py-1">{periodToText(r.period)}</td>
              <td className="py-1">{KIND_LABELS[r.kind]}</td>
              <td className="py-1">{seriesNumber(r) || <span className="text-slate-400">(nháp)</span>}</td>
              <td className="py-1">{fmtDate(r.issuedOn)}</td>
              <td className="py-1 text-right tabular-nums">{fmtInt(r.consumption)}</td>
              <td className="py-1 text-right tabular-nums">{fmtMoney(r.total)}</td>
              <td className="py-1 text-right tabular-nums">{fmtMoney(r.amountDue)}</td>
              <td className="py-1 pl-2">
                <StatusBadge status={r.status} />
              </td>
              <td className="space-x-2 whitespace-nowrap py-1 text-right">
                <a className="text-brand-700 underline" href={invoiceFiles.pdf(r.id)} target="_blank" rel="noopener">
                  PDF
                </a>
                <Link className="text-brand-700 underline" href={`/invoices/${r.id}`}>
                  Chi tiết
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
