'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { useQuery } from 'urql';
import { Spinner } from '@/components/ui/spinner';
import { currentPeriod, fmtInt, fmtVnd, parseWhole, periodLabel } from '@/components/readings/format';
import { PeriodPicker } from '@/components/readings/period-picker';
import { errorMessage } from '@/lib/graphql/errors';
import { EstimateBillQuery, type EstimateInput, type TariffServiceType } from './tariffs.documents';

/** A line priced per m3 (tiers) shows quantity × unit price; taxes and fees are lump sums. */
const perUnit = (l: { quantity: number; unitPrice: number; amount: number }) =>
  !(l.quantity <= 1 && l.unitPrice === l.amount);

/** The calculator's fields as the estimate's input, or why they cannot be priced. */
function estimateInput(
  code: string,
  m3: string,
  households: string,
  persons: string,
  period: string,
): { input: EstimateInput } | { problem: string } | null {
  if (!code) return null;
  const consumption = parseWhole(m3);
  const h = parseWhole(households);
  const p = parseWhole(persons);
  if (consumption === null || Number.isNaN(consumption)) return { problem: 'Nhập lượng tiêu thụ (m3, số nguyên).' };
  if (h !== null && (Number.isNaN(h) || h < 1)) return { problem: 'Số hộ dùng chung phải từ 1 trở lên.' };
  if (p !== null && Number.isNaN(p)) return { problem: 'Số nhân khẩu phải là số nguyên.' };
  return { input: { serviceTypeCode: code, consumption, households: h, persons: p, period: period || null } };
}

/** The value once it has stopped changing for `ms`: the estimate is asked for when the clerk pauses typing. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(t);
  }, [value, ms]);
  return settled;
}

/** The public `estimateBill` query as a small calculator: what a consumption costs under a service type's tariff. */
export function BillCalculator({
  types,
  selectedCode,
}: {
  types: readonly TariffServiceType[];
  selectedCode: string | null;
}) {
  const [code, setCode] = useState(selectedCode ?? types[0]?.code ?? '');
  const [m3, setM3] = useState('25');
  const [households, setHouseholds] = useState('1');
  const [persons, setPersons] = useState('4');
  const [period, setPeriod] = useState('');

  // Follow the service type selected in the catalog (adjusted while rendering, so no frame shows the previous type).
  const [followed, setFollowed] = useState(selectedCode);
  if (followed !== selectedCode) {
    setFollowed(selectedCode);
    if (selectedCode) setCode(selectedCode);
  }

  const type = types.find((t) => t.code === code);
  const basis = type?.versions[0]?.basis ?? 'flat';

  const asked = useMemo(
    () => estimateInput(code, m3, households, persons, period),
    [code, m3, households, persons, period],
  );
  const settled = useSettled(asked, 250);
  const variables = settled && 'input' in settled ? { input: settled.input } : undefined;
  // The cache answers a consumption asked before at once and drops an answer to an input since changed.
  const [{ data, error: queryError, fetching }, reestimate] = useQuery({
    query: EstimateBillQuery,
    variables: variables ?? NO_INPUT,
    pause: !variables,
  });
  // A refused estimate (a type without a tariff yet) holds no typename for a tariff mutation to re-run it by:
  // ask again when the catalog it was refused for has changed.
  const catalogAsked = useRef(types);
  useEffect(() => {
    if (catalogAsked.current === types) return;
    catalogAsked.current = types;
    if (queryError) reestimate({ requestPolicy: 'network-only' });
  }, [types, queryError, reestimate]);
  const problem = asked && 'problem' in asked ? asked.problem : null;
  const error = problem ?? (queryError ? errorMessage(queryError, 'Không tính được.') : null);
  const result = variables ? data?.estimateBill : undefined;

  const input = 'w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-right tabular-nums';
  return (
    <section
      className="flex min-h-0 flex-col rounded-md border border-slate-200 bg-white"
      aria-label="Tính thử tiền nước"
      data-testid="bill-calculator"
    >
      <div className="flex items-center justify-between border-b border-slate-200 px-3 py-2">
        <h2 className="font-semibold text-slate-900">Tính thử tiền nước</h2>
        {fetching && <Spinner size="sm" hideLabel />}
      </div>
      <div className="grid grid-cols-2 gap-2 px-3 py-2 text-sm">
        <label className="col-span-2 flex flex-col gap-0.5">
          <span className="text-xs text-slate-600">Loại dịch vụ</span>
          <select
            value={code}
            onChange={(e) => setCode(e.target.value)}
            data-testid="calc-type"
            className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
          >
            {types.map((t) => (
              <option key={t.id} value={t.code}>
                {t.code} – {t.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-0.5">
          <span className="text-xs text-slate-600">Tiêu thụ (m3)</span>
          <input
            value={m3}
            onChange={(e) => setM3(e.target.value)}
            inputMode="numeric"
            data-testid="calc-m3"
            className={input}
          />
        </label>
        <div className="flex flex-col gap-0.5">
          <span className="text-xs text-slate-600">Kỳ tính giá</span>
          <PeriodPicker
            value={period}
            onChange={setPeriod}
            allowEmpty
            label=""
            testId="calc-period"
            max={currentPeriod()}
            emptyText="hiện tại"
          />
        </div>
        <label className="flex flex-col gap-0.5">
          <span className={`text-xs ${basis === 'household' ? 'font-medium text-slate-800' : 'text-slate-500'}`}>
            Số hộ dùng chung
          </span>
          <input
            value={households}
            onChange={(e) => setHouseholds(e.target.value)}
            inputMode="numeric"
            data-testid="calc-households"
            className={input}
          />
        </label>
        <label className="flex flex-col gap-0.5">
          <span className={`text-xs ${basis === 'person' ? 'font-medium text-slate-800' : 'text-slate-500'}`}>
            Số nhân khẩu
          </span>
          <input
            value={persons}
            onChange={(e) => setPersons(e.target.value)}
            inputMode="numeric"
            data-testid="calc-persons"
            className={input}
          />
        </label>
      </div>
      <div className="min-h-0 flex-1 overflow-auto border-t border-slate-200 px-3 py-2">
        {error ? (
          <p role="alert" className="text-sm text-red-700" data-testid="calc-error">
            {error}
          </p>
        ) : !result ? (
          <Spinner size="sm" label="Đang tính…" />
        ) : (
          <>
            {result.warnings.length > 0 && (
              <ul
                role="status"
                className="mb-2 space-y-1 rounded-md border border-amber-200 bg-amber-50 px-2 py-1.5 text-xs text-amber-900"
                data-testid="calc-warnings"
              >
                {result.warnings.map((w) => (
                  <li key={w.code + w.message} data-code={w.code}>
                    {w.message}
                  </li>
                ))}
              </ul>
            )}
            <table className="w-full text-xs" data-testid="calc-lines">
              <thead>
                <tr className="text-left text-slate-500">
                  <th className="py-1 font-medium">Diễn giải</th>
                  <th className="py-1 text-right font-medium">SL</th>
                  <th className="py-1 text-right font-medium">Đơn giá</th>
                  <th className="py-1 text-right font-medium">Thành tiền</th>
                </tr>
              </thead>
              <tbody>
                {result.lines.map((l, i) => (
                  <tr key={i} className="border-t border-slate-100 align-top">
                    <td className="py-1 pr-1">{l.description}</td>
                    <td className="py-1 text-right tabular-nums">{perUnit(l) ? fmtInt(l.quantity) : ''}</td>
                    <td className="py-1 pl-1 text-right tabular-nums">{perUnit(l) ? fmtInt(l.unitPrice) : ''}</td>
                    <td className="py-1 text-right tabular-nums">{fmtInt(l.amount)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot className="text-sm">
                <tr className="border-t border-slate-300">
                  <td colSpan={3} className="pt-1.5">
                    Tiền nước (trước thuế)
                  </td>
                  <td className="pt-1.5 text-right tabular-nums">{fmtVnd(result.subtotal)}</td>
                </tr>
                <tr>
                  <td colSpan={3}>Thuế GTGT</td>
                  <td className="text-right tabular-nums">{fmtVnd(result.vat)}</td>
                </tr>
                {result.environmentFee > 0 && (
                  <tr>
                    <td colSpan={3}>Phí BVMT nước thải</td>
                    <td className="text-right tabular-nums">{fmtVnd(result.environmentFee)}</td>
                  </tr>
                )}
                {result.drainageFee > 0 && (
                  <tr>
                    <td colSpan={3}>Giá dịch vụ thoát nước</td>
                    <td className="text-right tabular-nums">{fmtVnd(result.drainageFee)}</td>
                  </tr>
                )}
                {result.drainageVat > 0 && (
                  <tr>
                    <td colSpan={3}>Thuế GTGT thoát nước</td>
                    <td className="text-right tabular-nums">{fmtVnd(result.drainageVat)}</td>
                  </tr>
                )}
                <tr className="border-t border-slate-300 font-semibold">
                  <td colSpan={3} className="pt-1">
                    Tổng cộng{period ? ` (kỳ ${periodLabel(period)})` : ''}
                  </td>
                  <td className="pt-1 text-right tabular-nums text-brand-700" data-testid="calc-total">
                    {fmtVnd(result.total)}
                  </td>
                </tr>
              </tfoot>
            </table>
          </>
        )}
      </div>
    </section>
  );
}

// Never sent (the query is paused while the fields cannot be priced): urql needs variables even then.
const NO_INPUT = { input: { serviceTypeCode: '', consumption: 0 } };
