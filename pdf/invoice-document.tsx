/**
 * The printed water invoice (HÓA ĐƠN GIÁ TRỊ GIA TĂNG (TIỀN NƯỚC)), drawn from InvoiceDocument: the same object the
 * e-invoice XML is built from, so the paper copy cannot say something the legal XML does not.
 *
 * A book prints thousands of pages, and react-pdf's cost grows with the number of Texts, lines and style runs on a
 * page far more than with the length of the text: every Text is a yoga node and an attributed string, every line
 * a pass through textkit's pipeline (bidi, script and font runs, line breaking), every run a font switch in pdfkit.
 * So lines that follow each other share one Text (broken with "\n"), each Text's content is one string wherever
 * the styling allows, margins between such lines become taller lines, widths are fixed so that yoga measures each
 * Text once at its final width, and the amounts table is drawn as a grid (invoice-table.tsx).
 */
import { Document, Page, StyleSheet, Text, View } from '@react-pdf/renderer';
import type { InvoiceDocument, InvoiceDocumentLine } from '@/domain/invoices/invoice-document';
import { formatVnd } from '@/domain/invoices/format-vnd';
import { FONT_FAMILY } from './fonts';
import { formatDateVi, formatInvoiceNumber, formatLongDateVi, formatPeriodVi, formatQuantity } from './format';
import { baseFontSize, mmToPt, pageGeometry, type PaperSettings } from './paper';
import { InvoiceTable, invoiceTableLayout, type InvoiceTableRows } from './invoice-table';
import { QrCode } from './qr-code';
import { Watermark } from './watermark';

export interface InvoicePrintOptions {
  paper: PaperSettings;
  /** 2 prints the "Liên 2 – bản sao" mark: a reprint for a customer who lost the original. */
  copy?: 1 | 2;
}

const INVOICE_TITLE = 'HÓA ĐƠN GIÁ TRỊ GIA TĂNG (TIỀN NƯỚC)';
const COPY_2_MARK = 'Liên 2 – bản sao';

function qrSize(paper: PaperSettings): number {
  return mmToPt(Math.min(26, Math.max(18, baseFontSize(paper) * 3.2)));
}

function invoiceStyles(paper: PaperSettings) {
  const base = baseFontSize(paper);
  const contentWidth = mmToPt(paper.widthMm - paper.marginLeftMm - paper.marginRightMm);
  return {
    ...StyleSheet.create({
      page: { ...pageGeometry(paper).padding, fontFamily: FONT_FAMILY, fontSize: base, lineHeight: 1.3, color: '#000' },
      body: { height: mmToPt(paper.heightMm - paper.marginTopMm - paper.marginBottomMm) },
      headerRow: { flexDirection: 'row', marginBottom: base * 0.6 },
      // Fixed widths, not flex: react-pdf lays a text out once, at the first width it is offered, and does not redo
      // it when flexbox later shrinks the box, so the lines would overflow.
      seller: { width: contentWidth * 0.68, paddingRight: base },
      sellerName: { fontWeight: 'bold', fontSize: base * 1.1 },
      series: { width: contentWidth * 0.32, textAlign: 'right' },
      bold: { fontWeight: 'bold' },
      italic: { fontStyle: 'italic' },
      small: { fontSize: base * 0.85 },
      heading: { textAlign: 'center', marginTop: base * 0.3 },
      // Line heights in points: a unitless one set on the page would be resolved against the page's font size and
      // inherited as is, so larger text would overlap the next line.
      title: { fontWeight: 'bold', fontSize: base * 1.45, lineHeight: 1.3 },
      // Lines of one Text take no margins: a gap above a line is a taller line before it (its text stays on top).
      dateBeforeMark: { fontStyle: 'italic', lineHeight: `${base * 1.5}pt` },
      section: { marginTop: base * 0.6 },
      words: { marginTop: base * 0.5 },
      footerRow: { flexDirection: 'row', marginTop: base * 0.8, alignItems: 'flex-start' },
      qrText: { width: contentWidth - qrSize(paper), paddingLeft: base * 0.8, paddingTop: base * 0.3 },
      lookup: { marginTop: base * 0.6 },
      lookupCodeBeforeNotes: { fontWeight: 'bold', lineHeight: `${base * 1.7}pt` },
      notesOnly: { marginTop: base * 0.4 },
      note: { fontSize: base * 0.85, fontStyle: 'italic' },
      noteBeforeNote: { fontSize: base * 0.85, fontStyle: 'italic', lineHeight: `${base * 1.7}pt` },
    }),
    table: invoiceTableLayout(paper, contentWidth),
  };
}

type InvoiceStyles = ReturnType<typeof invoiceStyles>;

/** Lines with a quantity go in the tier table; tax and fee lines are summed below it. */
function isTableLine(line: InvoiceDocumentLine): boolean {
  return line.kind === 'water' || line.kind === 'adjustment' || line.unit !== null;
}

function tableRows(doc: InvoiceDocument): InvoiceTableRows {
  const chargeLines = doc.lines.filter((l) => !isTableLine(l));
  const summary: [string, string][] = [['Cộng tiền nước (chưa thuế)', formatVnd(doc.subtotal)]];
  if (!chargeLines.some((l) => l.kind === 'vat')) summary.push(['Thuế GTGT', formatVnd(doc.vat)]);
  for (const line of chargeLines) {
    const label = line.vatRate && line.kind === 'vat' ? `${line.description} (${line.vatRate})` : line.description;
    summary.push([label, formatVnd(line.amount)]);
  }
  summary.push(['Tổng cộng tiền thanh toán', formatVnd(doc.total)]);
  return {
    lines: doc.lines
      .filter(isTableLine)
      .map((line) => [
        line.description,
        formatQuantity(line.quantity),
        line.unitPrice === null ? '' : formatVnd(line.unitPrice),
        formatVnd(line.amount),
      ]),
    summary,
  };
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

/** The notes under the invoice, one per line: status, reason of a cancellation, e-invoice statement. */
function footNotes(doc: InvoiceDocument): string[] {
  const notes: string[] = [];
  const statusNote = STATUS_NOTES[doc.status];
  if (statusNote) notes.push(statusNote);
  if (doc.status === 'CANCELLED' && doc.cancelReason) notes.push(`Lý do hủy: ${doc.cancelReason}`);
  if (doc.status !== 'DRAFT') notes.push('Bản thể hiện của hóa đơn điện tử.');
  return notes;
}

const GAP = '      ';

/** One invoice on one page. */
function InvoicePage({ doc, s, options }: { doc: InvoiceDocument; s: InvoiceStyles; options: InvoicePrintOptions }) {
  const { paper } = options;
  const isPayable = doc.status !== 'CANCELLED' && doc.status !== 'REPLACED' && doc.total > 0 && doc.vietQr !== '';
  const w = doc.water;
  const note = relatedNote(doc);
  const notes = footNotes(doc);
  const sellerContacts = [
    doc.seller.taxCode ? `Mã số thuế: ${doc.seller.taxCode}` : '',
    doc.seller.phone ? `Điện thoại: ${doc.seller.phone}` : '',
  ]
    .filter(Boolean)
    .join(' – ');
  const readingDates =
    w.readingFrom || w.readingTo
      ? `${GAP}Từ ngày ${formatDateVi(w.readingFrom)} đến ngày ${formatDateVi(w.readingTo)}`
      : '';

  return (
    // wrap={false}: an invoice is one page by definition (a book's page count is its invoice count), and it spares
    // react-pdf's page-splitting pass, a tenth of the rendering time. Such a page takes the height of its content
    // (react-pdf 4.9 skips the step that sets it to the paper's), hence the body's fixed height.
    <Page size={pageGeometry(paper).size} style={s.page} wrap={false}>
      {doc.status === 'DRAFT' ? <Watermark text="BẢN NHÁP" paper={paper} /> : null}
      {doc.status === 'CANCELLED' ? <Watermark text="ĐÃ HỦY" paper={paper} /> : null}
      <View style={s.body}>
        <View style={s.headerRow}>
          <Text style={s.seller}>
            <Text style={s.sellerName}>{`${doc.seller.name}\n`}</Text>
            {`Địa chỉ: ${doc.seller.address}${sellerContacts ? `\n${sellerContacts}` : ''}`}
          </Text>
          <Text style={s.series}>
            {'Ký hiệu: '}
            <Text style={s.bold}>{`${seriesOf(doc)}\n`}</Text>
            {'Số: '}
            <Text style={s.bold}>{doc.number === null ? '(chưa cấp số)' : formatInvoiceNumber(doc.number)}</Text>
          </Text>
        </View>

        <Text style={s.heading}>
          <Text style={s.title}>{`${INVOICE_TITLE}\n`}</Text>
          <Text style={options.copy === 2 ? s.dateBeforeMark : s.italic}>
            {`${doc.issuedOn ? formatLongDateVi(doc.issuedOn) : 'Bản nháp – chưa phát hành'}${options.copy === 2 || note ? '\n' : ''}`}
          </Text>
          {options.copy === 2 ? <Text style={s.bold}>{`${COPY_2_MARK}${note ? '\n' : ''}`}</Text> : null}
          {note ? <Text style={s.small}>{note}</Text> : null}
        </Text>

        <Text style={s.section}>
          {'Mã khách hàng: '}
          <Text style={s.bold}>{doc.buyer.customerCode}</Text>
          {`${GAP}Sổ: `}
          <Text style={s.bold}>{w.bookCode}</Text>
          {' – STT: '}
          <Text style={s.bold}>{`${w.sequenceNo}\n`}</Text>
          {'Tên khách hàng: '}
          <Text style={s.bold}>{`${doc.buyer.name}\n`}</Text>
          {`Địa chỉ: ${doc.buyer.address}\n${doc.buyer.taxCode ? `Mã số thuế: ${doc.buyer.taxCode}\n` : ''}Kỳ: `}
          <Text style={s.bold}>{formatPeriodVi(w.period)}</Text>
          {`${readingDates}${GAP}Số hộ: ${w.households} – Số nhân khẩu: ${w.persons}\nChỉ số cũ: `}
          <Text style={s.bold}>{formatQuantity(w.oldIndex)}</Text>
          {`${GAP}Chỉ số mới: `}
          <Text style={s.bold}>{formatQuantity(w.newIndex)}</Text>
          {`${GAP}Tiêu thụ: `}
          <Text style={s.bold}>{`${formatQuantity(w.consumption)} m³`}</Text>
        </Text>

        <InvoiceTable layout={s.table} rows={tableRows(doc)} />

        <Text style={s.words}>
          {'Số tiền viết bằng chữ: '}
          <Text style={s.italic}>{doc.totalInWords}</Text>
        </Text>

        {isPayable ? (
          <View style={s.footerRow}>
            <QrCode payload={doc.vietQr} sizePt={qrSize(paper)} />
            <Text style={s.qrText}>
              <Text style={s.bold}>{`Quét mã VietQR để thanh toán ${formatVnd(doc.total)} đ\n`}</Text>
              {`${doc.seller.bankName ? `Ngân hàng: ${doc.seller.bankName}\n` : ''}${doc.seller.bankAccount ? 'Số tài khoản: ' : ''}`}
              {doc.seller.bankAccount ? <Text style={s.bold}>{`${doc.seller.bankAccount}\n`}</Text> : null}
              {`Chủ tài khoản: ${doc.seller.name}`}
            </Text>
          </View>
        ) : null}

        {doc.lookupCode || notes.length > 0 ? (
          <Text style={doc.lookupCode ? s.lookup : s.notesOnly}>
            {doc.lookupCode ? 'Mã tra cứu hóa đơn điện tử: ' : null}
            {doc.lookupCode ? (
              <Text style={notes.length > 0 ? s.lookupCodeBeforeNotes : s.bold}>
                {`${doc.lookupCode}${notes.length > 0 ? '\n' : ''}`}
              </Text>
            ) : null}
            {notes.map((text, i) => (
              // Every note but the last carries the line break to the next one, and with it the gap between them.
              <Text key={i} style={i < notes.length - 1 ? s.noteBeforeNote : s.note}>
                {i < notes.length - 1 ? `${text}\n` : text}
              </Text>
            ))}
          </Text>
        ) : null}
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
