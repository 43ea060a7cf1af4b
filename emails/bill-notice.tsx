import { z } from 'zod';
import { paymentCode, vietQrPayload } from '@/domain/invoices/vietqr';
import { companyTextFooter } from './company';
import { formatDateVi, formatPeriodVi, link, vnd } from './format';
import { EmailButton, EmailLayout, FactTable, Paragraph } from './layout';
import { imageSrc, qrPng } from './qr-image';
import { renderHtml } from './render';
import type { NoticeTemplate } from './template';

const schema = z.object({
  customerName: z.string(),
  customerCode: z.string(),
  address: z.string().nullish(),
  period: z.string().regex(/^\d{4}-\d{2}$/),
  oldIndex: z.number().int().nullish(),
  newIndex: z.number().int().nullish(),
  consumption: z.number().int(),
  total: z.number().int(),
  amountDue: z.number().int(),
  dueDate: z.string(),
  invoiceNumber: z.number().int().nullish(),
});
export type BillNoticeParams = z.infer<typeof schema>;

const QR_CID = 'vietqr@capnuoc';

/** The VietQR payload for the amount due, or null when the company has no bank account set (no code printed). */
function qrPayloadOf(p: BillNoticeParams, company: { bankBin?: string | null; bankAccount?: string | null }) {
  if (!company.bankBin || !company.bankAccount || p.amountDue <= 0) return null;
  return vietQrPayload({
    bankBin: company.bankBin,
    accountNumber: company.bankAccount,
    amount: p.amountDue,
    billNumber: p.invoiceNumber == null ? null : String(p.invoiceNumber),
    purpose: paymentCode(p.customerCode, p.period),
  });
}

export const billNotice: NoticeTemplate<BillNoticeParams> = {
  id: 'BILL',
  title: 'Thông báo tiền nước',
  schema,
  sample: {
    customerName: 'Nguyễn Thị Hoa',
    customerCode: 'KH0000123',
    address: '12 Lê Lợi, phường Bến Thành',
    period: '2026-11',
    oldIndex: 1234,
    newIndex: 1252,
    consumption: 18,
    total: 215_460,
    amountDue: 215_460,
    dueDate: '2026-12-15',
    invoiceNumber: 1542,
  },
  async email(p, { company, baseUrl, images }) {
    const lookupUrl = link(baseUrl, '/tra-cuu');
    const qr = qrPayloadOf(p, company);
    const image = qr ? await qrPng(qr, QR_CID) : null;
    const title = `Thông báo tiền nước kỳ ${formatPeriodVi(p.period)}`;
    const index = p.oldIndex != null && p.newIndex != null ? `${p.oldIndex} → ${p.newIndex}` : 'Không có chỉ số kỳ này';
    const html = renderHtml(
      <EmailLayout company={company} title={title} preview={`Số tiền phải trả: ${vnd(p.amountDue)}`}>
        <Paragraph>Kính gửi quý khách {p.customerName},</Paragraph>
        <Paragraph>
          {company.name} xin thông báo tiền nước kỳ {formatPeriodVi(p.period)} của quý khách:
        </Paragraph>
        <FactTable
          rows={[
            ['Mã khách hàng', p.customerCode],
            ...(p.address ? ([['Địa chỉ', p.address]] as [string, string][]) : []),
            ['Chỉ số cũ → mới', index],
            ['Lượng nước tiêu thụ', `${p.consumption} m³`],
            ['Tiền nước kỳ này', vnd(p.total)],
            ['Số tiền phải thanh toán', vnd(p.amountDue)],
            ['Hạn thanh toán', formatDateVi(p.dueDate)],
          ]}
        />
        {image && qr && (
          <>
            <Paragraph>
              Quét mã VietQR bằng ứng dụng ngân hàng để thanh toán đúng số tiền, nội dung chuyển khoản đã được điền sẵn
              ({paymentCode(p.customerCode, p.period)}):
            </Paragraph>
            <p style={{ textAlign: 'center', margin: '8px 0 16px' }}>
              {/* A mail, not a Next.js page: next/image does not exist in a mail program. */}
              {/* eslint-disable-next-line @next/next/no-img-element */}
              <img src={imageSrc(image, images)} width={200} height={200} alt="Mã VietQR thanh toán tiền nước" />
            </p>
            {company.bankAccount && (
              <Paragraph>
                Hoặc chuyển khoản đến tài khoản {company.bankAccount}
                {company.bankName ? ` tại ${company.bankName}` : ''}.
              </Paragraph>
            )}
          </>
        )}
        <p style={{ margin: '16px 0' }}>
          <EmailButton href={lookupUrl}>Tra cứu hóa đơn</EmailButton>
        </p>
        <Paragraph>
          Quý khách có thể xem và tải hóa đơn điện tử tại <a href={lookupUrl}>{lookupUrl}</a>. Xin cảm ơn quý khách đã
          sử dụng nước sạch.
        </Paragraph>
      </EmailLayout>,
    );
    const text = [
      `Kính gửi quý khách ${p.customerName},`,
      '',
      `${company.name} xin thông báo tiền nước kỳ ${formatPeriodVi(p.period)} của quý khách:`,
      `- Mã khách hàng: ${p.customerCode}`,
      ...(p.address ? [`- Địa chỉ: ${p.address}`] : []),
      `- Chỉ số cũ → mới: ${index}`,
      `- Lượng nước tiêu thụ: ${p.consumption} m³`,
      `- Tiền nước kỳ này: ${vnd(p.total)}`,
      `- Số tiền phải thanh toán: ${vnd(p.amountDue)}`,
      `- Hạn thanh toán: ${formatDateVi(p.dueDate)}`,
      '',
      ...(qr
        ? [
            `Chuyển khoản đến tài khoản ${company.bankAccount}${company.bankName ? ` tại ${company.bankName}` : ''}, nội dung: ${paymentCode(p.customerCode, p.period)} (hoặc quét mã VietQR trong thư).`,
            '',
          ]
        : []),
      `Tra cứu và tải hóa đơn điện tử: ${lookupUrl}`,
      '',
      companyTextFooter(company),
    ].join('\n');
    return { subject: `${title} – ${p.customerCode}`, html, text, images: image ? [image] : [] };
  },
  sms(p, { company, baseUrl }) {
    return `${company.name}: Tiền nước kỳ ${formatPeriodVi(p.period)} của KH ${p.customerCode}: ${p.consumption} m³, số tiền ${vnd(p.amountDue)}, hạn thanh toán ${formatDateVi(p.dueDate)}. Tra cứu: ${link(baseUrl, '/tra-cuu')}`;
  },
  zns: {
    templateId: '301001',
    content:
      'Kính gửi <customer_name>, tiền nước kỳ <period> của mã KH <customer_code>: chỉ số <old_index> - <new_index>, tiêu thụ <consumption> m3, số tiền <amount> đồng, hạn thanh toán <due_date>. Tra cứu hóa đơn tại cổng thông tin khách hàng.',
    maxLengths: {
      customer_name: 30,
      period: 7,
      customer_code: 16,
      old_index: 10,
      new_index: 10,
      consumption: 10,
      amount: 15,
      due_date: 10,
    },
    params: (p) => ({
      customer_name: p.customerName,
      period: formatPeriodVi(p.period),
      customer_code: p.customerCode,
      old_index: p.oldIndex == null ? '-' : String(p.oldIndex),
      new_index: p.newIndex == null ? '-' : String(p.newIndex),
      consumption: String(p.consumption),
      amount: vnd(p.amountDue).replace(' đồng', ''),
      due_date: formatDateVi(p.dueDate),
    }),
  },
};
