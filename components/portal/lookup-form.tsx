'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { lazy, Suspense, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useQuery } from 'urql';
import { fmtVnd } from '@/components/readings/format';
import { periodLabel } from '@/domain/billing/periods';
import { apiError } from '@/lib/graphql/errors';
import { portalLookupSchema, type PortalLookup, type PortalLookupInput } from '@/schemas/portal-lookup';
import { ConsumptionChart } from './consumption-chart';
import { PortalBillsQuery, type PortalBillsResult } from './portal.documents';

// The QR drawing (the `qrcode` package) loads only once there are bills to pay: the lookup page itself stays light.
const VietQrCode = lazy(() => import('@/components/invoices/vietqr-code').then((m) => ({ default: m.VietQrCode })));

const QR_PX = 168;

const INPUT =
  'w-full rounded-lg border bg-white px-3 py-2.5 text-base text-slate-900 outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100';

const fmtTime = (iso: string) =>
  new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit' }).format(
    new Date(iso),
  );
const fmtDate = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

/**
 * The bill lookup form of the portal: customer code plus the second factor, checked in the browser with the schema
 * the server applies (nothing is sent until it passes), then the open bills with their QR codes and download links
 * and 12 months of consumption.
 */
export function LookupForm() {
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<PortalLookupInput, unknown, PortalLookup>({
    resolver: zodResolver(portalLookupSchema),
    defaultValues: { customerCode: '', verifier: '' },
  });
  const [asked, setAsked] = useState<PortalLookup | null>(null);
  const [{ data, error, fetching }, reexecute] = useQuery({
    query: PortalBillsQuery,
    variables: asked ?? { customerCode: '', verifier: '' },
    pause: !asked,
    // Every lookup is a fresh proof with fresh download links, never an answer from the cache.
    requestPolicy: 'network-only',
  });

  const onSubmit = (values: PortalLookup) => {
    if (asked && asked.customerCode === values.customerCode && asked.verifier === values.verifier) {
      reexecute({ requestPolicy: 'network-only' });
    } else {
      setAsked(values);
    }
  };

  const failure = asked && error ? apiError(error, 'Không tra cứu được, vui lòng thử lại.') : null;
  const bills = asked && !error ? data?.portalBills : undefined;

  return (
    <div className="space-y-6">
      <form
        noValidate
        onSubmit={handleSubmit(onSubmit)}
        className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6"
        aria-label="Tra cứu hóa đơn tiền nước"
      >
        <div>
          <label htmlFor="portal-code" className="block text-sm font-medium text-slate-800">
            Mã khách hàng
          </label>
          <input
            id="portal-code"
            data-testid="portal-code"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            placeholder="Ví dụ: KH0001234"
            aria-invalid={errors.customerCode ? true : undefined}
            aria-describedby="portal-code-msg"
            className={`${INPUT} mt-1 ${errors.customerCode ? 'border-red-500' : 'border-slate-300'}`}
            {...register('customerCode')}
          />
          <p id="portal-code-msg" className="mt-1 text-sm">
            {errors.customerCode ? (
              <span role="alert" data-testid="error-customerCode" className="text-red-700">
                {errors.customerCode.message}
              </span>
            ) : (
              <span className="text-slate-500">In ở phần thông tin khách hàng trên hóa đơn tiền nước.</span>
            )}
          </p>
        </div>
        <div>
          <label htmlFor="portal-verifier" className="block text-sm font-medium text-slate-800">
            4 số cuối điện thoại đã đăng ký, hoặc số của một hóa đơn
          </label>
          <input
            id="portal-verifier"
            data-testid="portal-verifier"
            inputMode="numeric"
            autoComplete="off"
            placeholder="Ví dụ: 5678 hoặc 00001234"
            aria-invalid={errors.verifier ? true : undefined}
            aria-describedby="portal-verifier-msg"
            className={`${INPUT} mt-1 ${errors.verifier ? 'border-red-500' : 'border-slate-300'}`}
            {...register('verifier')}
          />
          <p id="portal-verifier-msg" className="mt-1 text-sm">
            {errors.verifier ? (
              <span role="alert" data-testid="error-verifier" className="text-red-700">
                {errors.verifier.message}
              </span>
            ) : (
              <span className="text-slate-500">Số hóa đơn gồm 8 chữ số, in cạnh ký hiệu hóa đơn.</span>
            )}
          </p>
        </div>
        <button
          type="submit"
          data-testid="portal-submit"
          disabled={fetching}
          className="inline-flex w-full items-center justify-center gap-2 rounded-lg bg-brand-600 px-4 py-3 text-base font-semibold text-white hover:bg-brand-700 disabled:opacity-70 sm:w-auto"
        >
          {fetching && (
            <span
              aria-hidden="true"
              className="h-4 w-4 animate-spin rounded-full border-2 border-white/40 border-t-white"
            />
          )}
          {fetching ? 'Đang tra cứu…' : 'Tra cứu'}
        </button>
        {failure && (
          <p
            role="alert"
            data-testid="portal-error"
            data-code={failure.code}
            className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
          >
            {failure.message}
          </p>
        )}
      </form>
      {bills && !fetching && <LookupResults bills={bills} />}
    </div>
  );
}

function LookupResults({ bills }: { bills: PortalBillsResult }) {
  return (
    <section data-testid="portal-results" aria-label="Kết quả tra cứu" className="space-y-6">
      <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <p className="text-sm text-slate-500">Khách hàng</p>
        <p className="text-lg font-semibold text-slate-900" data-testid="portal-customer">
          {bills.customerName}
        </p>
        <p className="text-sm text-slate-600">{bills.maskedAddress}</p>
        <div className="mt-4 flex items-baseline justify-between gap-3 border-t border-slate-100 pt-3">
          <span className="text-sm text-slate-600">Tổng số tiền cần thanh toán</span>
          <span className="text-2xl font-bold tabular-nums text-brand-700" data-testid="portal-total">
            {fmtVnd(bills.totalDue)}
          </span>
        </div>
      </div>

      {bills.invoices.length === 0 ? (
        <p
          data-testid="portal-empty"
          className="rounded-xl border border-emerald-200 bg-emerald-50 p-4 text-emerald-900"
        >
          Quý khách không có hóa đơn nào cần thanh toán. Cảm ơn quý khách!
        </p>
      ) : (
        <div className="space-y-4">
          <h2 className="text-lg font-semibold text-slate-900">Hóa đơn chưa thanh toán ({bills.invoices.length})</h2>
          {bills.invoices.map((inv) => (
            <article
              key={`${inv.series}-${inv.number}`}
              data-testid="portal-invoice"
              className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:flex sm:gap-6 sm:p-6"
            >
              <div className="min-w-0 flex-1 space-y-1">
                <h3 className="font-semibold text-slate-900">Kỳ {periodLabel(inv.period)}</h3>
                <p className="text-sm text-slate-600">
                  Hóa đơn {inv.series} số {String(inv.number).padStart(8, '0')}, ngày {fmtDate(inv.issuedOn)}
                </p>
                {inv.amountDue !== inv.total && (
                  <p className="text-sm text-slate-600">Tổng hóa đơn: {fmtVnd(inv.total)}</p>
                )}
                <p className="pt-1 text-sm text-slate-600">
                  Cần thanh toán:{' '}
                  <span className="text-lg font-semibold tabular-nums text-slate-900">{fmtVnd(inv.amountDue)}</span>
                </p>
                <p className="flex flex-wrap gap-2 pt-2">
                  <a
                    href={inv.pdfUrl}
                    target="_blank"
                    rel="noopener noreferrer"
                    data-testid="portal-pdf"
                    className="rounded-lg border border-slate-300 px-3 py-2 text-sm font-medium text-brand-700 hover:bg-slate-50"
                  >
                    Xem hóa đơn (PDF)
                  </a>
                  <a
                    href={inv.xmlUrl}
                    rel="noopener noreferrer"
                    data-testid="portal-xml"
                    className="rounded-lg border border-slate-300 px-3 py-2 text-sm font-medium text-brand-700 hover:bg-slate-50"
                  >
                    Tải hóa đơn điện tử (XML)
                  </a>
                </p>
              </div>
              <div className="mt-4 flex flex-col items-center sm:mt-0">
                {inv.vietQr ? (
                  <>
                    {/* The box keeps its size while the QR module loads: nothing below it moves. */}
                    <div style={{ width: QR_PX, height: QR_PX }}>
                      <Suspense
                        fallback={
                          <div className="h-full w-full animate-pulse rounded bg-slate-100" aria-hidden="true" />
                        }
                      >
                        <VietQrCode payload={inv.vietQr} sizePx={QR_PX} />
                      </Suspense>
                    </div>
                    <p className="mt-1 max-w-[12rem] text-center text-xs text-slate-500">
                      Quét mã bằng ứng dụng ngân hàng để thanh toán đúng số tiền và nội dung.
                    </p>
                  </>
                ) : (
                  <p className="max-w-[12rem] text-center text-xs text-slate-500">
                    Vui lòng thanh toán tại quầy thu hoặc điểm thu hộ.
                  </p>
                )}
              </div>
            </article>
          ))}
          <p className="text-xs text-slate-500">
            Liên kết tải hóa đơn có hiệu lực đến {fmtTime(bills.linksExpireAt)}; sau đó vui lòng tra cứu lại.
          </p>
        </div>
      )}

      <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <h2 className="mb-3 text-lg font-semibold text-slate-900">Lượng nước tiêu thụ 12 tháng gần nhất</h2>
        <ConsumptionChart points={bills.consumption} />
      </div>
    </section>
  );
}
