'use client';

import { useState } from 'react';
import { useQuery } from 'urql';
import { fmtMoney } from '@/components/invoices/invoice-format';
import { fmtDateTime } from '@/components/readings/format';
import { periodToText } from '@/components/readings/period-picker';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import { ToastProvider } from '@/components/ui/toast';
import { errorMessage } from '@/lib/graphql/errors';
import { readFragment } from '@/lib/graphql/graphql';
import { ReversePaymentDialog, type ReverseTarget } from './counter-reverse-dialog';
import {
  CustomerPaymentsQuery,
  PAYMENT_TYPENAMES,
  PaymentFragment,
  receiptUrl,
  type PaymentChannel,
} from './payments.documents';

/** Two years of monthly payments and then some. */
const LIMIT = 60;

const CHANNEL_LABELS: Record<PaymentChannel, string> = {
  COUNTER: 'Tại quầy',
  COLLECTOR: 'Nhân viên thu',
  PARTNER: 'Đối tác thu hộ',
  BANK_TRANSFER: 'Chuyển khoản',
};

/**
 * "Thanh toán" tab of the customer panel: the balance (what the open invoices ask, the credit waiting) and every
 * payment with its receipt, what it paid and its reversal. `canReverse`: the user may reverse on this customer's book.
 */
export function CustomerPaymentsTab({ customerId, canReverse = false }: { customerId: number; canReverse?: boolean }) {
  const [result, refetch] = useQuery({
    query: CustomerPaymentsQuery,
    variables: { customerId, limit: LIMIT },
    context: PAYMENT_TYPENAMES,
  });
  const [reverseTarget, setReverseTarget] = useState<ReverseTarget | null>(null);
  const data = result.data?.customerPayments;
  if (!data) {
    if (result.error)
      return (
        <EmptyState
          tone="error"
          title="Không tải được thanh toán của khách hàng"
          description={errorMessage(result.error, 'Không tải được thanh toán.')}
          action={<Button onClick={() => refetch({ requestPolicy: 'network-only' })}>Thử lại</Button>}
        />
      );
    return <Spinner label="Đang tải thanh toán…" />;
  }
  const payments = readFragment(PaymentFragment, data.payments);
  const b = data.balance;
  return (
    <ToastProvider>
      <div className="space-y-2">
        <p className="flex flex-wrap gap-x-4 text-sm text-slate-600" data-testid="customer-balance">
          <span>
            Hóa đơn còn nợ: <strong data-testid="balance-due">{fmtMoney(b.totalDue)}</strong> đồng
          </span>
          <span>
            Tiền trả trước: <strong data-testid="balance-credit">{fmtMoney(b.credit)}</strong> đồng
          </span>
          <span>
            {b.balance >= 0 ? 'Còn phải trả' : 'Dư'}:{' '}
            <strong data-testid="balance-total" className={b.balance > 0 ? 'text-red-700' : 'text-emerald-700'}>
              {fmtMoney(Math.abs(b.balance))}
            </strong>{' '}
            đồng
          </span>
        </p>
        {payments.length === 0 ? (
          <EmptyState title="Khách hàng chưa có khoản thanh toán nào" />
        ) : (
          <table className="w-full text-sm" data-testid="customer-payments">
            <thead className="text-xs text-slate-500">
              <tr className="border-b border-slate-200 text-left">
                <th className="py-1 font-medium">Phiếu thu</th>
                <th className="py-1 font-medium">Thời điểm</th>
                <th className="py-1 font-medium">Hình thức</th>
                <th className="py-1 text-right font-medium">Số tiền</th>
                <th className="py-1 pl-2 font-medium">Trả cho kỳ</th>
                <th className="py-1 font-medium">Người thu</th>
                <th className="py-1 font-medium">Trạng thái</th>
                <th className="py-1 font-medium">
                  <span className="sr-only">Thao tác</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {payments.map((p) => (
                <tr
                  key={p.id}
                  className="border-b border-slate-100 align-top"
                  data-testid="customer-payment-row"
                  data-status={p.status}
                >
                  <td className="py-1">
                    <a className="text-brand-700 underline" href={receiptUrl(p.id)} target="_blank" rel="noopener">
                      {p.receiptNumber}
                    </a>
                  </td>
                  <td className="py-1 whitespace-nowrap">{fmtDateTime(p.paidAt)}</td>
                  <td className="py-1">{CHANNEL_LABELS[p.channel]}</td>
                  <td className="py-1 text-right tabular-nums">{fmtMoney(p.amount)}</td>
                  <td className="py-1 pl-2 text-xs text-slate-600">
                    {p.holdings.map((h) => `${periodToText(h.period)}: ${fmtMoney(h.amount)}`).join('; ')}
                    {p.credit > 0 && p.status === 'POSTED' && (
                      <span className="text-emerald-700">
                        {p.holdings.length > 0 ? '; ' : ''}trả trước {fmtMoney(p.credit)}
                      </span>
                    )}
                  </td>
                  <td className="py-1 text-xs">{p.collectorName ?? p.partnerName ?? p.recordedByName ?? ''}</td>
                  <td className="py-1">
                    {p.status === 'REVERSED' ? (
                      <span
                        className="rounded bg-red-100 px-1.5 text-xs font-medium text-red-800"
                        title={p.reversal ? `Lý do: ${p.reversal.reason} (${p.reversal.reversedByName ?? ''})` : ''}
                      >
                        Đã hủy
                      </span>
                    ) : (
                      <span className="rounded bg-emerald-100 px-1.5 text-xs font-medium text-emerald-800">
                        Đã ghi nhận
                      </span>
                    )}
                  </td>
                  <td className="py-1 text-right">
                    {canReverse && p.status === 'POSTED' && (
                      <Button
                        size="sm"
                        variant="ghost"
                        onClick={() =>
                          setReverseTarget({
                            id: p.id,
                            receiptNumber: p.receiptNumber,
                            amount: p.amount,
                            customerCode: p.customerCode,
                            customerName: p.customerName,
                          })
                        }
                        data-testid={`customer-reverse-${p.id}`}
                      >
                        Hủy
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {reverseTarget && (
          <ReversePaymentDialog
            payment={reverseTarget}
            onClose={() => setReverseTarget(null)}
            onDone={() => setReverseTarget(null)}
          />
        )}
      </div>
    </ToastProvider>
  );
}
