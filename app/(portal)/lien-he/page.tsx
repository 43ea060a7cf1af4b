import type { Metadata } from 'next';
import { getPortalCompany, telHref } from '../portal-server';

export const metadata: Metadata = {
  title: 'Liên hệ',
  description: 'Địa chỉ, tổng đài, email và giờ làm việc của công ty cấp nước.',
};

export default async function ContactPage() {
  const company = await getPortalCompany();
  // Office hours keep the line breaks the company typed (one line per group of days).
  const rows: { label: string; value: string; href?: string; testId: string; multiline?: boolean }[] = [];
  if (company.address) rows.push({ label: 'Địa chỉ', value: company.address, testId: 'contact-address' });
  if (company.hotline)
    rows.push({
      label: 'Tổng đài chăm sóc khách hàng',
      value: company.hotline,
      href: telHref(company.hotline),
      testId: 'contact-hotline',
    });
  if (company.phone && company.phone !== company.hotline)
    rows.push({ label: 'Điện thoại', value: company.phone, href: telHref(company.phone), testId: 'contact-phone' });
  if (company.email)
    rows.push({ label: 'Email', value: company.email, href: `mailto:${company.email}`, testId: 'contact-email' });
  if (company.officeHours)
    rows.push({ label: 'Giờ làm việc', value: company.officeHours, testId: 'contact-office-hours', multiline: true });
  if (company.taxCode) rows.push({ label: 'Mã số thuế', value: company.taxCode, testId: 'contact-tax-code' });
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold text-slate-900">Liên hệ</h1>
      <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <h2 className="text-lg font-semibold text-slate-900">{company.name}</h2>
        {rows.length === 0 ? (
          <p className="mt-2 text-slate-600">Công ty chưa công bố thông tin liên hệ.</p>
        ) : (
          <dl className="mt-3 space-y-3">
            {rows.map((r) => (
              <div key={r.label}>
                <dt className="text-sm text-slate-500">{r.label}</dt>
                <dd
                  className={`text-base text-slate-900${r.multiline ? ' whitespace-pre-line' : ''}`}
                  data-testid={r.testId}
                >
                  {r.href ? (
                    <a href={r.href} className="font-medium text-brand-700">
                      {r.value}
                    </a>
                  ) : (
                    r.value
                  )}
                </dd>
              </div>
            ))}
          </dl>
        )}
      </section>
      <p className="text-sm text-slate-600">
        Khi mất nước, vỡ ống hoặc đồng hồ có dấu hiệu bất thường, vui lòng gọi tổng đài để được hỗ trợ sớm nhất.
      </p>
    </div>
  );
}
