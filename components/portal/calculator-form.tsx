'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useQuery } from 'urql';
import { fmtInt, fmtVnd } from '@/components/readings/format';
import { apiError } from '@/lib/graphql/errors';
import {
  portalCalculatorSchema,
  type PortalCalculatorForm,
  type PortalCalculatorInput,
} from '@/schemas/portal-calculator';
import { PortalEstimateQuery, type PortalServiceTypeOption } from './portal.documents';

const INPUT =
  'mt-1 w-full rounded-lg border bg-white px-3 py-2.5 text-base text-slate-900 outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100';

/** A line priced per m³ (a tier) shows quantity × unit price; taxes and fees are lump sums. */
const perUnit = (l: { quantity: number; unitPrice: number; amount: number }) =>
  !(l.quantity <= 1 && l.unitPrice === l.amount);

function FieldError({ name, message }: { name: string; message: string | undefined }) {
  return message ? (
    <p role="alert" data-testid={`error-${name}`} className="mt-1 text-sm text-red-700">
      {message}
    </p>
  ) : null;
}

/**
 * The portal's bill calculator over the public `estimateBill`: the form is checked in the browser first (the same
 * bounds as the server), and only the field the tariff counts by (households or persons) is asked for.
 */
export function CalculatorForm({ types }: { types: readonly PortalServiceTypeOption[] }) {
  const {
    register,
    handleSubmit,
    watch,
    formState: { errors },
  } = useForm<PortalCalculatorForm, unknown, PortalCalculatorInput>({
    resolver: zodResolver(portalCalculatorSchema),
    defaultValues: { serviceTypeCode: types[0]?.code ?? '', consumption: '', households: '1', persons: '4' },
  });
  const code = watch('serviceTypeCode');
  const basis = types.find((t) => t.code === code)?.basis ?? 'flat';
  const [asked, setAsked] = useState<PortalCalculatorInput | null>(null);
  const [{ data, error, fetching }] = useQuery({
    query: PortalEstimateQuery,
    variables: { input: asked ?? { serviceTypeCode: '', consumption: 0 } },
    pause: !asked,
  });

  const onSubmit = (values: PortalCalculatorInput) =>
    setAsked({
      serviceTypeCode: values.serviceTypeCode,
      consumption: values.consumption,
      // The field the tariff does not count by is not sent: the estimate then assumes 1.
      households: basis === 'household' ? values.households : null,
      persons: basis === 'person' ? values.persons : null,
    });

  const failure = asked && error ? apiError(error, 'Không tính được, vui lòng thử lại.') : null;
  const result = asked && !error ? data?.estimateBill : undefined;

  if (types.length === 0) {
    return (
      <p data-testid="calc-empty" className="rounded-xl border border-slate-200 bg-white p-4 text-slate-700">
        Chưa có biểu giá nước được công bố. Vui lòng liên hệ công ty để biết giá nước hiện hành.
      </p>
    );
  }

  return (
    <div className="space-y-6">
      <form
        noValidate
        onSubmit={handleSubmit(onSubmit)}
        aria-label="Tính tiền nước"
        className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6"
      >
        <div>
          <label htmlFor="calc-type" className="block text-sm font-medium text-slate-800">
            Mục đích sử dụng
          </label>
          <select
            id="calc-type"
            data-testid="calc-type"
            className={`${INPUT} border-slate-300`}
            {...register('serviceTypeCode')}
          >
            {types.map((t) => (
              <option key={t.code} value={t.code}>
                {t.name}
              </option>
            ))}
          </select>
          <FieldError name="serviceTypeCode" message={errors.serviceTypeCode?.message} />
        </div>
        <div>
          <label htmlFor="calc-m3" className="block text-sm font-medium text-slate-800">
            Lượng nước tiêu thụ trong tháng (m³)
          </label>
          <input
            id="calc-m3"
            data-testid="calc-m3"
            inputMode="numeric"
            autoComplete="off"
            placeholder="Ví dụ: 25"
            aria-invalid={errors.consumption ? true : undefined}
            className={`${INPUT} ${errors.consumption ? 'border-red-500' : 'border-slate-300'}`}
            {...register('consumption')}
          />
          <FieldError name="consumption" message={errors.consumption?.message} />
        </div>
        {basis === 'household' && (
          <div>
            <label htmlFor="calc-households" className="block text-sm font-medium text-slate-800">
              Số hộ dùng chung đồng hồ
            </label>
            <input
              id="calc-households"
              data-testid="calc-households"
              inputMode="numeric"
              autoComplete="off"
              aria-invalid={errors.households ? true : undefined}
              className={`${INPUT} ${errors.households ? 'border-red-500' : 'border-slate-300'}`}
              {...register('households')}
            />
            <FieldError name="households" message={errors.households?.message} />
          </div>
        )}
        {basis === 'person' && (
          <div>
            <label htmlFor="calc-persons" className="block text-sm font-medium text-slate-800">
              Số nhân khẩu đăng ký
            </label>
            <input
              id="calc-persons"
              data-testid="calc-persons"
              inputMode="numeric"
              autoComplete="off"
              aria-invalid={errors.persons ? true : undefined}
              className={`${INPUT} ${errors.persons ? 'border-red-500' : 'border-slate-300'}`}
              {...register('persons')}
            />
            <FieldError name="persons" message={errors.persons?.message} />
          </div>
        )}
        <button
          type="submit"
          data-testid="calc-submit"
          disabled={fetching}
          className="w-full rounded-lg bg-brand-600 px-4 py-3 text-base font-semibold text-white hover:bg-brand-700 disabled:opacity-70 sm:w-auto"
        >
          {fetching ? 'Đang tính…' : 'Tính tiền'}
        </button>
        {failure && (
          <p
            role="alert"
            data-testid="calc-error"
            className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
          >
            {failure.message}
          </p>
        )}
      </form>

      {result && !fetching && (
        <section
          aria-label="Kết quả tính tiền nước"
          data-testid="calc-result"
          className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6"
        >
          {result.warnings.length > 0 && (
            <ul className="mb-3 space-y-1 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
              {result.warnings.map((w) => (
                <li key={w.code + w.message}>{w.message}</li>
              ))}
            </ul>
          )}
          <table className="w-full text-sm">
            <thead>
              <tr className="text-left text-slate-500">
                <th className="py-1 font-medium">Diễn giải</th>
                <th className="py-1 text-right font-medium">Thành tiền</th>
              </tr>
            </thead>
            <tbody>
              {result.lines.map((l, i) => (
                <tr key={i} className="border-t border-slate-100 align-top">
                  <td className="py-1.5 pr-2">
                    {l.description}
                    {perUnit(l) && (
                      <span className="block text-xs text-slate-500">
                        {fmtInt(l.quantity)} m³ × {fmtVnd(l.unitPrice)}
                      </span>
                    )}
                  </td>
                  <td className="py-1.5 text-right tabular-nums">{fmtVnd(l.amount)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="border-t border-slate-300">
                <td className="pt-2">Tiền nước (chưa thuế)</td>
                <td className="pt-2 text-right tabular-nums">{fmtVnd(result.subtotal)}</td>
              </tr>
              <tr>
                <td>Thuế GTGT</td>
                <td className="text-right tabular-nums">{fmtVnd(result.vat)}</td>
              </tr>
              {result.environmentFee > 0 && (
                <tr>
                  <td>Phí bảo vệ môi trường đối với nước thải</td>
                  <td className="text-right tabular-nums">{fmtVnd(result.environmentFee)}</td>
                </tr>
              )}
              {result.drainageFee > 0 && (
                <tr>
                  <td>Giá dịch vụ thoát nước</td>
                  <td className="text-right tabular-nums">{fmtVnd(result.drainageFee)}</td>
                </tr>
              )}
              {result.drainageVat > 0 && (
                <tr>
                  <td>Thuế GTGT dịch vụ thoát nước</td>
                  <td className="text-right tabular-nums">{fmtVnd(result.drainageVat)}</td>
                </tr>
              )}
              <tr className="border-t border-slate-300 text-base font-semibold">
                <td className="pt-2">Tổng cộng</td>
                <td className="pt-2 text-right tabular-nums text-brand-700" data-testid="calc-total">
                  {fmtVnd(result.total)}
                </td>
              </tr>
            </tfoot>
          </table>
          <p className="mt-3 text-xs text-slate-500">
            Số tiền tạm tính theo biểu giá hiện hành cho một khách hàng thông thường; hóa đơn thực tế có thể khác.
          </p>
        </section>
      )}
    </div>
  );
}
