'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useQuery } from 'urql';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { fmtInt } from '@/components/readings/format';
import { errorMessage } from '@/lib/graphql/errors';
import {
  LIST_MAX,
  LIST_STEP,
  RunSkipsQuery,
  RunWarningsQuery,
  type BillingRun,
  type BillingSkipReason,
} from './billing.documents';

/**
 * "Xem thêm" asks for a longer first page rather than the next one, so the list is one cached query: a resumed
 * run or a refreshed panel reloads it whole, and urql keeps the rows on screen while the longer page loads.
 */
function MoreButton({
  shown,
  total,
  fetching,
  onMore,
}: {
  shown: number;
  total: number;
  fetching: boolean;
  onMore: () => void;
}) {
  if (shown >= total || shown >= LIST_MAX) return null;
  return (
    <div className="border-t border-slate-100 px-3 py-2">
      <Button size="sm" onClick={onMore} disabled={fetching}>
        Xem thêm ({fmtInt(shown)} / {fmtInt(total)})
      </Button>
    </div>
  );
}

/** Billed, but on an assumption a person should check (e.g. 0 persons billed as 1): the rate engine's warnings. */
export function WarningsList({ run }: { run: BillingRun }) {
  const [limit, setLimit] = useState(LIST_STEP);
  const [{ data, error, fetching }] = useQuery({
    query: RunWarningsQuery,
    variables: { runId: run.id, limit },
    // The same run id answers differently after a resume: ask again whenever the panel shows it.
    requestPolicy: 'cache-and-network',
  });

  if (error)
    return (
      <p className="mt-3 text-sm text-red-700">
        {errorMessage(error, 'Không tải được danh sách hóa đơn có cảnh báo.')}
      </p>
    );
  const page = data?.billingRunWarnings;
  if (!page || page.total === 0) return null;
  return (
    <div className="mt-4" data-testid="billing-warnings">
      <h3 className="mb-2 text-sm font-semibold text-slate-800">
        Hóa đơn có cảnh báo (đã tính, cần kiểm tra lại): <span className="tabular-nums">{fmtInt(page.total)}</span>
      </h3>
      <div className="max-h-72 overflow-auto rounded-md border border-amber-200">
        <table className="w-full text-sm" data-testid="billing-warnings-table">
          <thead className="sticky top-0 bg-amber-50 text-left text-xs text-slate-600">
            <tr>
              <th className="px-3 py-1.5">Sổ</th>
              <th className="px-3 py-1.5 text-right">Stt</th>
              <th className="px-3 py-1.5">Mã KH</th>
              <th className="px-3 py-1.5">Tên khách hàng</th>
              <th className="px-3 py-1.5">Cảnh báo</th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((r) => (
              <tr key={r.invoiceId} className="border-t border-slate-100 align-top">
                <td className="px-3 py-1">{r.bookCode}</td>
                <td className="px-3 py-1 text-right tabular-nums">{r.sequenceNo}</td>
                <td className="px-3 py-1 font-mono text-xs">{r.customerCode}</td>
                <td className="px-3 py-1">
                  {r.customerName}
                  {r.invoiceKind === 'backbill' ? (
                    <span className="text-xs text-slate-500"> (hóa đơn truy thu)</span>
                  ) : null}
                </td>
                <td className="px-3 py-1 text-amber-900">
                  {r.warnings.map((w) => (
                    <div key={w.code + w.message} data-code={w.code}>
                      {w.message}
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <MoreButton
          shown={page.rows.length}
          total={page.total}
          fetching={fetching}
          onMore={() => setLimit((l) => Math.min(LIST_MAX, l + LIST_STEP))}
        />
      </div>
    </div>
  );
}

/** The customers a run skipped, by reason, each linking to where the reason is fixed (readings, anomalies). */
export function SkippedList({ run, bookIdOf }: { run: BillingRun; bookIdOf: (code: string) => number | undefined }) {
  const [reason, setReason] = useState<BillingSkipReason | null>(null);
  const [limit, setLimit] = useState(LIST_STEP);
  const skippedTotal = run.skipped.reduce((s, x) => s + x.count, 0);
  const [{ data, error, fetching }] = useQuery({
    query: RunSkipsQuery,
    variables: { runId: run.id, reason, limit },
    requestPolicy: 'cache-and-network',
    pause: skippedTotal === 0,
  });
  const choose = (r: BillingSkipReason | null) => {
    setReason(r);
    setLimit(LIST_STEP);
  };

  if (skippedTotal === 0) {
    return (
      <p className="mt-3 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800" data-testid="skipped-none">
        Không có khách hàng nào bị bỏ qua.
      </p>
    );
  }
  const page = data?.billingRunSkips;
  return (
    <div className="mt-4" data-testid="skipped">
      <h3 className="mb-2 text-sm font-semibold text-slate-800">
        Khách hàng bị bỏ qua: <span className="tabular-nums">{fmtInt(skippedTotal)}</span>
      </h3>
      <div className="mb-2 flex flex-wrap gap-1.5">
        <button
          type="button"
          onClick={() => choose(null)}
          className={`rounded-full border px-2.5 py-0.5 text-xs ${reason === null ? 'border-brand-600 bg-brand-600 text-white' : 'border-slate-300 bg-white text-slate-700'}`}
        >
          Tất cả ({fmtInt(skippedTotal)})
        </button>
        {run.skipped.map((s) => (
          <button
            key={s.reason}
            type="button"
            onClick={() => choose(s.reason as BillingSkipReason)}
            data-testid={`skip-reason-${s.reason}`}
            className={`rounded-full border px-2.5 py-0.5 text-xs ${reason === s.reason ? 'border-brand-600 bg-brand-600 text-white' : 'border-slate-300 bg-white text-slate-700 hover:bg-slate-50'}`}
          >
            {s.label}: <strong className="tabular-nums">{fmtInt(s.count)}</strong>
          </button>
        ))}
      </div>
      {error ? (
        <p className="text-sm text-red-700">{errorMessage(error, 'Không tải được danh sách khách hàng bị bỏ qua.')}</p>
      ) : !page ? (
        <Spinner size="sm" />
      ) : (
        <div className="max-h-72 overflow-auto rounded-md border border-slate-200">
          <table className="w-full text-sm" data-testid="skipped-table">
            <thead className="sticky top-0 bg-slate-100 text-left text-xs text-slate-600">
              <tr>
                <th className="px-3 py-1.5">Sổ</th>
                <th className="px-3 py-1.5 text-right">Stt</th>
                <th className="px-3 py-1.5">Mã KH</th>
                <th className="px-3 py-1.5">Tên khách hàng</th>
                <th className="px-3 py-1.5">Lý do</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((r) => {
                const book = bookIdOf(r.bookCode);
                const bookParam = book ? `&book=${book}` : '';
                return (
                  <tr key={r.customerId} className="border-t border-slate-100">
                    <td className="px-3 py-1">{r.bookCode}</td>
                    <td className="px-3 py-1 text-right tabular-nums">{r.sequenceNo}</td>
                    <td className="px-3 py-1 font-mono text-xs">
                      {r.reason === 'no_reading' || r.reason === 'anomaly_open' ? (
                        <Link
                          className="text-brand-700 underline"
                          href={
                            r.reason === 'anomaly_open'
                              ? `/anomalies?period=${run.period}${bookParam}`
                              : `/readings?period=${run.period}&customer=${r.customerCode}${bookParam}`
                          }
                        >
                          {r.customerCode}
                        </Link>
                      ) : (
                        r.customerCode
                      )}
                    </td>
                    <td className="px-3 py-1">{r.customerName}</td>
                    <td className="px-3 py-1 text-slate-700">{r.reasonLabel}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <MoreButton
            shown={page.rows.length}
            total={page.total}
            fetching={fetching}
            onMore={() => setLimit((l) => Math.min(LIST_MAX, l + LIST_STEP))}
          />
        </div>
      )}
    </div>
  );
}
