/** What every email's header and footer print about the sender: the companies row. */
export interface EmailCompany {
  name: string;
  address: string | null;
  hotline: string | null;
  email: string | null;
  /** The account the bill notice's VietQR code pays into; no code is drawn without both. */
  bankBin?: string | null;
  bankAccount?: string | null;
  bankName?: string | null;
}

/** Used when a caller has no companies row at hand (the portal's sign-in mail before the company is loaded). */
export const FALLBACK_COMPANY: EmailCompany = {
  name: 'Công ty Cấp nước',
  address: null,
  hotline: null,
  email: null,
};

/** The company block of the text part, the same lines the HTML footer shows. */
export function companyTextFooter(company: EmailCompany): string {
  return [
    '--',
    company.name,
    company.address ? `Địa chỉ: ${company.address}` : null,
    company.hotline ? `Đường dây nóng: ${company.hotline}` : null,
    company.email ? `Email: ${company.email}` : null,
  ]
    .filter((line): line is string => line !== null)
    .join('\n');
}
