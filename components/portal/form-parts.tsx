'use client';

import Link from 'next/link';
import type { ReactNode, Ref } from 'react';

const INPUT =
  'mt-1 w-full rounded-lg border bg-white px-3 py-2.5 text-base text-slate-900 outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100';

export const inputClass = (hasError: boolean) => `${INPUT} ${hasError ? 'border-red-500' : 'border-slate-300'}`;

/** A labelled field with its error (or hint) below, wired for screen readers. */
export function Field({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {error ? (
        <p id={`${id}-msg`} role="alert" data-testid={`error-${id}`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-msg`} className="mt-1 text-sm text-slate-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
      <legend className="px-1 text-base font-semibold text-slate-900">{title}</legend>
      {children}
    </fieldset>
  );
}

/**
 * The honeypot: a field named like one bots love to fill, out of sight and out of the tab order for people (and
 * hidden from screen readers), so anything in it marks a script. The server refuses such a form
 * (services/portal/portal-challenge.ts).
 */
export function Honeypot({ inputRef }: { inputRef: Ref<HTMLInputElement> }) {
  return (
    <div aria-hidden="true" className="absolute -left-[10000px] top-auto h-px w-px overflow-hidden">
      <label>
        Website
        <input ref={inputRef} type="text" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
      </label>
    </div>
  );
}

export function SubmitButton({ busy, label, busyLabel }: { busy: boolean; label: string; busyLabel: string }) {
  return (
    <button
      type="submit"
      data-testid="request-submit"
      disabled={busy}
      className="inline-flex w-full items-center justify-center gap-2 rounded-lg bg-brand-600 px-4 py-3 text-base font-semibold text-white hover:bg-brand-700 disabled:opacity-70 sm:w-auto"
    >
      {busy && (
        <span
          aria-hidden="true"
          className="h-4 w-4 animate-spin rounded-full border-2 border-white/40 border-t-white"
        />
      )}
      {busy ? busyLabel : label}
    </button>
  );
}

export function FormError({ error }: { error: { message: string; code: string } | null }) {
  return error ? (
    <p
      role="alert"
      data-testid="request-error"
      data-code={error.code}
      className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
    >
      {error.message}
    </p>
  ) : null;
}

/** The answer page of a submission: the tracking code, what happens next, and the way to the tracking page. */
export function Received({ trackingCode, email, what }: { trackingCode: string; email: string | null; what: string }) {
  return (
    <section
      data-testid="request-received"
      aria-live="polite"
      className="space-y-4 rounded-xl border border-emerald-200 bg-emerald-50 p-4 text-emerald-950 sm:p-6"
    >
      <h2 className="text-xl font-bold">Đã gửi {what}</h2>
      <p>Mã theo dõi của quý khách:</p>
      <p className="select-all font-mono text-3xl font-bold tracking-widest" data-testid="tracking-code">
        {trackingCode}
      </p>
      <p className="text-sm">
        Vui lòng ghi lại mã này. Quý khách tra cứu tình trạng yêu cầu bằng mã theo dõi và 4 số cuối số điện thoại đã
        khai.
        {email && <> Công ty sẽ gửi email xác nhận đến {email}.</>}
      </p>
      <Link
        href={`/theo-doi?ma=${encodeURIComponent(trackingCode)}`}
        data-testid="go-tracking"
        className="inline-block rounded-lg bg-emerald-700 px-4 py-2.5 font-semibold text-white hover:bg-emerald-800"
      >
        Theo dõi yêu cầu
      </Link>
    </section>
  );
}
