/**
 * The printed water invoice (HÓA ĐƠN GIÁ TRỊ GIA TĂNG (TIỀN NƯỚC)), drawn from InvoiceDocument: the same object the
 * e-invoice XML is built from, so the paper copy cannot say something the legal XML does not.
 */
import { Document, Page, StyleSheet, Text, View } from '@react-pdf/renderer';
import type { InvoiceDocument, InvoiceDocumentLine } from '@/domain/invoices/invoice-document';
import { formatVnd } from '@/domain/invoices/format-vnd';
import { FONT_FAMILY } from './fonts';
import { formatDateVi, formatInvoiceNumber, formatLongDateVi, formatPeriodVi, formatQuantity } from './format';
import { baseFontSize, mmToPt, pageGeometry, type PaperSettings } from './paper';
import { QrCode } from './qr-code';
import { Watermark } from './watermark';

export interface InvoicePrintOptions {
  paper: PaperSettings;
  /** 2 prints the "Liên 2 – bản sao" mark: a reprint for a customer who lost the original. */
  copy?: 1 | 2;
}

const INVOICE_TITLE = 'HÓA ĐƠN GIÁ TRỊ GIA TĂNG (TIỀN NƯỚC)';
const COPY_2_MARK = 'Liên 2 – bản sao';

function invoiceStyles(paper: PaperSettings) {
  const base = baseFontSize(paper);
  return StyleSheet.create({
    page: { ...pageGeometry(paper).padding, fontFamily: FONT_FAMILY, fontSize: base, lineHeight: 1.3, color: '#000' },
    body: { height: mmToPt(paper.heightMm - paper.marginTopMm - paper.marginBottomMm) },
    headerRow: { flexDirection: 'row', justifyContent: 'space-between', marginBottom: base * 0.6 },
    seller: { flexGrow: 1, flexShrink: 1, paddingRight: base },
    sellerName: { fontWeight: 'bold', fontSize: base * 1.1 },
    seriesBox: { width: '32%', alignItems: 'flex-end' },
    bold: { fontWeight: 'bold' },
    italic: { fontStyle: 'italic' },
    small: { fontSize: base * 0.85 },
    // Line heights in points: a unitless one set on the page would be resolved against the page's font size and
    // inherited as is, so larger text would overlap the next line.
    title: { fontWeight: 'bold', fontSize: base * 1.45, lineHeight: 1.3, textAlign: 'center', marginTop: base * 0.3 },
    centered: { textAlign: 'center' },
    copyMark: { textAlign: 'center', fontWeight: 'bold', marginTop: base * 0.2 },
    section: { marginTop: base * 0.6 },
    table: { marginTop: base * 0.6, borderTopWidth: 0.6, borderLeftWidth: 0.6, borderColor: '#000' },
    tr: { flexDirection: 'row' },
    th: {
      fontWeight: 'bold',
      textAlign: 'center',
      borderRightWidth: 0.6,
      borderBottomWidth: 0.6,
      borderColor: '#000',
      paddingVertical: base * 0.2,
      paddingHorizontal: base * 0.3,
    },
    td: {
      borderRightWidth: 0.6,
      borderBottomWidth: 0.6,
      borderColor: '#000',
      paddingVertical: base * 0.2,
      paddingHorizontal: base * 0.3,
    },
    colDescription: { width: '46%' },
    colQuantity: { width: '16%', textAlign: 'right' },
    colPrice: { width: '17%', textAlign: 'right' },
    colAmount: { width: '21%', textAlign: 'right' },
    colSummaryLabel: { width: '79%' },
    words: { marginTop: base * 0.5 },
    footerRow: { flexDirection: 'row', marginTop: base * 0.8, alignItems: 'flex-start' },
    // A fixed width, not flex: react-pdf lays a text out once, at the first width it is offered, and does not redo
    // it when flexbox later shrinks the box, so the lines would overflow.
    qrText: { paddingLeft: base * 0.8, paddingTop: base * 0.3 },
    lookup: { marginTop: base * 0.6 },
    note: { marginTop: base * 0.4, fontSize: base * 0.85, fontStyle: 'italic' },
  });
}

type InvoiceStyles = ReturnType<typeof invoiceStyles>;

/** Lines with a quantity go in the tier table; tax and fee lines are summed below it. */
function isTableLine(line: InvoiceDocumentLine): boolean {
  return line.kind === 'water' || line.kind === 'adjustment' || line.unit !== null;
}

function SummaryRow({
  s,
  label,
  amount,
  strong,
}: {
  s: InvoiceStyles;
  label: string;
  amount: number;
  strong?: boolean;
}) {
  return (
    <View style={s.tr}>
      <Text style={[s.td, s.colSummaryLabel, strong ? s.bold : {}]}>{label}</Text>
      <Text style={[s.td, s.colAmount, strong ? s.bold : {}]}>{formatVnd(amount)}</Text>
    </View>
  );
}

function seriesOf(doc: Pick<InvoiceDocument, 'templateSymbol' | 'invoiceSymbol'>): string {
  return `${doc.templateSymbol}${doc.invoiceSymbol}`;
}

function relatedNote(doc: InvoiceDocument): string | null {
  const r = doc.related;
  if (!r) return null;
  const verb = r.relation === 'REPLACES' ? 'Thay thế cho' : 'Điều chỉnh cho';
  return `${verb} hóa đơn ký hiệu ${r.templateSymbol}${r.invoiceSymbol}, số ${formatInvoiceNumber(r.number)}, ngày ${formatDateVi(r.issuedOn)}`;
}

const STATUS_NOTES: Partial<Record<InvoiceDocument['status'], string>> = {
  REPLACED: 'Hóa đơn này đã bị thay thế bởi một hóa đơn khác.',
  ADJUSTED: 'Hóa đơn này đã được điều chỉnh bởi một hóa đơn khác.',
};

/** One invoice on one page. */
function InvoicePage({ doc, s, options }: { doc: InvoiceDocument; s: InvoiceStyles; options: InvoicePrintOptions }) {
  const { paper } = options;
  const base = baseFontSize(paper);
  const tableLines = doc.lines.filter(isTableLine);
  const chargeLines = doc.lines.filter((l) => !isTableLine(l));
  const hasVatLine = chargeLines.some((l) => l.kind === 'vat');
  const isPayable = doc.status !== 'CANCELLED' && doc.status !== 'REPLACED' && doc.total > 0 && doc.vietQr !== '';
  const w = doc.water;
  const note = relatedNote(doc);
  const statusNote = STATUS_NOTES[doc.status];
  const contentWidth = mmToPt(paper.widthMm - paper.marginLeftMm - paper.marginRightMm);
  const qrSize = mmToPt(Math.min(26, Math.max(18, base * 3.2)));

  return (
    // wrap={false}: an invoice is one page by definition (a book's page count is its invoice count), and it spares
    // react-pdf's page-splitting pass, a tenth of the rendering time. Such a page takes the height of its content
    // (react-pdf 4.9 skips the step that sets it to the paper's), hence the body's fixed height.
    <Page size={pageGeometry(paper).size} style={s.page} wrap={false}>
      {doc.status === 'DRAFT' ? <Watermark text="BẢN NHÁP" paper={paper} /> : null}
      {doc.status === 'CANCELLED' ? <Watermark text="ĐÃ HỦY" paper={paper} /> : null}
      <View style={s.body}>
        <View style={s.headerRow}>
          <View style={s.seller}>
            <Text style={s.sellerName}>{doc.seller.name}</Text>
            <Text>Địa chỉ: {doc.seller.address}</Text>
            <Text>
              {doc.seller.taxCode ? `Mã số thuế: ${doc.seller.taxCode}` : ''}
              {doc.seller.taxCode && doc.seller.phone ? ' – ' : ''}
              {doc.seller.phone ? `Điện thoại: ${doc.seller.phone}` : ''}
            </Text>
          </View>
          <View style={s.seriesBox}>
            <Text>
              Ký hiệu: <Text style={s.bold}>{seriesOf(doc)}</Text>
            </Text>
            <Text>
              Số: <Text style={s.bold}>{doc.number === null ? '(chưa cấp số)' : formatInvoiceNumber(doc.number)}</Text>
            </Text>
          </View>
        </View>

        <Text style={s.title}>{INVOICE_TITLE}</Text>
        <Text style={[s.centered, s.italic]}>
          {doc.issuedOn ? formatLongDateVi(doc.issuedOn) : 'Bản nháp – chưa phát hành'}
        </Text>
        {options.copy === 2 ? <Text style={s.copyMark}>{COPY_2_MARK}</Text> : null}
        {note ? <Text style={[s.centered, s.small]}>{note}</Text> : null}

        <View style={s.section}>
          <Text>
            Mã khách hàng: <Text style={s.bold}>{doc.buyer.customerCode}</Text>
            {'      '}Sổ: <Text style={s.bold}>{w.bookCode}</Text> – STT: <Text style={s.bold}>{w.sequenceNo}</Text>
          </Text>
          <Text>
            Tên khách hàng: <Text style={s.bold}>{doc.buyer.name}</Text>
          </Text>
          <Text>Địa chỉ: {doc.buyer.address}</Text>
          {doc.buyer.taxCode ? <Text>Mã số thuế: {doc.buyer.taxCode}</Text> : null}
          <Text>
            Kỳ: <Text style={s.bold}>{formatPeriodVi(w.period)}</Text>
            {w.readingFrom || w.readingTo
              ? `      Từ ngày ${formatDateVi(w.readingFrom)} đến ngày ${formatDateVi(w.readingTo)}`
              : ''}
            {`      Số hộ: ${w.households} – Số nhân khẩu: ${w.persons}`}
          </Text>
          <Text>
            Chỉ số cũ: <Text style={s.bold}>{formatQuantity(w.oldIndex)}</Text>
            {'      '}Chỉ số mới: <Text style={s.bold}>{formatQuantity(w.newIndex)}</Text>
            {'      '}Tiêu thụ: <Text style={s.bold}>{formatQuantity(w.consumption)} m³</Text>
          </Text>
        </View>

        <View style={s.table}>
          <View style={s.tr}>
            <Text style={[s.th, s.colDescription]}>Diễn giải</Text>
            <Text style={[s.th, s.colQuantity]}>Số lượng (m³)</Text>
            <Text style={[s.th, s.colPrice]}>Đơn giá (đ/m³)</Text>
            <Text style={[s.th, s.colAmount]}>Thành tiền (đ)</Text>
          </View>
          {tableLines.map((line) => (
            <View style={s.tr} key={line.ordinal}>
              <Text style={[s.td, s.colDescription]}>{line.description}</Text>
              <Text style={[s.td, s.colQuantity]}>{formatQuantity(line.quantity)}</Text>
              <Text style={[s.td, s.colPrice]}>{line.unitPrice === null ? '' : formatVnd(line.unitPrice)}</Text>
              <Text style={[s.td, s.colAmount]}>{formatVnd(line.amount)}</Text>
            </View>
          ))}
          <SummaryRow s={s} label="Cộng tiền nước (chưa thuế)" amount={doc.subtotal} />
          {hasVatLine ? null : <SummaryRow s={s} label="Thuế GTGT" amount={doc.vat} />}
          {chargeLines.map((line) => (
            <SummaryRow
              key={line.ordinal}
              s={s}
              label={line.vatRate && line.kind === 'vat' ? `${line.description} (${line.vatRate})` : line.description}
              amount={line.amount}
            />
          ))}
          <SummaryRow s={s} label="Tổng cộng tiền thanh toán" amount={doc.total} strong />
        </View>

        <Text style={s.words}>
          Số tiền viết bằng chữ: <Text style={s.italic}>{doc.totalInWords}</Text>
        </Text>

        {isPayable ? (
          <View style={s.footerRow}>
            <QrCode payload={doc.vietQr} sizePt={qrSize} />
            <View style={[s.qrText, { width: contentWidth - qrSize }]}>
              <Text style={s.bold}>Quét mã VietQR để thanh toán {formatVnd(doc.total)} đ</Text>
              {doc.seller.bankName ? <Text>Ngân hàng: {doc.seller.bankName}</Text> : null}
              {doc.seller.bankAccount ? (
                <Text>
                  Số tài khoản: <Text style={s.bold}>{doc.seller.bankAccount}</Text>
                </Text>
              ) : null}
              <Text>Chủ tài khoản: {doc.seller.name}</Text>
            </View>
          </View>
        ) : null}
        {doc.lookupCode ? (
          <Text style={s.lookup}>
            Mã tra cứu hóa đơn điện tử: <Text style={s.bold}>{doc.lookupCode}</Text>
          </Text>
        ) : null}

        {statusNote ? <Text style={s.note}>{statusNote}</Text> : null}
        {doc.status === 'CANCELLED' && doc.cancelReason ? (
          <Text style={s.note}>Lý do hủy: {doc.cancelReason}</Text>
        ) : null}
        {doc.status !== 'DRAFT' ? <Text style={s.note}>Bản thể hiện của hóa đơn điện tử.</Text> : null}
      </View>
    </Page>
  );
}

/** Several invoices, one page each, in the order given (a book prints in sequence order). */
export function InvoicesPdfDocument({
  docs,
  options,
  title,
}: {
  docs: readonly InvoiceDocument[];
  options: InvoicePrintOptions;
  title?: string;
}) {
  const s = invoiceStyles(options.paper);
  return (
    <Document title={title ?? 'Hóa đơn tiền nước'} creator="capnuoc" producer="capnuoc" language="vi">
      {docs.map((doc) => (
        <InvoicePage key={doc.id} doc={doc} s={s} options={options} />
      ))}
    </Document>
  );
}
