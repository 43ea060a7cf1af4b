'use client';

import { useState } from 'react';
import { useQuery } from 'urql';
import { BarChart } from '@/components/ui/bar-chart';
import { EmptyState } from '@/components/ui/empty-state';
import { SelectField, TextField } from '@/components/ui/form-field';
import { formatReportDateTime } from '@/domain/payments/payment-reports';
import { isCalendarDate } from '@/domain/time/calendar';
import { compactMoney, formatReportDate, money } from './report-format';
import { ReportFileButtons } from './report-file-buttons';
import type { ReportObjectRights } from './report-rights';
import { ReportState, TD, TDR, TH, THR } from './report-states';
import { CollectionReportQuery, CollectorSettlementSheetQuery, type SettlementSheetData } from './reports.documents';

/**
 * Quyết toán thu ngân: pick a day and one of the collectors who took money that day (read from the collections
 * report by collector, so only collectors of the user's books are offered), then the sheet with its payments.
 */
export function SettlementSheetTab({
  rights,
  today,
  active,
}: {
  rights: ReportObjectRights;
  today: string;
  active: boolean;
}) {
  const [day, setDay] = useState(today);
  const [chosen, setChosen] = useState<string>('');
  const valid = isCalendarDate(day);
  const [collectors] = useQuery({
    query: CollectionReportQuery,
    variables: { from: day, to: day, groupBy: 'COLLECTOR' },
    pause: !valid,
    requestPolicy: 'cache-and-network',
  });
  const options = (collectors.data?.collectionReport.rows ?? [])
    .filter((r) => r.key !== '')
    .map((r) => ({ value: r.key, label: r.label }));
  const collectorId = options.some((o) => o.value === chosen) ? chosen : (options[0]?.value ?? '');
  const [sheetResult] = useQuery({
    query: CollectorSettlementSheetQuery,
    variables: { collectorId: Number(collectorId), day },
    pause: !valid || collectorId === '',
    requestPolicy: 'cache-and-network',
  });
  const sheet = sheetResult.data?.collectorSettlementSheet;
  const href = valid && collectorId ? `/api/reports/collector-settlement?collectorId=${collectorId}&day=${day}` : null;

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end gap-3">
        <TextField
          label="Ngày thu"
          name="settlement-day"
          type="date"
          value={day}
          onChange={(e) => setDay(e.target.value)}
          error={valid ? null : 'Chọn một ngày có thật.'}
          className="w-44"
        />
        <SelectField
          label="Thu ngân viên"
          name="settlement-collector"
          value={collectorId}
          onChange={(e) => setChosen(e.target.value)}
          options={options}
          disabled={options.length === 0}
          className="w-72"
        />
        <div className="ml-auto">
          <ReportFileButtons href={href} rights={rights} active={active} />
        </div>
      </div>
      <ReportState
        fetching={(collectors.fetching && !collectors.data) || (sheetResult.fetching && !sheet)}
        error={collectors.error ?? sheetResult.error}
        empty={!!collectors.data && options.length === 0}
        emptyTitle="Không có thu ngân viên nào thu tiền trong ngày"
        emptyDescription="Chọn ngày khác; chỉ thu ngân viên thu tiền của khách hàng thuộc sổ bạn được xem báo cáo mới hiện ra."
      />
      {sheet && options.length > 0 && !sheetResult.error && <Sheet sheet={sheet} />}
    </div>
  );
}

function Sheet({ sheet }: { sheet: SettlementSheetData }) {
  const s = sheet.settlement;
  return (
    <div className="flex flex-col gap-3" data-testid="settlement-sheet">
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="font-semibold text-slate-900">
          {sheet.collector.fullName} ({sheet.collector.login}) – ngày {formatReportDate(sheet.day)}
        </h2>
        {s ? (
          <span className="rounded bg-green-100 px-2 py-0.5 text-xs font-medium text-green-800">
            Đã quyết toán, khóa sổ
          </span>
        ) : (
          <span className="rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">Chưa quyết toán</span>
        )}
      </div>
      <div className="grid gap-4 md:grid-cols-[minmax(0,1fr)_320px]">
        <dl className="grid grid-cols-[auto_auto] content-start gap-x-6 gap-y-1 text-sm">
          <dt className="text-slate-600">Số thu theo sổ sách ({sheet.paymentCount} khoản)</dt>
          <dd className="text-right font-semibold tabular-nums" data-testid="settlement-recorded">
            {money(sheet.recorded)}
          </dd>
          {sheet.reversedCount > 0 && (
            <>
              <dt className="text-slate-600">Khoản đã hủy ({sheet.reversedCount} khoản)</dt>
              <dd className="text-right tabular-nums">{money(sheet.reversedAmount)}</dd>
            </>
          )}
          {s && (
            <>
              <dt className="text-slate-600">Số tiền đã nộp</dt>
              <dd className="text-right font-semibold tabular-nums">{money(s.handedIn)}</dd>
              <dt className="text-slate-600">Chênh lệch (nộp − sổ sách)</dt>
              <dd
                className={`text-right font-semibold tabular-nums ${s.difference < 0 ? 'text-red-700' : 'text-slate-900'}`}
                data-testid="settlement-difference"
              >
                {money(s.difference)}
              </dd>
              <dt className="text-slate-600">Xác nhận bởi</dt>
              <dd className="text-right">
                {s.confirmedBy} lúc {formatReportDateTime(String(s.confirmedAt))}
              </dd>
              {s.note && (
                <>
                  <dt className="text-slate-600">Ghi chú</dt>
                  <dd className="text-right">{s.note}</dd>
                </>
              )}
            </>
          )}
        </dl>
        <BarChart
          label="Số thu theo sổ sách và số tiền đã nộp"
          categories={s ? ['Sổ sách', 'Đã nộp'] : ['Sổ sách']}
          series={[{ key: 'amount', label: 'Số tiền', color: '#2563eb' }]}
          values={s ? [[sheet.recorded], [s.handedIn]] : [[sheet.recorded]]}
          formatValue={money}
          formatAxis={compactMoney}
          height={160}
          data-testid="settlement-chart"
        />
      </div>
      {sheet.payments.length === 0 ? (
        <EmptyState title="Thu ngân viên không có khoản thu nào trong ngày" />
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse" data-testid="settlement-table">
            <caption className="sr-only">Các khoản thu trong ngày</caption>
            <thead>
              <tr>
                <th className={THR}>STT</th>
                <th className={TH}>Số phiếu thu</th>
                <th className={TH}>Giờ</th>
                <th className={TH}>Mã KH</th>
                <th className={TH}>Tên khách hàng</th>
                <th className={TH}>Sổ</th>
                <th className={THR}>Số tiền</th>
                <th className={TH}>Ghi chú</th>
              </tr>
            </thead>
            <tbody>
              {sheet.payments.map((p, i) => (
                <tr key={p.id} className={p.reversed ? 'text-slate-400 line-through' : 'hover:bg-slate-50'}>
                  <td className={TDR}>{i + 1}</td>
                  <td className={`${TD} font-mono`}>{p.receiptNumber}</td>
                  <td className={TD}>{formatReportDateTime(String(p.paidAt)).slice(11)}</td>
                  <td className={`${TD} font-mono`}>{p.customerCode}</td>
                  <td className={TD}>{p.customerName}</td>
                  <td className={TD}>{p.bookCode}</td>
                  <td className={TDR}>{money(p.amount)}</td>
                  <td className={TD}>{p.reversed ? `Đã hủy: ${p.reversalReason ?? ''}` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
