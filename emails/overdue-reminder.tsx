import { z } from 'zod';
import { companyTextFooter } from './company';
import { formatDateVi, formatPeriodVi, link, vnd } from './format';
import { EmailButton, EmailLayout, FactTable, Paragraph } from './layout';
import { renderHtml } from './render';
import type { NoticeTemplate } from './template';

const schema = z.object({
  customerName: z.string(),
  customerCode: z.string(),
  /** The unpaid periods, oldest first (YYYY-MM). */
  periods: z.array(z.string()),
  totalDue: z.number().int(),
  oldestDueDate: z.string(),
});
export type OverdueReminderParams = z.infer<typeof schema>;

export const overdueReminder: NoticeTemplate<OverdueReminderParams> = {
  id: 'OVERDUE_REMINDER',
  title: 'Nhắc nợ tiền nước quá hạn',
  schema,
  sample: {
    customerName: 'Nguyễn Thị Hoa',
    customerCode: 'KH0000123',
    periods: ['2026-09', '2026-10'],
    totalDue: 431_200,
    oldestDueDate: '2026-10-15',
  },
  async email(p, { company, baseUrl }) {
    const lookupUrl = link(baseUrl, '/tra-cuu');
    const periods = p.periods.map(formatPeriodVi).join(', ');
    const title = 'Nhắc thanh toán tiền nước quá hạn';
    const hotline = company.hotline ? ` hoặc gọi đường dây nóng ${company.hotline}` : '';
    const html = renderHtml(
      <EmailLayout company={company} title={title} preview={`Số tiền quá hạn: ${vnd(p.totalDue)}`}>
        <Paragraph>Kính gửi quý khách {p.customerName},</Paragraph>
        <Paragraph>
          Đến nay {company.name} chưa nhận được tiền nước các kỳ sau của quý khách. Kính đề nghị quý khách thanh toán
          sớm để tránh bị tạm ngừng cấp nước.
        </Paragraph>
        <FactTable
          rows={[
            ['Mã khách hàng', p.customerCode],
            ['Các kỳ chưa thanh toán', periods],
            ['Tổng số tiền', vnd(p.totalDue)],
            ['Quá hạn từ ngày', formatDateVi(p.oldestDueDate)],
          ]}
        />
        <p style={{ margin: '16px 0' }}>
          <EmailButton href={lookupUrl}>Tra cứu và thanh toán</EmailButton>
        </p>
        <Paragraph>
          Nếu quý khách đã thanh toán, xin vui lòng bỏ qua thư này{hotline ? `, ${hotline.trim()}` : ''} để được hỗ trợ.
        </Paragraph>
      </EmailLayout>,
    );
    const text = [
      `Kính gửi quý khách ${p.customerName},`,
      '',
      `Đến nay ${company.name} chưa nhận được tiền nước các kỳ sau của quý khách. Kính đề nghị quý khách thanh toán sớm để tránh bị tạm ngừng cấp nước.`,
      `- Mã khách hàng: ${p.customerCode}`,
      `- Các kỳ chưa thanh toán: ${periods}`,
      `- Tổng số tiền: ${vnd(p.totalDue)}`,
      `- Quá hạn từ ngày: ${formatDateVi(p.oldestDueDate)}`,
      '',
      `Tra cứu và thanh toán: ${lookupUrl}`,
      `Nếu quý khách đã thanh toán, xin vui lòng bỏ qua thư này${hotline ? `, ${hotline.trim()}` : ''} để được hỗ trợ.`,
      '',
      companyTextFooter(company),
    ].join('\n');
    return { subject: `${title} – ${p.customerCode}`, html, text, images: [] };
  },
  sms(p, { company }) {
    return `${company.name}: KH ${p.customerCode} còn nợ tiền nước ${p.periods.map(formatPeriodVi).join(', ')}, tổng ${vnd(p.totalDue)}. Đề nghị thanh toán sớm để tránh tạm ngừng cấp nước.${company.hotline ? ` ĐT: ${company.hotline}` : ''}`;
  },
  zns: {
    templateId: '301003',
    content:
      'Kính gửi <customer_name>, mã KH <customer_code> còn nợ tiền nước kỳ <periods>, tổng số tiền <amount> đồng, quá hạn từ ngày <due_date>. Đề nghị quý khách thanh toán sớm để tránh bị tạm ngừng cấp nước.',
    maxLengths: { customer_name: 30, customer_code: 16, periods: 30, amount: 15, due_date: 10 },
    params: (p) => ({
      customer_name: p.customerName,
      customer_code: p.customerCode,
      periods: p.periods.map(formatPeriodVi).join(', '),
      amount: vnd(p.totalDue).replace(' đồng', ''),
      due_date: formatDateVi(p.oldestDueDate),
    }),
  },
};
