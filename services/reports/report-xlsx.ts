/**
 * The payment reports as Excel workbooks: the same rows and totals as their PDFs, amounts as numbers (formatted
 * #,##0) so that the sheet sums them again.
 */
import ExcelJS from 'exceljs';
import { DEBT_AGE_BUCKETS, DEBT_AGE_LABELS } from '@/domain/payments/debt-age';
import {
  COLLECTION_GROUP_LABELS,
  DEBT_GROUP_LABELS,
  formatReportDate,
  formatReportDateTime,
  type CollectionReportDocument,
  type CollectorSettlementSheetDocument,
  type DebtReportDocument,
} from '@/domain/payments/payment-reports';

const VND = '#,##0';

function head(ws: ExcelJS.Worksheet, company: string, title: string, scope: string, printedOn: string): void {
  ws.addRow([company]).font = { bold: true };
  ws.addRow([title]).font = { bold: true, size: 13 };
  ws.addRow([scope]);
  ws.addRow([`Ngày in: ${formatReportDate(printedOn)}`]);
}

function finish(ws: ExcelJS.Worksheet, widths: number[], moneyColumns: number[]): void {
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  for (const col of moneyColumns) ws.getColumn(col).numFmt = VND;
}

async function bufferOf(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function debtReportWorkbook(doc: DebtReportDocument): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = doc.company.name;
  const ws = wb.addWorksheet('Công nợ', { views: [{ state: 'frozen', ySplit: 5 }] });
  head(
    ws,
    doc.company.name,
    `BÁO CÁO CÔNG NỢ THEO ${DEBT_GROUP_LABELS[doc.groupBy].toUpperCase()} VÀ TUỔI NỢ`,
    `Tính đến ngày ${formatReportDate(doc.asOf)} (tuổi nợ tính từ ngày phát hành hóa đơn)`,
    doc.printedOn,
  );
  const parent = doc.groupBy === 'book' ? 'Tuyến' : 'Chi nhánh';
  ws.addRow([
    `Mã ${DEBT_GROUP_LABELS[doc.groupBy].toLowerCase()}`,
    'Tên',
    parent,
    'Số KH nợ',
    'Số HĐ nợ',
    ...DEBT_AGE_BUCKETS.map((b) => DEBT_AGE_LABELS[b]),
    'Tổng nợ',
  ]).font = { bold: true };
  for (const r of doc.rows)
    ws.addRow([r.code, r.name, r.parentCode, r.customers, r.invoices, ...DEBT_AGE_BUCKETS.map((b) => r[b]), r.total]);
  const t = doc.totals;
  ws.addRow(['Tổng cộng', null, null, t.customers, t.invoices, ...DEBT_AGE_BUCKETS.map((b) => t[b]), t.total]).font = {
    bold: true,
  };
  finish(ws, [12, 28, 10, 10, 10, 15, 15, 15, 15, 16], [4, 5, 6, 7, 8, 9, 10]);
  return bufferOf(wb);
}

export async function collectionReportWorkbook(doc: CollectionReportDocument): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = doc.company.name;
  const ws = wb.addWorksheet('Thu tiền', { views: [{ state: 'frozen', ySplit: 5 }] });
  head(
    ws,
    doc.company.name,
    `TỔNG HỢP THU TIỀN THEO ${COLLECTION_GROUP_LABELS[doc.groupBy].toUpperCase()}`,
    `Từ ngày ${formatReportDate(doc.from)} đến ngày ${formatReportDate(doc.to)} (khoản hủy tính vào ngày hủy)`,
    doc.printedOn,
  );
  ws.addRow([
    COLLECTION_GROUP_LABELS[doc.groupBy],
    'Số khoản thu',
    'Tiền thu',
    'Số khoản hủy',
    'Tiền hủy',
    'Thực thu',
  ]).font = { bold: true };
  for (const r of doc.rows)
    ws.addRow([r.label, r.paymentCount, r.paymentAmount, r.reversalCount, r.reversalAmount, r.netAmount]);
  const t = doc.totals;
  ws.addRow(['Tổng cộng', t.paymentCount, t.paymentAmount, t.reversalCount, t.reversalAmount, t.netAmount]).font = {
    bold: true,
  };
  finish(ws, [44, 12, 16, 12, 16, 16], [2, 3, 4, 5, 6]);
  return bufferOf(wb);
}

export async function collectorSettlementWorkbook(doc: CollectorSettlementSheetDocument): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = doc.company.name;
  const ws = wb.addWorksheet('Quyết toán thu ngân');
  head(
    ws,
    doc.company.name,
    'BẢNG QUYẾT TOÁN THU NGÂN VIÊN',
    `Thu ngân viên: ${doc.collector.fullName} (${doc.collector.login}) – Ngày ${formatReportDate(doc.day)}`,
    doc.printedOn,
  );
  ws.addRow(['STT', 'Số phiếu thu', 'Giờ thu', 'Mã KH', 'Tên khách hàng', 'Sổ', 'Số tiền', 'Ghi chú']).font = {
    bold: true,
  };
  doc.payments.forEach((p, i) =>
    ws.addRow([
      i + 1,
      p.receiptNumber,
      formatReportDateTime(p.paidAt).slice(11),
      p.customerCode,
      p.customerName,
      p.bookCode,
      p.amount,
      p.reversed ? `Đã hủy: ${p.reversalReason ?? ''}` : null,
    ]),
  );
  ws.addRow([]);
  const line = (label: string, value: number | string | null) => {
    const row = ws.addRow([null, null, null, null, label, null, value]);
    row.getCell(5).font = { bold: true };
  };
  line(`Số thu theo sổ sách (${doc.paymentCount} khoản, không tính khoản đã hủy)`, doc.recorded);
  if (doc.reversedCount > 0) line(`Khoản đã hủy (${doc.reversedCount} khoản)`, doc.reversedAmount);
  if (doc.settlement) {
    line('Số tiền đã nộp', doc.settlement.handedIn);
    line('Chênh lệch (nộp − sổ sách)', doc.settlement.difference);
    line('Xác nhận bởi', `${doc.settlement.confirmedBy} lúc ${formatReportDateTime(doc.settlement.confirmedAt)}`);
    if (doc.settlement.note) line('Ghi chú', doc.settlement.note);
  } else {
    line('Trạng thái', 'Chưa quyết toán');
  }
  finish(ws, [6, 13, 9, 12, 40, 8, 15, 30], [7]);
  return bufferOf(wb);
}
