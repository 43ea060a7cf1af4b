'use client';

import { useState } from 'react';
import { useQuery } from 'urql';
import { BarChart } from '@/components/ui/bar-chart';
import { SelectField, TextField } from '@/components/ui/form-field';
import { isCalendarDate } from '@/domain/time/calendar';
import { compactMoney, money, monthStart } from './report-format';
import { ReportFileButtons } from './report-file-buttons';
import type { ReportObjectRights } from './report-rights';
import { ReportState, TD, TDR, TF, TFR, TH, THR } from './report-states';
import { CollectionReportQuery, type CollectionGroupBy } from './reports.documents';

const GROUPS: { value: CollectionGroupBy; label: string }[] = [
  { value: 'DAY', label: 'Ngày' },
  { value: 'CHANNEL', label: 'Kênh thu' },
  { value: 'COLLECTOR', label: 'Thu ngân viên' },
];

const SERIES = [
  { key: 'paid', label: 'Tiền thu', color: '#2563eb' },
  { key: 'reversed', label: 'Tiền hủy (trừ vào ngày hủy)', color: '#dc2626' },
];

/** Thu tiền: payments and reversals over a range by day, channel or collector; bars of money in and taken back. */
export function CollectionReportTab({
  rights,
  today,
  active,
}: {
  rights: ReportObjectRights;
  today: string;
  active: boolean;
}) {
  const [from, setFrom] = useState(monthStart(today));
  const [to, setTo] = useState(today);
  const [groupBy, setGroupBy] = useState<CollectionGroupBy>('DAY');
  const rangeError =
    !isCalendarDate(from) || !isCalendarDate(to)
      ? 'Chọn ngày có thật.'
      : to < from
        ? 'Ngày cuối phải sau hoặc bằng ngày đầu.'
        : null;
  const [result] = useQuery({
    query: CollectionReportQuery,
    variables: { from, to, groupBy },
    pause: rangeError !== null,
    // Payments keep coming in: a tab opened again shows the cached figures and refreshes them behind.
    requestPolicy: 'cache-and-network',
  });
  const report = result.data?.collectionReport;
  const byDay = groupBy === 'DAY';
  const href = rangeError ? null : `/api/reports/collections?from=${from}&to=${to}&groupBy=${groupBy.toLowerCase()}`;
  const quiet = !!report && report.totals.paymentCount === 0 && report.totals.reversalCount === 0;

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end gap-3">
        <TextField
          label="Từ ngày"
          name="collections-from"
          type="date"
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          className="w-44"
        />
        <TextField
          label="Đến ngày"
          name="collections-to"
          type="date"
          value={to}
          onChange={(e) => setTo(e.target.value)}
          error={rangeError}
          className="w-44"
        />
        <SelectField
          label="Nhóm theo"
          name="collections-group-by"
          value={groupBy}
          onChange={(e) => setGroupBy(e.target.value as CollectionGroupBy)}
          options={GROUPS}
          className="w-40"
        />
        <div className="ml-auto">
          <ReportFileButtons href={href} rights={rights} active={active} />
        </div>
      </div>
      <ReportState
        fetching={result.fetching && !report}
        error={rangeError ? undefined : result.error}
        empty={quiet}
        emptyTitle="Không có khoản thu nào"
        emptyDescription="Khách hàng của các sổ bạn được xem báo cáo không nộp tiền trong khoảng ngày này."
      />
      {report && !quiet && (
        <>
          <BarChart
            label={`Thu tiền theo ${GROUPS.find((g) => g.value === groupBy)?.label.toLowerCase()}`}
            categories={report.rows.map((r) => (byDay ? r.label.slice(0, 5) : r.label))}
            series={SERIES}
            values={report.rows.map((r) => [r.paymentAmount, -r.reversalAmount])}
            formatValue={money}
            formatAxis={compactMoney}
            data-testid="collections-chart"
          />
          <div className="overflow-x-auto">
            <table className="w-full border-collapse" data-testid="collections-table">
              <caption className="sr-only">Tổng hợp thu tiền</caption>
              <thead>
                <tr>
                  <th className={TH}>{GROUPS.find((g) => g.value === groupBy)?.label}</th>
                  <th className={THR}>Số khoản thu</th>
                  <th className={THR}>Tiền thu</th>
                  <th className={THR}>Số khoản hủy</th>
                  <th className={THR}>Tiền hủy</th>
                  <th className={THR}>Thực thu</th>
                </tr>
              </thead>
              <tbody>
                {report.rows
                  .filter((r) => !byDay || r.paymentCount > 0 || r.reversalCount > 0)
                  .map((r) => (
                    <tr key={r.key} className="hover:bg-slate-50">
                      <td className={TD}>{r.label}</td>
                      <td className={TDR}>{money(r.paymentCount)}</td>
                      <td className={TDR}>{money(r.paymentAmount)}</td>
                      <td className={TDR}>{money(r.reversalCount)}</td>
                      <td className={TDR}>{money(r.reversalAmount)}</td>
                      <td className={`${TDR} font-medium`}>{money(r.netAmount)}</td>
                    </tr>
                  ))}
              </tbody>
              <tfoot>
                <tr>
                  <td className={TF}>Tổng cộng</td>
                  <td className={TFR}>{money(report.totals.paymentCount)}</td>
                  <td className={TFR}>{money(report.totals.paymentAmount)}</td>
                  <td className={TFR}>{money(report.totals.reversalCount)}</td>
                  <td className={TFR}>{money(report.totals.reversalAmount)}</td>
                  <td className={TFR} data-testid="collections-net">
                    {money(report.totals.netAmount)}
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
          <p className="text-xs text-slate-500">
            Khoản thu bị hủy được trừ vào ngày hủy, không sửa số của ngày đã thu; thực thu = tiền thu − tiền hủy.
            {byDay && ' Bảng chỉ liệt kê những ngày có phát sinh.'}
          </p>
        </>
      )}
    </div>
  );
}
