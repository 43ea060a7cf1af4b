import { z } from 'zod';
import { companyTextFooter } from './company';
import { link } from './format';
import { EmailButton, EmailLayout, Paragraph } from './layout';
import { renderHtml } from './render';
import type { NoticeTemplate } from './template';

const schema = z.object({
  email: z.string(),
  customerCodes: z.array(z.string()),
});
export type PortalRegisteredParams = z.infer<typeof schema>;

/** The portal's registration confirmation: which customer codes the account now follows. */
export const portalRegistered: NoticeTemplate<PortalRegisteredParams> = {
  id: 'PORTAL_REGISTERED',
  title: 'Xác nhận đăng ký cổng thông tin',
  schema,
  sample: { email: 'hoa.nguyen@example.vn', customerCodes: ['KH0000123'] },
  async email(p, { company, baseUrl }) {
    const url = link(baseUrl, '/');
    const codes = p.customerCodes.join(', ');
    const title = 'Đăng ký cổng thông tin khách hàng thành công';
    const html = renderHtml(
      <EmailLayout company={company} title={title} preview={`Tài khoản ${p.email} đã được đăng ký`}>
        <Paragraph>Kính gửi quý khách,</Paragraph>
        <Paragraph>
          Tài khoản <strong>{p.email}</strong> đã được đăng ký trên cổng thông tin khách hàng của {company.name}
          {codes ? ` và liên kết với mã khách hàng ${codes}` : ''}. Quý khách sẽ nhận thông báo tiền nước, xác nhận
          thanh toán và tiến độ yêu cầu qua địa chỉ này.
        </Paragraph>
        <p style={{ margin: '16px 0' }}>
          <EmailButton href={url}>Mở cổng thông tin</EmailButton>
        </p>
        <Paragraph>Nếu quý khách không đăng ký, xin liên hệ công ty để được hỗ trợ.</Paragraph>
      </EmailLayout>,
    );
    const text = [
      'Kính gửi quý khách,',
      '',
      `Tài khoản ${p.email} đã được đăng ký trên cổng thông tin khách hàng của ${company.name}${codes ? ` và liên kết với mã khách hàng ${codes}` : ''}.`,
      `Cổng thông tin: ${url}`,
      'Nếu quý khách không đăng ký, xin liên hệ công ty để được hỗ trợ.',
      '',
      companyTextFooter(company),
    ].join('\n');
    return { subject: `${title} – ${company.name}`, html, text, images: [] };
  },
  sms(p, { company }) {
    return `${company.name}: Tài khoản ${p.email} đã đăng ký cổng thông tin khách hàng${p.customerCodes.length ? ` cho mã KH ${p.customerCodes.join(', ')}` : ''}.`;
  },
  zns: null,
};
