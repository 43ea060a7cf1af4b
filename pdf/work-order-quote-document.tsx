/**
 * The installation quote (báo giá lắp đặt) of a new-connection request: who asked, where, the materials and labour
 * line by line, the total in figures and in words, and the signatures. Portrait A4.
 */
import { Document, Page, StyleSheet, Text, View } from '@react-pdf/renderer';
import { formatVnd } from '@/domain/invoices/format-vnd';
import type { WorkOrderQuoteDocument } from '@/domain/work-orders/quote-document';
import { FONT_FAMILY } from './fonts';
import { formatLongDateVi } from './format';
import { baseFontSize, pageGeometry, type PaperSettings } from './paper';

const cellBase = { borderRightWidth: 0.6, borderBottomWidth: 0.6, borderColor: '#000' };

function quoteStyles(paper: PaperSettings) {
  const base = baseFontSize(paper);
  const cell = { ...cellBase, paddingVertical: base * 0.25, paddingHorizontal: base * 0.3 };
  return StyleSheet.create({
    page: { ...pageGeometry(paper).padding, fontFamily: FONT_FAMILY, fontSize: base, lineHeight: 1.35 },
    headerRow: { flexDirection: 'row', justifyContent: 'space-between' },
    bold: { fontWeight: 'bold' },
    italic: { fontStyle: 'italic' },
    title: { fontWeight: 'bold', fontSize: base * 1.6, lineHeight: 1.3, textAlign: 'center', marginTop: base * 0.8 },
    centered: { textAlign: 'center' },
    section: { marginTop: base * 0.8 },
    table: { marginTop: base * 0.6, borderTopWidth: 0.6, borderLeftWidth: 0.6, borderColor: '#000' },
    tr: { flexDirection: 'row' },
    th: { ...cell, fontWeight: 'bold', textAlign: 'center' },
    td: cell,
    colOrdinal: { width: '7%', textAlign: 'center' },
    colName: { width: '37%' },
    colUnit: { width: '10%', textAlign: 'center' },
    colQuantity: { width: '12%', textAlign: 'right' },
    colPrice: { width: '16%', textAlign: 'right' },
    colAmount: { width: '18%', textAlign: 'right' },
    colTotalLabel: { width: '82%' },
    signatures: { flexDirection: 'row', marginTop: base * 1.4 },
    signature: { width: '50%', alignItems: 'center' },
  });
}

/** 12.5 → "12,5": quantities may carry up to three decimals, written the Vietnamese way. */
function formatQuantityVi(q: number): string {
  return q.toLocaleString('vi-VN', { maximumFractionDigits: 3 });
}

export function WorkOrderQuotePdfDocument({ doc, paper }: { doc: WorkOrderQuoteDocument; paper: PaperSettings }) {
  const s = quoteStyles(paper);
  return (
    <Document title={`Báo giá lắp đặt ${doc.trackingCode}`} creator="capnuoc" producer="capnuoc" language="vi">
      <Page size={pageGeometry(paper).size} style={s.page}>
        <View style={s.headerRow}>
          <View>
            <Text style={s.bold}>{doc.company.name}</Text>
            <Text>Địa chỉ: {doc.company.address}</Text>
            {doc.company.taxCode ? <Text>Mã số thuế: {doc.company.taxCode}</Text> : null}
            {doc.company.phone ? <Text>Điện thoại: {doc.company.phone}</Text> : null}
          </View>
          <View style={{ alignItems: 'flex-end' }}>
            <Text>
              Mã phiếu: <Text style={s.bold}>{doc.trackingCode}</Text>
            </Text>
          </View>
        </View>

        <Text style={s.title}>BÁO GIÁ LẮP ĐẶT ĐỒNG HỒ NƯỚC</Text>
        <Text style={[s.centered, s.italic]}>{formatLongDateVi(doc.quotedOn)}</Text>

        <View style={s.section}>
          <Text>
            Người đăng ký: <Text style={s.bold}>{doc.applicant.name}</Text>
          </Text>
          <Text>Điện thoại: {doc.applicant.phone}</Text>
          <Text>Địa chỉ lắp đặt: {doc.applicant.address}</Text>
          {doc.serviceTypeName ? <Text>Mục đích sử dụng: {doc.serviceTypeName}</Text> : null}
        </View>

        <View style={s.table}>
          <View style={s.tr} wrap={false}>
            <Text style={[s.th, s.colOrdinal]}>STT</Text>
            <Text style={[s.th, s.colName]}>Vật tư, công việc</Text>
            <Text style={[s.th, s.colUnit]}>ĐVT</Text>
            <Text style={[s.th, s.colQuantity]}>Số lượng</Text>
            <Text style={[s.th, s.colPrice]}>Đơn giá</Text>
            <Text style={[s.th, s.colAmount]}>Thành tiền</Text>
          </View>
          {doc.lines.map((line, i) => (
            <View style={s.tr} key={i} wrap={false}>
              <Text style={[s.td, s.colOrdinal]}>{i + 1}</Text>
              <Text style={[s.td, s.colName]}>{line.name}</Text>
              <Text style={[s.td, s.colUnit]}>{line.unit}</Text>
              <Text style={[s.td, s.colQuantity]}>{formatQuantityVi(line.quantity)}</Text>
              <Text style={[s.td, s.colPrice]}>{formatVnd(line.unitPrice)}</Text>
              <Text style={[s.td, s.colAmount]}>{formatVnd(line.amount)}</Text>
            </View>
          ))}
          <View style={s.tr} wrap={false}>
            <Text style={[s.td, s.colTotalLabel, s.bold]}>Tổng cộng</Text>
            <Text style={[s.td, s.colAmount, s.bold]}>{formatVnd(doc.total)}</Text>
          </View>
        </View>

        <Text style={s.section}>
          Số tiền viết bằng chữ: <Text style={s.italic}>{doc.totalInWords}</Text>
        </Text>
        <Text style={s.italic}>Báo giá có giá trị trong {doc.validDays} ngày kể từ ngày lập.</Text>

        <View style={s.signatures} wrap={false}>
          <View style={s.signature}>
            <Text style={s.bold}>Người đăng ký</Text>
            <Text style={s.italic}>(Ký, ghi rõ họ tên)</Text>
          </View>
          <View style={s.signature}>
            <Text style={s.bold}>Đại diện công ty</Text>
            <Text style={s.italic}>(Ký, ghi rõ họ tên, đóng dấu)</Text>
          </View>
        </View>
      </Page>
    </Document>
  );
}
