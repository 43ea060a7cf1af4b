'use client';

import { useState } from 'react';
import { useQuery } from 'urql';
import { BarChart } from '@/components/ui/bar-chart';
import { SelectField, TextField } from '@/components/ui/form-field';
import { DEBT_AGE_BUCKETS, DEBT_AGE_LABELS } from '@/domain/payments/debt-age';
import { isCalendarDate } from '@/domain/time/calendar';
import { compactMoney, formatReportDate, money } from './report-format';
import { ReportFileButtons } from './report-file-buttons';
import type { ReportObjectRights } from './report-rights';
import { ReportState, TD, TDR, TF, TFR, TH, THR } from './report-states';
import { DebtReportQuery, type DebtGroupBy } from './reports.documents';

/** Young debt green, old debt red. */
const BUCKET_COLORS = { days0To30: '#16a34a', days31To60: '#eab308', days61To90: '#f97316', over90Days: '#dc2626' };
const SERIES = DEBT_AGE_BUCKETS.map((b) => ({ key: b, label: DEBT_AGE_LABELS[b], color: BUCKET_COLORS[b] }));

const GROUPS: { value: DebtGroupBy; label: string }[] = [
  { value: 'BOOK', label: 'Sổ đọc' },
  { value: 'ROUTE', label: 'Tuyến' },
];

/** Công nợ: open amounts by book or route and age, as of a day; the chart stacks the age buckets of each row. */
export function DebtReportTab({
  rights,
  today,
  active,
  requestPolicy,
}: {
  rights: ReportObjectRights;
  today: string;
  active: boolean;
  requestPolicy: 'cache-first' | 'cache-and-network';
}) {
  const [asOf, setAsOf] = useState(today);
  const [groupBy, setGroupBy] = useState<DebtGroupBy>('BOOK');
  const valid = isCalendarDate(asOf);
  const [result] = useQuery({
    query: DebtReportQuery,
    variables: { asOf: valid ? asOf : today, groupBy },
    pause: !valid,
    requestPolicy,
  });
  const report = result.data?.debtReport;
  const byBook = groupBy === 'BOOK';
  const href = valid ? `/api/reports/debt?asOf=${asOf}&groupBy=${byBook ? 'book' : 'route'}` : null;

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end gap-3">
        <TextField
          label="Tính đến ngày"
          name="debt-as-of"
          type="date"
          value={asOf}
          onChange={(e) => setAsOf(e.target.value)}
          error={valid ? null : 'Chọn một ngày có thật.'}
          className="w-44"
        />
        <SelectField
          label="Nhóm theo"
          name="debt-group-by"
          value={groupBy}
          onChange={(e) => setGroupBy(e.target.value as DebtGroupBy)}
          options={GROUPS}
          className="w-36"
        />
        <div className="ml-auto">
          <ReportFileButtons href={href} rights={rights} active={active} />
        </div>
      </div>
      <ReportState
        fetching={result.fetching && !report}
        error={result.error}
        empty={!!report && report.rows.length === 0}
        emptyTitle="Không có khoản nợ nào"
        emptyDescription="Các sổ bạn được xem báo cáo không có hóa đơn nào còn phải thu tính đến ngày đã chọn."
      />
      {report && report.rows.length > 0 && (
        <>
          <BarChart
            label={`Công nợ theo ${byBook ? 'sổ đọc' : 'tuyến'} và tuổi nợ, tính đến ngày ${formatReportDate(report.asOf)}`}
            categories={report.rows.map((r) => r.code)}
            series={SERIES}
            values={report.rows.map((r) => DEBT_AGE_BUCKETS.map((b) => r[b]))}
            formatValue={money}
            formatAxis={compactMoney}
            data-testid="debt-chart"
          />
          <div className="overflow-x-auto">
            <table className="w-full border-collapse" data-testid="debt-table">
              <caption className="sr-only">Công nợ theo {byBook ? 'sổ đọc' : 'tuyến'}</caption>
              <thead>
                <tr>
                  <th className={TH}>{byBook ? 'Sổ' : 'Tuyến'}</th>
                  <th className={TH}>Tên</th>
                  <th className={TH}>{byBook ? 'Tuyến' : 'Chi nhánh'}</th>
                  <th className={THR}>Số KH nợ</th>
                  <th className={THR}>Số HĐ nợ</th>
                  {DEBT_AGE_BUCKETS.map((b) => (
                    <th key={b} className={THR}>
                      {DEBT_AGE_LABELS[b]}
                    </th>
                  ))}
                  <th className={THR}>Tổng nợ</th>
                </tr>
              </thead>
              <tbody>
                {report.rows.map((r) => (
                  <tr key={r.id} className="hover:bg-slate-50">
                    <td className={`${TD} font-mono`}>{r.code}</td>
                    <td className={TD}>{r.name}</td>
                    <td className={TD}>{r.parentCode}</td>
                    <td className={TDR}>{money(r.customers)}</td>
                    <td className={TDR}>{money(r.invoices)}</td>
                    {DEBT_AGE_BUCKETS.map((b) => (
                      <td key={b} className={TDR}>
                        {money(r[b])}
                      </td>
                    ))}
                    <td className={`${TDR} font-medium`}>{money(r.total)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <td className={TF} colSpan={3}>
                    Tổng cộng
                  </td>
                  <td className={TFR}>{money(report.totals.customers)}</td>
                  <td className={TFR}>{money(report.totals.invoices)}</td>
                  {DEBT_AGE_BUCKETS.map((b) => (
                    <td key={b} className={TFR}>
                      {money(report.totals[b])}
                    </td>
                  ))}
                  <td className={TFR} data-testid="debt-total">
                    {money(report.totals.total)}
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
          <p className="text-xs text-slate-500">
            Số nợ là tiền hóa đơn đã phát hành còn phải thu (đã trừ số đã thanh toán), theo sổ hiện tại của khách hàng;
            tuổi nợ tính từ ngày phát hành đến ngày đã chọn, hóa đơn phát hành sau ngày đó không tính.
          </p>
        </>
      )}
    </div>
  );
}
