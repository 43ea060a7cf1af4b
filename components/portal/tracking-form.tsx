'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useQuery } from 'urql';
import { apiError } from '@/lib/graphql/errors';
import { portalRequestStatusSchema, type PortalRequestStatusInput } from '@/schemas/portal-requests';
import { Field, inputClass } from './form-parts';
import { RequestStatusQuery, type RequestStatusResult } from './portal-requests.documents';

type Asked = { trackingCode: string; verifier: string };

const fmtDate = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
const fmtInstant = (iso: string) =>
  new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));

/** The tracking page: tracking code and the phone's last 4 digits → the request's status and its history. */
export function TrackingForm({ initialCode }: { initialCode?: string | undefined }) {
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<PortalRequestStatusInput, unknown, Asked>({
    resolver: zodResolver(portalRequestStatusSchema),
    defaultValues: { trackingCode: initialCode ?? '', verifier: '' },
  });
  const [asked, setAsked] = useState<Asked | null>(null);
  const [{ data, error, fetching }, reexecute] = useQuery({
    query: RequestStatusQuery,
    variables: asked ?? { trackingCode: '', verifier: '' },
    pause: !asked,
    requestPolicy: 'network-only',
  });
  const onSubmit = (values: Asked) => {
    if (asked && asked.trackingCode === values.trackingCode && asked.verifier === values.verifier) {
      reexecute({ requestPolicy: 'network-only' });
    } else setAsked(values);
  };
  const failure = asked && error ? apiError(error, 'Không tra cứu được, vui lòng thử lại.') : null;
  const status = asked && !error ? data?.requestStatus : undefined;

  return (
    <div className="space-y-6">
      <form
        noValidate
        onSubmit={handleSubmit(onSubmit)}
        aria-label="Theo dõi yêu cầu"
        className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6"
      >
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="track-code" label="Mã theo dõi" error={errors.trackingCode?.message} hint="Ví dụ: YC7K2M9QH4">
            <input
              id="track-code"
              data-testid="track-code"
              autoCapitalize="characters"
              autoComplete="off"
              spellCheck={false}
              aria-describedby="track-code-msg"
              className={inputClass(Boolean(errors.trackingCode))}
              {...register('trackingCode')}
            />
          </Field>
          <Field id="track-verifier" label="4 số cuối số điện thoại đã khai" error={errors.verifier?.message}>
            <input
              id="track-verifier"
              data-testid="track-verifier"
              inputMode="numeric"
              autoComplete="off"
              maxLength={4}
              aria-describedby="track-verifier-msg"
              className={inputClass(Boolean(errors.verifier))}
              {...register('verifier')}
            />
          </Field>
        </div>
        <button
          type="submit"
          data-testid="track-submit"
          disabled={fetching}
          className="w-full rounded-lg bg-brand-600 px-4 py-3 text-base font-semibold text-white hover:bg-brand-700 disabled:opacity-70 sm:w-auto"
        >
          {fetching ? 'Đang tra cứu…' : 'Xem tình trạng'}
        </button>
        {failure && (
          <p
            role="alert"
            data-testid="track-error"
            data-code={failure.code}
            className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
          >
            {failure.message}
          </p>
        )}
      </form>
      {status && !fetching && <RequestStatusView status={status} />}
    </div>
  );
}

function RequestStatusView({ status }: { status: RequestStatusResult }) {
  return (
    <section
      data-testid="track-result"
      aria-label="Tình trạng yêu cầu"
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-lg font-semibold text-slate-900" data-testid="track-kind">
          {status.kindLabel}
        </h2>
        <span className="font-mono text-sm text-slate-500">{status.trackingCode}</span>
      </div>
      <p>
        Tình trạng:{' '}
        <span
          data-testid="track-status"
          className={`rounded-full px-2.5 py-1 text-sm font-semibold ${status.isClosed ? 'bg-slate-100 text-slate-800' : 'bg-brand-50 text-brand-700'}`}
        >
          {status.statusLabel}
        </span>
      </p>
      <dl className="grid grid-cols-2 gap-3 text-sm">
        <div>
          <dt className="text-slate-500">Ngày tiếp nhận</dt>
          <dd className="font-medium text-slate-900">{fmtInstant(status.receivedAt)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Hạn giải quyết</dt>
          <dd className="font-medium text-slate-900" data-testid="track-deadline">
            {fmtDate(status.deadline)}
          </dd>
        </div>
      </dl>
      <div>
        <h3 className="mb-2 text-sm font-semibold text-slate-800">Quá trình xử lý</h3>
        <ol className="space-y-2 border-l-2 border-brand-100 pl-4" data-testid="track-timeline">
          {status.timeline.map((step, i) => (
            <li key={`${step.status}-${i}`} className="text-sm">
              <span className="font-medium text-slate-900">{step.statusLabel}</span>
              <span className="block text-slate-500">{fmtInstant(step.at)}</span>
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}
