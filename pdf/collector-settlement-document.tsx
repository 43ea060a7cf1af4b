/** A collector's settlement sheet (bảng quyết toán thu ngân viên) of one day on portrait A4, with signatures. */
import { Text, View } from '@react-pdf/renderer';
import { formatVnd } from '@/domain/invoices/format-vnd';
import {
  formatReportDate,
  formatReportDateTime,
  type CollectorSettlementSheetDocument,
} from '@/domain/payments/payment-reports';
import { PORTRAIT_A4, ReportPdfDocument, reportStyles as st, type ReportColumn } from './report-layout';

const SETTLEMENT_ROWS_PER_PAGE = 40;

const columns: ReportColumn[] = [
  { header: 'STT', width: '6%', right: true },
  { header: 'Số phiếu thu', width: '13%' },
  { header: 'Giờ', width: '7%' },
  { header: 'Mã KH', width: '12%' },
  { header: 'Tên khách hàng', width: '28%' },
  { header: 'Sổ', width: '8%' },
  { header: 'Số tiền', width: '13%', right: true },
  { header: 'Ghi chú', width: '13%' },
];

function Line({ label, value, bold }: { label: string; value: string; bold?: boolean }) {
  return (
    <View style={st.summaryRow}>
      <Text style={bold ? st.bold : {}}>{label}</Text>
      <Text style={bold ? st.bold : {}}>{value}</Text>
    </View>
  );
}

export function CollectorSettlementPdfDocument({ doc }: { doc: CollectorSettlementSheetDocument }) {
  const settlement = doc.settlement;
  return (
    <ReportPdfDocument
      title="BẢNG QUYẾT TOÁN THU NGÂN VIÊN"
      scope={`Thu ngân viên: ${doc.collector.fullName} (${doc.collector.login}) – Ngày ${formatReportDate(doc.day)}`}
      company={doc.company}
      printedOn={doc.printedOn}
      paper={PORTRAIT_A4}
      columns={columns}
      rows={doc.payments}
      rowsPerPage={SETTLEMENT_ROWS_PER_PAGE}
      cells={(p, i) => [
        String(i + 1),
        p.receiptNumber,
        formatReportDateTime(p.paidAt).slice(11),
        p.customerCode,
        p.customerName,
        p.bookCode,
        formatVnd(p.amount),
        p.reversed ? 'Đã hủy' : '',
      ]}
      emptyText="Thu ngân viên không có khoản thu nào trong ngày."
      footer={
        <View wrap={false}>
          <View style={st.summary}>
            <Line
              label={`Số thu theo sổ sách (${doc.paymentCount} khoản, không tính khoản đã hủy)`}
              value={formatVnd(doc.recorded)}
              bold
            />
            {doc.reversedCount > 0 ? (
              <Line label={`Khoản đã hủy (${doc.reversedCount} khoản)`} value={formatVnd(doc.reversedAmount)} />
            ) : null}
            {settlement ? (
              <>
                <Line label="Số tiền đã nộp" value={formatVnd(settlement.handedIn)} bold />
                <Line label="Chênh lệch (nộp − sổ sách)" value={formatVnd(settlement.difference)} bold />
                <Line
                  label="Xác nhận bởi"
                  value={`${settlement.confirmedBy} lúc ${formatReportDateTime(settlement.confirmedAt)}`}
                />
                {settlement.note ? <Line label="Ghi chú" value={settlement.note} /> : null}
              </>
            ) : (
              <Line label="Trạng thái" value="Chưa quyết toán" bold />
            )}
          </View>
          <View style={st.signatures}>
            <View style={st.signature}>
              <Text style={st.bold}>Thu ngân viên</Text>
              <Text style={st.signatureHint}>(Ký, ghi rõ họ tên)</Text>
            </View>
            <View style={st.signature}>
              <Text style={st.bold}>Thủ quỹ</Text>
              <Text style={st.signatureHint}>(Ký, ghi rõ họ tên)</Text>
            </View>
          </View>
        </View>
      }
    />
  );
}
