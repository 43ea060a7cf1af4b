/**
 * The portal's sign-in mail: next-auth's email provider makes the one-time link (portal-auth.ts) and hands it here,
 * where it goes out through the app's mail sender with the company's own template. Sent at once, not queued: a
 * person is waiting for it, and a failed send is told to them instead of a link that never comes.
 */
import type { DbOrTx } from '@/db/client';
import { renderPortalSignIn } from '@/emails/portal-sign-in';
import { mailSender, type MailSender, type SentMail } from '@/services/notices/mail-transport';
import { getPortalCompany } from './portal-company.service';

/** How long a sign-in link works (next-auth's provider maxAge is set from this). */
export const PORTAL_SIGN_IN_LINK_MINUTES = 30;

export async function sendPortalSignInMail(
  db: DbOrTx,
  params: { email: string; url: string },
  sender: MailSender = mailSender(),
): Promise<SentMail> {
  const company = await getPortalCompany(db);
  const mail = renderPortalSignIn({
    url: params.url,
    email: params.email,
    validMinutes: PORTAL_SIGN_IN_LINK_MINUTES,
    company: { name: company.name, address: company.address, hotline: company.hotline, email: company.email },
  });
  return sender.send({ to: params.email, subject: mail.subject, html: mail.html, text: mail.text });
}
