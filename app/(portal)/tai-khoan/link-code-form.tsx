'use client';

import { useActionState } from 'react';
import { linkCustomerCode, type LinkCodeState } from './actions';

const INPUT =
  'mt-1 w-full rounded-lg border border-slate-300 bg-white px-3 py-2.5 text-base text-slate-900 outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100';

/** "Thêm mã khách hàng": works without script too (a plain form post to the server action). */
export function LinkCodeForm() {
  const [state, action, pending] = useActionState<LinkCodeState, FormData>(linkCustomerCode, {
    ok: false,
    message: null,
  });
  return (
    <form
      action={action}
      aria-label="Thêm mã khách hàng"
      className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6"
    >
      <h2 className="text-lg font-semibold text-slate-900">Thêm mã khách hàng</h2>
      <p className="text-sm text-slate-600">
        Nhập mã khách hàng và 4 số cuối số điện thoại đã đăng ký, hoặc số của một hóa đơn tiền nước của mã đó.
      </p>
      <div>
        <label htmlFor="link-code" className="block text-sm font-medium text-slate-800">
          Mã khách hàng
        </label>
        <input
          id="link-code"
          name="customerCode"
          defaultValue={state.customerCode ?? ''}
          required
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          placeholder="Ví dụ: KH0001234"
          data-testid="link-code"
          className={INPUT}
        />
      </div>
      <div>
        <label htmlFor="link-verifier" className="block text-sm font-medium text-slate-800">
          4 số cuối điện thoại, hoặc số hóa đơn
        </label>
        <input
          id="link-verifier"
          name="verifier"
          required
          inputMode="numeric"
          autoComplete="off"
          placeholder="Ví dụ: 5678 hoặc 00001234"
          data-testid="link-verifier"
          className={INPUT}
        />
      </div>
      <button
        type="submit"
        disabled={pending}
        data-testid="link-submit"
        className="w-full rounded-lg bg-brand-600 px-4 py-3 text-base font-semibold text-white hover:bg-brand-700 disabled:opacity-70 sm:w-auto"
      >
        {pending ? 'Đang xác minh…' : 'Thêm mã'}
      </button>
      {state.message && (
        <p
          role={state.ok ? 'status' : 'alert'}
          data-testid={state.ok ? 'link-ok' : 'link-error'}
          className={`rounded-lg border px-3 py-2 text-sm ${
            state.ok ? 'border-emerald-200 bg-emerald-50 text-emerald-900' : 'border-red-200 bg-red-50 text-red-800'
          }`}
        >
          {state.message}
        </p>
      )}
    </form>
  );
}
