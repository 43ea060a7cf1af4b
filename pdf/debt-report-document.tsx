/** The debt report (công nợ theo sổ / tuyến và tuổi nợ) on landscape A4. */
import { Text } from '@react-pdf/renderer';
import { formatVnd } from '@/domain/invoices/format-vnd';
import { DEBT_AGE_BUCKETS, DEBT_AGE_LABELS } from '@/domain/payments/debt-age';
import { DEBT_GROUP_LABELS, formatReportDate, type DebtReportDocument } from '@/domain/payments/payment-reports';
import { formatQuantity } from './format';
import { LANDSCAPE_A4, ReportPdfDocument, reportStyles, type ReportColumn } from './report-layout';

const DEBT_ROWS_PER_PAGE = 30;

export function DebtReportPdfDocument({ doc }: { doc: DebtReportDocument }) {
  const group = DEBT_GROUP_LABELS[doc.groupBy];
  const columns: ReportColumn[] = [
    { header: `Mã ${group.toLowerCase()}`, width: '8%' },
    { header: 'Tên', width: '18%' },
    { header: doc.groupBy === 'book' ? 'Tuyến' : 'Chi nhánh', width: '7%' },
    { header: 'Số KH nợ', width: '7%', right: true },
    { header: 'Số HĐ nợ', width: '7%', right: true },
    ...DEBT_AGE_BUCKETS.map((b) => ({ header: DEBT_AGE_LABELS[b], width: '10%', right: true })),
    { header: 'Tổng nợ', width: '13%', right: true },
  ];
  const t = doc.totals;
  return (
    <ReportPdfDocument
      title={`BÁO CÁO CÔNG NỢ THEO ${group.toUpperCase()} VÀ TUỔI NỢ`}
      scope={`Tính đến ngày ${formatReportDate(doc.asOf)}`}
      company={doc.company}
      printedOn={doc.printedOn}
      paper={LANDSCAPE_A4}
      columns={columns}
      rows={doc.rows}
      rowsPerPage={DEBT_ROWS_PER_PAGE}
      cells={(r) => [
        r.code,
        r.name,
        r.parentCode,
        formatQuantity(r.customers),
        formatQuantity(r.invoices),
        ...DEBT_AGE_BUCKETS.map((b) => formatVnd(r[b])),
        formatVnd(r.total),
      ]}
      totals={[
        'Tổng cộng',
        '',
        '',
        formatQuantity(t.customers),
        formatQuantity(t.invoices),
        ...DEBT_AGE_BUCKETS.map((b) => formatVnd(t[b])),
        formatVnd(t.total),
      ]}
      emptyText="Không có khoản nợ nào trong các sổ bạn được xem."
      footer={
        <Text style={reportStyles.note}>
          Số nợ là số tiền hóa đơn đã phát hành còn phải thu (đã trừ số đã thanh toán), tính theo sổ hiện tại của khách
          hàng; tuổi nợ tính từ ngày phát hành hóa đơn đến ngày báo cáo.
        </Text>
      }
    />
  );
}
