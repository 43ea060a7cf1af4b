/**
 * The receipt (phiếu thu) of one payment, laid out like the accounting form 01-TT: who paid, for which invoices,
 * how much in figures and in words, and the signatures of payer and cashier.
 */
import { Document, Page, StyleSheet, Text, View } from '@react-pdf/renderer';
import { formatVnd } from '@/domain/invoices/format-vnd';
import { RECEIPT_PAYMENT_METHOD_LABELS, type ReceiptDocument } from '@/domain/invoices/receipt-document';
import { FONT_FAMILY } from './fonts';
import { formatInvoiceNumber, formatLongDateVi, formatPeriodVi } from './format';
import { baseFontSize, pageGeometry, type PaperSettings } from './paper';
import { Watermark } from './watermark';

const RECEIPT_TITLE = 'PHIẾU THU';

function receiptStyles(paper: PaperSettings) {
  const base = baseFontSize(paper);
  const cell = {
    borderRightWidth: 0.6,
    borderBottomWidth: 0.6,
    borderColor: '#000',
    paddingVertical: base * 0.2,
    paddingHorizontal: base * 0.3,
  };
  return StyleSheet.create({
    page: { ...pageGeometry(paper).padding, fontFamily: FONT_FAMILY, fontSize: base, lineHeight: 1.35 },
    headerRow: { flexDirection: 'row', justifyContent: 'space-between' },
    bold: { fontWeight: 'bold' },
    italic: { fontStyle: 'italic' },
    title: { fontWeight: 'bold', fontSize: base * 1.6, lineHeight: 1.3, textAlign: 'center', marginTop: base * 0.6 },
    centered: { textAlign: 'center' },
    section: { marginTop: base * 0.8 },
    table: { marginTop: base * 0.5, borderTopWidth: 0.6, borderLeftWidth: 0.6, borderColor: '#000' },
    tr: { flexDirection: 'row' },
    th: { ...cell, fontWeight: 'bold', textAlign: 'center' },
    td: cell,
    colOrdinal: { width: '8%', textAlign: 'center' },
    colSeries: { width: '22%' },
    colNumber: { width: '22%' },
    colPeriod: { width: '18%', textAlign: 'center' },
    colAmount: { width: '30%', textAlign: 'right' },
    colTotalLabel: { width: '70%' },
    signatures: { flexDirection: 'row', marginTop: base * 1.2 },
    signature: { width: '50%', alignItems: 'center' },
  });
}

export function ReceiptPdfDocument({ doc, paper }: { doc: ReceiptDocument; paper: PaperSettings }) {
  const s = receiptStyles(paper);
  return (
    <Document title={`Phiếu thu ${doc.receiptNumber}`} creator="capnuoc" producer="capnuoc" language="vi">
      <Page size={pageGeometry(paper).size} style={s.page}>
        {doc.cancelled ? <Watermark text="ĐÃ HỦY" paper={paper} /> : null}
        <View style={s.headerRow}>
          <View>
            <Text style={s.bold}>{doc.company.name}</Text>
            <Text>Địa chỉ: {doc.company.address}</Text>
            {doc.company.taxCode ? <Text>Mã số thuế: {doc.company.taxCode}</Text> : null}
          </View>
          <View style={{ alignItems: 'flex-end' }}>
            <Text>
              Số: <Text style={s.bold}>{doc.receiptNumber}</Text>
            </Text>
          </View>
        </View>

        <Text style={s.title}>{RECEIPT_TITLE}</Text>
        <Text style={[s.centered, s.italic]}>{formatLongDateVi(doc.receivedOn)}</Text>

        <View style={s.section}>
          <Text>
            Mã khách hàng: <Text style={s.bold}>{doc.customer.code}</Text>
          </Text>
          <Text>
            Tên khách hàng: <Text style={s.bold}>{doc.customer.name}</Text>
          </Text>
          <Text>Địa chỉ: {doc.customer.address}</Text>
          {doc.payerName ? <Text>Người nộp tiền: {doc.payerName}</Text> : null}
          <Text>Lý do nộp: {doc.reason ?? 'Thanh toán tiền nước'}</Text>
          <Text>Hình thức thanh toán: {RECEIPT_PAYMENT_METHOD_LABELS[doc.paymentMethod]}</Text>
        </View>

        <View style={s.table}>
          <View style={s.tr} wrap={false}>
            <Text style={[s.th, s.colOrdinal]}>STT</Text>
            <Text style={[s.th, s.colSeries]}>Ký hiệu hóa đơn</Text>
            <Text style={[s.th, s.colNumber]}>Số hóa đơn</Text>
            <Text style={[s.th, s.colPeriod]}>Kỳ</Text>
            <Text style={[s.th, s.colAmount]}>Số tiền</Text>
          </View>
          {doc.items.map((item, i) => (
            <View style={s.tr} key={i} wrap={false}>
              <Text style={[s.td, s.colOrdinal]}>{i + 1}</Text>
              <Text style={[s.td, s.colSeries]}>{item.series ?? ''}</Text>
              <Text style={[s.td, s.colNumber]}>{formatInvoiceNumber(item.number)}</Text>
              <Text style={[s.td, s.colPeriod]}>{formatPeriodVi(item.period)}</Text>
              <Text style={[s.td, s.colAmount]}>{formatVnd(item.amount)}</Text>
            </View>
          ))}
          <View style={s.tr} wrap={false}>
            <Text style={[s.td, s.colTotalLabel, s.bold]}>Tổng số tiền</Text>
            <Text style={[s.td, s.colAmount, s.bold]}>{formatVnd(doc.total)}</Text>
          </View>
        </View>

        <Text style={s.section}>
          Số tiền viết bằng chữ: <Text style={s.italic}>{doc.totalInWords}</Text>
        </Text>

        <View style={s.signatures} wrap={false}>
          <View style={s.signature}>
            <Text style={s.bold}>Người nộp tiền</Text>
            <Text style={s.italic}>(Ký, ghi rõ họ tên)</Text>
          </View>
          <View style={s.signature}>
            <Text style={s.bold}>Người thu tiền</Text>
            <Text style={s.italic}>(Ký, ghi rõ họ tên)</Text>
            <Text style={{ marginTop: baseFontSize(paper) * 3 }}>{doc.cashierName}</Text>
          </View>
        </View>
      </Page>
    </Document>
  );
}
