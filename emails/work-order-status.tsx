import { z } from 'zod';
import { companyTextFooter } from './company';
import { formatDateVi, link } from './format';
import { EmailButton, EmailLayout, FactTable, Paragraph } from './layout';
import { renderHtml } from './render';
import type { NoticeTemplate } from './template';

const schema = z.object({
  applicantName: z.string(),
  trackingCode: z.string(),
  kindLabel: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  /** true for the first event: the "request received" confirmation. */
  isReceived: z.boolean(),
  note: z.string().nullish(),
  deadline: z.string().nullish(),
  /** A new connection handed over: the code the customer's bills and the portal know them by. */
  customerCode: z.string().nullish(),
});
export type WorkOrderStatusParams = z.infer<typeof schema>;

function trackingUrl(baseUrl: string, code: string): string {
  return link(baseUrl, `/theo-doi?ma=${encodeURIComponent(code)}`);
}

/** A request's "received" confirmation (with its tracking code) and every later status change. */
export const workOrderStatus: NoticeTemplate<WorkOrderStatusParams> = {
  id: 'WORK_ORDER_STATUS',
  title: 'Tiếp nhận và tiến độ yêu cầu',
  schema,
  sample: {
    applicantName: 'Trần Văn Minh',
    trackingCode: 'YC7K2M9QXA',
    kindLabel: 'Báo rò rỉ, sự cố',
    status: 'RECEIVED',
    statusLabel: 'Đã tiếp nhận',
    isReceived: true,
    note: null,
    deadline: '2026-12-05',
  },
  async email(p, { company, baseUrl }) {
    const url = trackingUrl(baseUrl, p.trackingCode);
    const title = p.isReceived
      ? `Đã tiếp nhận yêu cầu ${p.trackingCode}`
      : `Yêu cầu ${p.trackingCode}: ${p.statusLabel.toLowerCase()}`;
    const lead = p.isReceived
      ? `${company.name} đã tiếp nhận yêu cầu "${p.kindLabel}" của quý khách. Mã theo dõi: ${p.trackingCode}.`
      : `Yêu cầu "${p.kindLabel}" (mã ${p.trackingCode}) của quý khách đã chuyển sang trạng thái: ${p.statusLabel}.`;
    const html = renderHtml(
      <EmailLayout company={company} title={title} preview={lead}>
        <Paragraph>Kính gửi quý khách {p.applicantName},</Paragraph>
        <Paragraph>{lead}</Paragraph>
        <FactTable
          rows={[
            ['Mã theo dõi', p.trackingCode],
            ['Loại yêu cầu', p.kindLabel],
            ['Trạng thái', p.statusLabel],
            ...(p.deadline ? ([['Hạn giải quyết', formatDateVi(p.deadline)]] as [string, string][]) : []),
            ...(p.customerCode ? ([['Mã khách hàng', p.customerCode]] as [string, string][]) : []),
            ...(p.note ? ([['Ghi chú', p.note]] as [string, string][]) : []),
          ]}
        />
        <p style={{ margin: '16px 0' }}>
          <EmailButton href={url}>Theo dõi yêu cầu</EmailButton>
        </p>
        <Paragraph>
          Quý khách có thể theo dõi tiến độ tại <a href={url}>{url}</a>.
        </Paragraph>
      </EmailLayout>,
    );
    const text = [
      `Kính gửi quý khách ${p.applicantName},`,
      '',
      lead,
      `- Trạng thái: ${p.statusLabel}`,
      ...(p.deadline ? [`- Hạn giải quyết: ${formatDateVi(p.deadline)}`] : []),
      ...(p.customerCode ? [`- Mã khách hàng: ${p.customerCode}`] : []),
      ...(p.note ? [`- Ghi chú: ${p.note}`] : []),
      '',
      `Theo dõi tiến độ: ${url}`,
      '',
      companyTextFooter(company),
    ].join('\n');
    return { subject: `${title} – ${company.name}`, html, text, images: [] };
  },
  sms(p, { company, baseUrl }) {
    return p.isReceived
      ? `${company.name}: Đã tiếp nhận yêu cầu "${p.kindLabel}", mã theo dõi ${p.trackingCode}. Theo dõi: ${trackingUrl(baseUrl, p.trackingCode)}`
      : `${company.name}: Yêu cầu ${p.trackingCode} đã chuyển sang "${p.statusLabel}".${p.customerCode ? ` Mã khách hàng: ${p.customerCode}.` : ''} Theo dõi: ${trackingUrl(baseUrl, p.trackingCode)}`;
  },
  zns: {
    templateId: '301005',
    content:
      'Kính gửi <applicant_name>, yêu cầu <kind> của quý khách (mã theo dõi <tracking_code>) hiện ở trạng thái: <status>. Quý khách tra cứu tiến độ bằng mã theo dõi trên cổng thông tin khách hàng.',
    maxLengths: { applicant_name: 30, kind: 40, tracking_code: 16, status: 30 },
    params: (p) => ({
      applicant_name: p.applicantName,
      kind: p.kindLabel,
      tracking_code: p.trackingCode,
      status: p.statusLabel,
    }),
  },
};
