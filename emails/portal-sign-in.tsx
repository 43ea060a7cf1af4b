import { companyTextFooter, FALLBACK_COMPANY, type EmailCompany } from './company';
import { EmailButton, EmailLayout, Paragraph } from './layout';
import { renderHtml, type RenderedEmail } from './render';

export interface PortalSignInParams {
  /** The one-time sign-in link. */
  url: string;
  /** The address the link was asked for. */
  email: string;
  /** Minutes the link stays valid; omitted = not printed. */
  validMinutes?: number;
  company?: EmailCompany;
}

function PortalSignInEmail({
  url,
  email,
  validMinutes,
  company,
}: Required<Omit<PortalSignInParams, 'validMinutes'>> & {
  validMinutes?: number;
}) {
  return (
    <EmailLayout
      company={company}
      title="Đăng nhập cổng thông tin khách hàng"
      preview="Liên kết đăng nhập của quý khách"
    >
      <Paragraph>Kính gửi quý khách,</Paragraph>
      <Paragraph>
        Chúng tôi nhận được yêu cầu đăng nhập cổng thông tin khách hàng cho địa chỉ <strong>{email}</strong>. Bấm vào
        nút dưới đây để đăng nhập
        {validMinutes
          ? ` (liên kết có hiệu lực trong ${validMinutes} phút và chỉ dùng được một lần)`
          : ' (liên kết chỉ dùng được một lần)'}
        .
      </Paragraph>
      <p style={{ margin: '16px 0' }}>
        <EmailButton href={url}>Đăng nhập</EmailButton>
      </p>
      <Paragraph>
        Nếu nút không hoạt động, hãy mở liên kết sau: <a href={url}>{url}</a>
      </Paragraph>
      <Paragraph>Nếu quý khách không yêu cầu đăng nhập, vui lòng bỏ qua thư này.</Paragraph>
    </EmailLayout>
  );
}

/** The portal's sign-in mail (the link is made by the portal's sign-in service). */
export function renderPortalSignIn(params: PortalSignInParams): RenderedEmail {
  const company = params.company ?? FALLBACK_COMPANY;
  const validity = params.validMinutes
    ? `Liên kết có hiệu lực trong ${params.validMinutes} phút và chỉ dùng được một lần.`
    : 'Liên kết chỉ dùng được một lần.';
  return {
    subject: `Đăng nhập cổng thông tin khách hàng – ${company.name}`,
    html: renderHtml(
      <PortalSignInEmail url={params.url} email={params.email} validMinutes={params.validMinutes} company={company} />,
    ),
    text: [
      'Kính gửi quý khách,',
      '',
      `Chúng tôi nhận được yêu cầu đăng nhập cổng thông tin khách hàng cho địa chỉ ${params.email}.`,
      `Mở liên kết sau để đăng nhập: ${params.url}`,
      validity,
      '',
      'Nếu quý khách không yêu cầu đăng nhập, vui lòng bỏ qua thư này.',
      '',
      companyTextFooter(company),
    ].join('\n'),
  };
}
