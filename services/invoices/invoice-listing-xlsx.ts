/** The invoice listing (bảng kê hóa đơn) as an Excel workbook: the same rows and totals as its PDF. */
import ExcelJS from 'exceljs';
import { periodLabel } from '@/domain/billing/periods';
import {
  INVOICE_STATUS_LABELS,
  listingTotals,
  type InvoiceListingDocument,
} from '@/domain/invoices/invoice-listing-document';

const VND = '#,##0';

export async function invoiceListingWorkbook(doc: InvoiceListingDocument): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = doc.company.name;
  const ws = wb.addWorksheet('Bảng kê hóa đơn', { views: [{ state: 'frozen', ySplit: 4 }] });
  ws.addRow([doc.company.name]).font = { bold: true };
  ws.addRow([
    `BẢNG KÊ HÓA ĐƠN TIỀN NƯỚC – KỲ ${periodLabel(doc.period)}${doc.book ? ` – SỔ ${doc.book.code} ${doc.book.name}` : ''}`,
  ]).font = { bold: true, size: 13 };
  ws.addRow([`Ngày in: ${doc.printedOn.split('-').reverse().join('/')}`]);
  const header = ws.addRow([
    'STT',
    'Sổ',
    'Mã KH',
    'Tên khách hàng',
    'Ký hiệu',
    'Số HĐ',
    'Ngày HĐ',
    'm³',
    'Tiền nước',
    'Thuế GTGT',
    'Phí',
    'Tổng cộng',
    'Trạng thái',
  ]);
  header.font = { bold: true };
  for (const r of doc.rows)
    ws.addRow([
      r.sequenceNo,
      r.bookCode,
      r.customerCode,
      r.customerName,
      r.series,
      r.number,
      r.issuedOn ? r.issuedOn.split('-').reverse().join('/') : null,
      r.consumption,
      r.subtotal,
      r.vat,
      r.fees,
      r.total,
      INVOICE_STATUS_LABELS[r.status],
    ]);
  const t = listingTotals(doc.rows);
  const totalRow = ws.addRow([
    null,
    null,
    null,
    `Cộng (${t.invoices} hóa đơn, không tính hóa đơn đã hủy, bị thay thế)`,
    null,
    null,
    null,
    t.consumption,
    t.subtotal,
    t.vat,
    t.fees,
    t.total,
    null,
  ]);
  totalRow.font = { bold: true };
  for (const col of [9, 10, 11, 12]) ws.getColumn(col).numFmt = VND;
  ws.getColumn(8).numFmt = VND;
  const widths = [6, 8, 12, 32, 10, 10, 11, 8, 13, 12, 12, 14, 14];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
