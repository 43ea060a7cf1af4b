import { z } from 'zod';
import { companyTextFooter } from './company';
import { formatDateVi, link, vnd } from './format';
import { EmailLayout, FactTable, Paragraph } from './layout';
import { renderHtml } from './render';
import type { NoticeTemplate } from './template';

const CHANNEL_LABELS: Record<string, string> = {
  counter: 'Tại quầy',
  collector: 'Thu tại nhà',
  partner: 'Qua đối tác thu hộ',
  bank_transfer: 'Chuyển khoản ngân hàng',
};

const schema = z.object({
  customerName: z.string(),
  customerCode: z.string(),
  amount: z.number().int(),
  paidOn: z.string(),
  channel: z.string(),
  receiptNumber: z.string(),
  /** What the customer still owes after this payment (0 = nothing). */
  remainingDue: z.number().int(),
});
export type PaymentReceivedParams = z.infer<typeof schema>;

export const paymentReceived: NoticeTemplate<PaymentReceivedParams> = {
  id: 'PAYMENT_RECEIVED',
  title: 'Xác nhận đã nhận thanh toán',
  schema,
  sample: {
    customerName: 'Nguyễn Thị Hoa',
    customerCode: 'KH0000123',
    amount: 215_460,
    paidOn: '2026-12-02',
    channel: 'bank_transfer',
    receiptNumber: 'PT00001234',
    remainingDue: 0,
  },
  async email(p, { company, baseUrl }) {
    const channel = CHANNEL_LABELS[p.channel] ?? p.channel;
    const rest =
      p.remainingDue > 0
        ? `Số tiền quý khách còn phải thanh toán: ${vnd(p.remainingDue)}.`
        : 'Quý khách đã thanh toán hết các hóa đơn đến hạn.';
    const title = 'Xác nhận đã nhận thanh toán tiền nước';
    const html = renderHtml(
      <EmailLayout company={company} title={title} preview={`Đã nhận ${vnd(p.amount)}`}>
        <Paragraph>Kính gửi quý khách {p.customerName},</Paragraph>
        <Paragraph>{company.name} xác nhận đã nhận khoản thanh toán tiền nước của quý khách:</Paragraph>
        <FactTable
          rows={[
            ['Mã khách hàng', p.customerCode],
            ['Số tiền', vnd(p.amount)],
            ['Ngày thanh toán', formatDateVi(p.paidOn)],
            ['Hình thức', channel],
            ['Số biên nhận', p.receiptNumber],
          ]}
        />
        <Paragraph>{rest}</Paragraph>
        <Paragraph>
          Tra cứu hóa đơn: <a href={link(baseUrl, '/tra-cuu')}>{link(baseUrl, '/tra-cuu')}</a>. Xin cảm ơn quý khách.
        </Paragraph>
      </EmailLayout>,
    );
    const text = [
      `Kính gửi quý khách ${p.customerName},`,
      '',
      `${company.name} xác nhận đã nhận khoản thanh toán tiền nước của quý khách:`,
      `- Mã khách hàng: ${p.customerCode}`,
      `- Số tiền: ${vnd(p.amount)}`,
      `- Ngày thanh toán: ${formatDateVi(p.paidOn)}`,
      `- Hình thức: ${channel}`,
      `- Số biên nhận: ${p.receiptNumber}`,
      '',
      rest,
      `Tra cứu hóa đơn: ${link(baseUrl, '/tra-cuu')}`,
      '',
      companyTextFooter(company),
    ].join('\n');
    return { subject: `${title} – ${p.customerCode}`, html, text, images: [] };
  },
  sms(p, { company }) {
    return `${company.name}: Đã nhận ${vnd(p.amount)} tiền nước của KH ${p.customerCode} ngày ${formatDateVi(p.paidOn)}, biên nhận ${p.receiptNumber}.${p.remainingDue > 0 ? ` Còn phải trả ${vnd(p.remainingDue)}.` : ''} Xin cảm ơn.`;
  },
  zns: {
    templateId: '301002',
    content:
      'Kính gửi <customer_name>, công ty đã nhận <amount> đồng tiền nước của mã KH <customer_code> ngày <paid_on>, số biên nhận <receipt_number>. Số tiền còn phải trả: <remaining> đồng. Xin cảm ơn quý khách.',
    maxLengths: { customer_name: 30, amount: 15, customer_code: 16, paid_on: 10, receipt_number: 20, remaining: 15 },
    params: (p) => ({
      customer_name: p.customerName,
      amount: vnd(p.amount).replace(' đồng', ''),
      customer_code: p.customerCode,
      paid_on: formatDateVi(p.paidOn),
      receipt_number: p.receiptNumber,
      remaining: vnd(Math.max(0, p.remainingDue)).replace(' đồng', ''),
    }),
  },
};
