/** Collections (tổng hợp thu tiền) by channel, collector or day on portrait A4. */
import { Text } from '@react-pdf/renderer';
import { formatVnd } from '@/domain/invoices/format-vnd';
import {
  COLLECTION_GROUP_LABELS,
  formatReportDate,
  type CollectionReportDocument,
} from '@/domain/payments/payment-reports';
import { formatQuantity } from './format';
import { PORTRAIT_A4, ReportPdfDocument, reportStyles, type ReportColumn } from './report-layout';

const COLLECTION_ROWS_PER_PAGE = 48;

export function CollectionReportPdfDocument({ doc }: { doc: CollectionReportDocument }) {
  const columns: ReportColumn[] = [
    { header: COLLECTION_GROUP_LABELS[doc.groupBy], width: '34%' },
    { header: 'Số khoản thu', width: '10%', right: true },
    { header: 'Tiền thu', width: '15%', right: true },
    { header: 'Số khoản hủy', width: '10%', right: true },
    { header: 'Tiền hủy', width: '15%', right: true },
    { header: 'Thực thu', width: '16%', right: true },
  ];
  const t = doc.totals;
  return (
    <ReportPdfDocument
      title={`TỔNG HỢP THU TIỀN THEO ${COLLECTION_GROUP_LABELS[doc.groupBy].toUpperCase()}`}
      scope={`Từ ngày ${formatReportDate(doc.from)} đến ngày ${formatReportDate(doc.to)}`}
      company={doc.company}
      printedOn={doc.printedOn}
      paper={PORTRAIT_A4}
      columns={columns}
      rows={doc.rows}
      rowsPerPage={COLLECTION_ROWS_PER_PAGE}
      cells={(r) => [
        r.label,
        formatQuantity(r.paymentCount),
        formatVnd(r.paymentAmount),
        formatQuantity(r.reversalCount),
        formatVnd(r.reversalAmount),
        formatVnd(r.netAmount),
      ]}
      totals={[
        'Tổng cộng',
        formatQuantity(t.paymentCount),
        formatVnd(t.paymentAmount),
        formatQuantity(t.reversalCount),
        formatVnd(t.reversalAmount),
        formatVnd(t.netAmount),
      ]}
      emptyText="Không có khoản thu nào trong khoảng ngày này."
      footer={
        <Text style={reportStyles.note}>
          Khoản thu bị hủy được trừ vào ngày hủy (không sửa số của ngày đã thu). Thực thu = tiền thu − tiền hủy.
        </Text>
      }
    />
  );
}
