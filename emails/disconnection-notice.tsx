import { z } from 'zod';
import { disconnectionDeadlines } from '@/domain/notices/deadlines';
import { companyTextFooter } from './company';
import { formatDateVi, formatPeriodVi, vnd } from './format';
import { EmailLayout, FactTable, Paragraph } from './layout';
import { renderHtml } from './render';
import type { NoticeTemplate } from './template';

const schema = z.object({
  customerName: z.string(),
  customerCode: z.string(),
  address: z.string().nullish(),
  isHousehold: z.boolean(),
  periods: z.array(z.string()),
  totalDue: z.number().int(),
  noticeDate: z.string(),
});
export type DisconnectionNoticeParams = z.infer<typeof schema>;

/**
 * Thông báo ngừng cấp nước (Decree 117/2007): the deadline depends on the kind of customer; a disputed bill stops
 * the clock, so the notice says how to dispute.
 */
export const disconnectionNotice: NoticeTemplate<DisconnectionNoticeParams> = {
  id: 'DISCONNECTION',
  title: 'Thông báo ngừng cấp nước do chưa thanh toán',
  schema,
  sample: {
    customerName: 'Nguyễn Thị Hoa',
    customerCode: 'KH0000123',
    address: '12 Lê Lợi, phường Bến Thành',
    isHousehold: true,
    periods: ['2026-08', '2026-09', '2026-10'],
    totalDue: 646_800,
    noticeDate: '2026-11-30',
  },
  async email(p, { company }) {
    const d = disconnectionDeadlines(p.noticeDate, p.isHousehold);
    const title = 'Thông báo ngừng cấp nước do chưa thanh toán tiền nước';
    const deadlineText = d.disconnectWithReasonOn
      ? `${formatDateVi(d.disconnectOn)} (hoặc ${formatDateVi(d.disconnectWithReasonOn)} nếu quý khách có lý do chính đáng và báo cho công ty)`
      : formatDateVi(d.disconnectOn);
    const contact = company.hotline ? ` qua đường dây nóng ${company.hotline}` : '';
    const dispute = `Nếu quý khách không đồng ý với hóa đơn, xin liên hệ công ty${contact} để khiếu nại: khiếu nại được giải quyết trong 15 ngày làm việc và công ty không ngừng cấp nước trong thời gian giải quyết.`;
    const html = renderHtml(
      <EmailLayout company={company} title={title} preview={`Hạn cuối thanh toán: ${formatDateVi(d.disconnectOn)}`}>
        <Paragraph>Kính gửi quý khách {p.customerName},</Paragraph>
        <Paragraph>
          Theo Nghị định 117/2007/NĐ-CP về sản xuất, cung cấp và tiêu thụ nước sạch, {company.name} thông báo: quý khách
          chưa thanh toán tiền nước các kỳ dưới đây. Nếu đến hết ngày {deadlineText} quý khách vẫn chưa thanh toán, công
          ty sẽ tạm ngừng cấp nước.
        </Paragraph>
        <FactTable
          rows={[
            ['Mã khách hàng', p.customerCode],
            ...(p.address ? ([['Địa chỉ', p.address]] as [string, string][]) : []),
            ['Các kỳ chưa thanh toán', p.periods.map(formatPeriodVi).join(', ')],
            ['Tổng số tiền', vnd(p.totalDue)],
            ['Ngày thông báo', formatDateVi(p.noticeDate)],
            ['Ngừng cấp nước từ sau ngày', deadlineText],
          ]}
        />
        <Paragraph>{d.rule}</Paragraph>
        <Paragraph>{dispute}</Paragraph>
      </EmailLayout>,
    );
    const text = [
      `Kính gửi quý khách ${p.customerName},`,
      '',
      `Theo Nghị định 117/2007/NĐ-CP, ${company.name} thông báo: quý khách chưa thanh toán tiền nước các kỳ ${p.periods.map(formatPeriodVi).join(', ')}, tổng số tiền ${vnd(p.totalDue)}.`,
      `Nếu đến hết ngày ${deadlineText} quý khách vẫn chưa thanh toán, công ty sẽ tạm ngừng cấp nước.`,
      `- Mã khách hàng: ${p.customerCode}`,
      ...(p.address ? [`- Địa chỉ: ${p.address}`] : []),
      `- Ngày thông báo: ${formatDateVi(p.noticeDate)}`,
      d.rule,
      '',
      dispute,
      '',
      companyTextFooter(company),
    ].join('\n');
    return { subject: `${title} – ${p.customerCode}`, html, text, images: [] };
  },
  sms(p, { company }) {
    const d = disconnectionDeadlines(p.noticeDate, p.isHousehold);
    return `${company.name}: KH ${p.customerCode} nợ tiền nước ${vnd(p.totalDue)}. Nếu chưa thanh toán đến hết ngày ${formatDateVi(d.disconnectOn)}, công ty sẽ tạm ngừng cấp nước.${company.hotline ? ` Khiếu nại: ${company.hotline}` : ''}`;
  },
  zns: {
    templateId: '301004',
    content:
      'Kính gửi <customer_name>, mã KH <customer_code> chưa thanh toán tiền nước, tổng số tiền <amount> đồng. Nếu đến hết ngày <deadline> vẫn chưa thanh toán, công ty sẽ tạm ngừng cấp nước theo Nghị định 117/2007/NĐ-CP. Khiếu nại hóa đơn được giải quyết trong 15 ngày làm việc.',
    maxLengths: { customer_name: 30, customer_code: 16, amount: 15, deadline: 10 },
    params: (p) => ({
      customer_name: p.customerName,
      customer_code: p.customerCode,
      amount: vnd(p.totalDue).replace(' đồng', ''),
      deadline: formatDateVi(disconnectionDeadlines(p.noticeDate, p.isHousehold).disconnectOn),
    }),
  },
};
