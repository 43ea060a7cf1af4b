import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { VietQrCode } from '@/components/invoices/vietqr-code';
import { MyPortalAccountQuery, type MyPortalAccountResult } from '@/components/portal/portal-account.documents';
import { fmtDateTime, fmtVnd } from '@/components/readings/format';
import { periodLabel } from '@/domain/billing/periods';
import { prefetch } from '@/lib/graphql/prefetch';
import { getPortalAccountContext } from './account-server';
import { setNoticeOptOut, signOutOfPortal, unlinkCustomer } from './actions';
import { LinkCodeForm } from './link-code-form';

export const metadata: Metadata = { title: 'Tài khoản của tôi', robots: { index: false } };

const CHANNELS = [
  { channel: 'EMAIL', label: 'Email' },
  { channel: 'SMS', label: 'Tin nhắn SMS' },
  { channel: 'ZNS', label: 'Zalo' },
] as const;

const CARD = 'rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6';
const fmtDate = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

type Account = NonNullable<MyPortalAccountResult['myPortalAccount']>;
type Customer = Account['customers'][number];

/**
 * The signed-in customer's page: the codes they proved, every open bill, payments and requests of those customers,
 * and which channels each customer receives notices on. Rendered on the server with the portal session's context.
 */
export default async function MyAccountPage() {
  const ctx = await getPortalAccountContext();
  if (ctx.portalAccountId == null) redirect('/dang-nhap');
  const { data, error } = await prefetch(ctx, MyPortalAccountQuery, {});
  if (!data) {
    return (
      <p role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-red-800">
        {error?.message ?? 'Không tải được tài khoản. Vui lòng thử lại.'}
      </p>
    );
  }
  const { myPortalAccount: account, myBills: bills, myPayments: payments, myRequests: requests } = data;
  const totalDue = bills.reduce((sum, b) => sum + Number(b.totalDue), 0);
  return (
    <div className="space-y-6" data-testid="portal-account">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-bold text-slate-900">Tài khoản của tôi</h1>
          <p className="mt-1 break-all text-sm text-slate-600" data-testid="portal-account-email">
            {account.email}
          </p>
        </div>
        <form action={signOutOfPortal}>
          <button
            type="submit"
            data-testid="portal-sign-out"
            className="rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50"
          >
            Đăng xuất
          </button>
        </form>
      </div>

      <section aria-labelledby="codes-heading" className="space-y-3">
        <h2 id="codes-heading" className="text-lg font-semibold text-slate-900">
          Mã khách hàng ({account.customers.length})
        </h2>
        {account.customers.length === 0 ? (
          <p className="text-slate-600" data-testid="portal-no-customers">
            Chưa có mã khách hàng nào. Thêm mã in trên hóa đơn tiền nước để xem hóa đơn, thanh toán và yêu cầu.
          </p>
        ) : (
          account.customers.map((c) => <LinkedCustomer key={c.id} customer={c} />)
        )}
      </section>

      <LinkCodeForm />

      {account.customers.length > 0 && (
        <>
          <section aria-labelledby="bills-heading" className="space-y-3">
            <div className="flex items-baseline justify-between gap-3">
              <h2 id="bills-heading" className="text-lg font-semibold text-slate-900">
                Hóa đơn chưa thanh toán
              </h2>
              <span className="font-bold tabular-nums text-brand-700" data-testid="portal-account-total">
                {fmtVnd(totalDue)}
              </span>
            </div>
            {bills.every((b) => b.invoices.length === 0) ? (
              <p className="rounded-xl border border-emerald-200 bg-emerald-50 p-4 text-emerald-900">
                Không có hóa đơn nào cần thanh toán. Cảm ơn quý khách!
              </p>
            ) : (
              bills.flatMap((b) =>
                b.invoices.map((inv) => (
                  <article key={`${inv.series}-${inv.number}`} className={CARD} data-testid="portal-account-invoice">
                    <p className="text-sm text-slate-500">
                      {b.customerCode} · {b.customerName}
                    </p>
                    <h3 className="font-semibold text-slate-900">Kỳ {periodLabel(inv.period)}</h3>
                    <p className="text-sm text-slate-600">
                      Hóa đơn {inv.series} số {String(inv.number).padStart(8, '0')}, ngày {fmtDate(inv.issuedOn)}
                    </p>
                    <p className="pt-1 text-sm text-slate-600">
                      Cần thanh toán:{' '}
                      <span className="text-lg font-semibold tabular-nums text-slate-900">
                        {fmtVnd(Number(inv.amountDue))}
                      </span>
                    </p>
                    <p className="flex flex-wrap gap-2 pt-2 text-sm">
                      <a href={inv.pdfUrl} target="_blank" rel="noopener noreferrer" className="text-brand-700">
                        Tải hóa đơn (PDF)
                      </a>
                      <a href={inv.xmlUrl} className="text-brand-700">
                        Hóa đơn điện tử (XML)
                      </a>
                    </p>
                    {inv.vietQr && (
                      <div className="mt-3 flex flex-col items-start gap-1">
                        <VietQrCode payload={inv.vietQr} sizePx={148} />
                        <span className="text-xs text-slate-500">Quét bằng ứng dụng ngân hàng để thanh toán.</span>
                      </div>
                    )}
                  </article>
                )),
              )
            )}
          </section>

          <section aria-labelledby="payments-heading" className="space-y-3">
            <h2 id="payments-heading" className="text-lg font-semibold text-slate-900">
              Thanh toán gần đây
            </h2>
            {payments.length === 0 ? (
              <p className="text-slate-600">Chưa có khoản thanh toán nào.</p>
            ) : (
              <ul className={`${CARD} divide-y divide-slate-100 p-0 sm:p-0`}>
                {payments.map((p) => (
                  <li
                    key={p.id}
                    className="flex items-baseline justify-between gap-3 px-4 py-3"
                    data-testid="portal-payment"
                  >
                    <span className="min-w-0 text-sm text-slate-700">
                      {fmtDateTime(String(p.paidAt))} · {p.customerCode} · {p.channelLabel}
                      {p.reversed && <span className="ml-1 text-red-700">(đã hoàn)</span>}
                    </span>
                    <span className={`tabular-nums font-semibold ${p.reversed ? 'text-slate-400 line-through' : ''}`}>
                      {fmtVnd(Number(p.amount))}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}

      <section aria-labelledby="requests-heading" className="space-y-3">
        <h2 id="requests-heading" className="text-lg font-semibold text-slate-900">
          Yêu cầu của tôi
        </h2>
        {requests.length === 0 ? (
          <p className="text-slate-600">Chưa có yêu cầu nào.</p>
        ) : (
          <ul className="space-y-2">
            {requests.map((r) => (
              <li key={r.trackingCode} className={CARD} data-testid="portal-request">
                <p className="font-semibold text-slate-900">{r.kindLabel}</p>
                <p className="text-sm text-slate-600">
                  Mã theo dõi <span className="font-mono">{r.trackingCode}</span>
                  {r.customerCode && <> · {r.customerCode}</>}
                </p>
                <p className="text-sm text-slate-600">
                  {r.statusLabel} · tiếp nhận {fmtDateTime(String(r.receivedAt))}
                  {r.closedAt ? ` · xong ${fmtDateTime(String(r.closedAt))}` : ` · hạn ${fmtDate(r.deadline)}`}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

/** One linked code: who it is, the notice channels (a switch per channel), and removing it from the account. */
function LinkedCustomer({ customer }: { customer: Customer }) {
  return (
    <article className={CARD} data-testid="portal-linked-customer" data-code={customer.code}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="font-semibold text-slate-900">
            {customer.code} · {customer.name}
          </p>
          <p className="text-sm text-slate-600">{customer.maskedAddress}</p>
        </div>
        <form action={unlinkCustomer}>
          <input type="hidden" name="customerId" value={customer.id} />
          <button type="submit" className="text-sm text-red-700 hover:underline" data-testid="portal-unlink">
            Bỏ liên kết
          </button>
        </form>
      </div>
      <div className="mt-3 border-t border-slate-100 pt-3">
        <p className="text-sm font-medium text-slate-800">Nhận thông báo qua</p>
        <ul className="mt-2 flex flex-wrap gap-2">
          {CHANNELS.map(({ channel, label }) => {
            const optedOut = customer.optedOutChannels.includes(channel);
            return (
              <li key={channel}>
                <form action={setNoticeOptOut}>
                  <input type="hidden" name="customerId" value={customer.id} />
                  <input type="hidden" name="channel" value={channel} />
                  <input type="hidden" name="optedOut" value={String(!optedOut)} />
                  <button
                    type="submit"
                    aria-pressed={!optedOut}
                    data-testid={`notice-${channel}`}
                    className={`rounded-full border px-3 py-1.5 text-sm ${
                      optedOut
                        ? 'border-slate-300 bg-white text-slate-500'
                        : 'border-brand-600 bg-brand-50 font-medium text-brand-700'
                    }`}
                  >
                    {label}: {optedOut ? 'Tắt' : 'Bật'}
                  </button>
                </form>
              </li>
            );
          })}
        </ul>
      </div>
    </article>
  );
}
