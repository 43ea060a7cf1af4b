/**
 * The invoice listing (bảng kê hóa đơn) of a book or a period on landscape A4: the title, page number and column
 * headings repeat on every page, totals close the last one.
 */
import { Document, Page, StyleSheet, Text, View } from '@react-pdf/renderer';
import { formatVnd } from '@/domain/invoices/format-vnd';
import {
  INVOICE_STATUS_LABELS,
  listingTotals,
  type InvoiceListingDocument,
} from '@/domain/invoices/invoice-listing-document';
import { FONT_FAMILY } from './fonts';
import { formatDateVi, formatInvoiceNumber, formatPeriodVi, formatQuantity } from './format';
import { pageGeometry, resolvePaper } from './paper';

const LISTING_TITLE = 'BẢNG KÊ HÓA ĐƠN TIỀN NƯỚC';

const PAPER = resolvePaper({ widthMm: 297, heightMm: 210, marginMm: 10 });
const BASE = 7.5;
const cell = { paddingVertical: 1.5, paddingHorizontal: 2.5, borderRightWidth: 0.5, borderColor: '#000' };

const s = StyleSheet.create({
  page: { ...pageGeometry(PAPER).padding, fontFamily: FONT_FAMILY, fontSize: BASE, lineHeight: 1.25 },
  header: { marginBottom: 6 },
  headerRow: { flexDirection: 'row', justifyContent: 'space-between' },
  bold: { fontWeight: 'bold' },
  title: { fontWeight: 'bold', fontSize: BASE * 1.7, lineHeight: 1.3, textAlign: 'center' },
  centered: { textAlign: 'center' },
  table: { borderTopWidth: 0.5, borderLeftWidth: 0.5, borderColor: '#000' },
  tr: { flexDirection: 'row', borderBottomWidth: 0.5, borderColor: '#000' },
  th: { ...cell, fontWeight: 'bold', textAlign: 'center' },
  td: cell,
  right: { textAlign: 'right' },
  cSeq: { width: '5%', textAlign: 'right' },
  cCode: { width: '9%' },
  cName: { width: '20%' },
  oneLine: { maxLines: 1, textOverflow: 'ellipsis' },
  cSeries: { width: '7%' },
  cNumber: { width: '7%' },
  cM3: { width: '6%', textAlign: 'right' },
  cSubtotal: { width: '10%', textAlign: 'right' },
  cVat: { width: '8%', textAlign: 'right' },
  cFees: { width: '8%', textAlign: 'right' },
  cTotal: { width: '10%', textAlign: 'right' },
  cStatus: { width: '10%' },
  totalsLabel: { width: '48%', fontWeight: 'bold' },
  note: { marginTop: 4, fontStyle: 'italic' },
});

/**
 * Rows per page. The listing is paged here rather than by react-pdf: each row is one line (a long name is cut with
 * an ellipsis), so the count is exact, and the page header can say "Trang 2/5" (react-pdf 4.9's legacy pagination
 * drops the text of a `render` prop).
 */
export const LISTING_ROWS_PER_PAGE = 36;

function chunk<T>(items: readonly T[], size: number): T[][] {
  const pages: T[][] = [];
  for (let i = 0; i < items.length; i += size) pages.push(items.slice(i, i + size));
  return pages.length > 0 ? pages : [[]];
}

export function InvoiceListingPdfDocument({ doc }: { doc: InvoiceListingDocument }) {
  const totals = listingTotals(doc.rows);
  const scope = doc.book
    ? `Sổ ${doc.book.code} – ${doc.book.name} – Kỳ ${formatPeriodVi(doc.period)}`
    : `Kỳ ${formatPeriodVi(doc.period)}`;
  const pages = chunk(doc.rows, LISTING_ROWS_PER_PAGE);
  return (
    <Document title={`Bảng kê hóa đơn ${scope}`} creator="capnuoc" producer="capnuoc" language="vi">
      {pages.map((rows, pageIndex) => (
        <Page key={pageIndex} size={pageGeometry(PAPER).size} style={s.page}>
          <View style={s.header}>
            <View style={s.headerRow}>
              <Text style={s.bold}>{doc.company.name}</Text>
              <Text>
                Ngày in: {formatDateVi(doc.printedOn)} – Trang {pageIndex + 1}/{pages.length}
              </Text>
            </View>
            <Text style={s.title}>{LISTING_TITLE}</Text>
            <Text style={s.centered}>{scope}</Text>
          </View>
          <View style={s.table}>
            <View style={s.tr}>
              <Text style={[s.th, s.cSeq]}>STT</Text>
              <Text style={[s.th, s.cCode]}>Mã KH</Text>
              <Text style={[s.th, s.cName]}>Tên khách hàng</Text>
              <Text style={[s.th, s.cSeries]}>Ký hiệu</Text>
              <Text style={[s.th, s.cNumber]}>Số HĐ</Text>
              <Text style={[s.th, s.cM3]}>m³</Text>
              <Text style={[s.th, s.cSubtotal]}>Tiền nước</Text>
              <Text style={[s.th, s.cVat]}>Thuế GTGT</Text>
              <Text style={[s.th, s.cFees]}>Phí</Text>
              <Text style={[s.th, s.cTotal]}>Tổng cộng</Text>
              <Text style={[s.th, s.cStatus]}>Trạng thái</Text>
            </View>
            {rows.map((row, i) => (
              <View style={s.tr} key={i}>
                <Text style={[s.td, s.cSeq]}>{row.sequenceNo}</Text>
                <Text style={[s.td, s.cCode]}>{row.customerCode}</Text>
                <Text style={[s.td, s.cName, s.oneLine]}>{row.customerName}</Text>
                <Text style={[s.td, s.cSeries]}>{row.series}</Text>
                <Text style={[s.td, s.cNumber]}>{formatInvoiceNumber(row.number)}</Text>
                <Text style={[s.td, s.cM3]}>{formatQuantity(row.consumption)}</Text>
                <Text style={[s.td, s.cSubtotal]}>{formatVnd(row.subtotal)}</Text>
                <Text style={[s.td, s.cVat]}>{formatVnd(row.vat)}</Text>
                <Text style={[s.td, s.cFees]}>{formatVnd(row.fees)}</Text>
                <Text style={[s.td, s.cTotal]}>{formatVnd(row.total)}</Text>
                <Text style={[s.td, s.cStatus]}>{INVOICE_STATUS_LABELS[row.status]}</Text>
              </View>
            ))}
            {pageIndex === pages.length - 1 ? (
              <View style={s.tr}>
                <Text style={[s.td, s.totalsLabel]}>Tổng cộng ({formatQuantity(totals.invoices)} hóa đơn)</Text>
                <Text style={[s.td, s.cM3, s.bold]}>{formatQuantity(totals.consumption)}</Text>
                <Text style={[s.td, s.cSubtotal, s.bold]}>{formatVnd(totals.subtotal)}</Text>
                <Text style={[s.td, s.cVat, s.bold]}>{formatVnd(totals.vat)}</Text>
                <Text style={[s.td, s.cFees, s.bold]}>{formatVnd(totals.fees)}</Text>
                <Text style={[s.td, s.cTotal, s.bold]}>{formatVnd(totals.total)}</Text>
                <Text style={[s.td, s.cStatus]} />
              </View>
            ) : null}
          </View>
          {pageIndex === pages.length - 1 ? (
            <Text style={s.note}>Tổng cộng không tính các hóa đơn đã hủy hoặc đã bị thay thế.</Text>
          ) : null}
        </Page>
      ))}
    </Document>
  );
}
