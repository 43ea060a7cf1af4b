import { NoticePayloadError, renderNoticeEmail } from '@/emails/registry';
import { type ChannelAdapter, SendFailure } from './channel';
import { mailFrom, type MailSender } from './mail-transport';

/** The domain of our Message-IDs: the sender address's, so receiving servers see them as ours. */
function messageIdDomain(from: string = mailFrom()): string {
  const m = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from);
  return m?.[1] ?? 'capnuoc.local';
}

/** `<msg-42@capnuoc.vn>`: fixed by the message's id, so every attempt of one message carries the same Message-ID. */
function noticeMessageId(id: number, domain: string = messageIdDomain()): string {
  return `<msg-${id}@${domain}>`;
}

/** Failures of the message itself (no recipient, a malformed message): sending it again cannot help. */
const MESSAGE_CODES = new Set(['EENVELOPE', 'EMESSAGE']);

/** SMTP says which failures are temporary: 4xx replies may succeed later, 5xx never will. */
export function classifySmtpError(error: unknown): SendFailure {
  const e = error as { responseCode?: number; code?: string; response?: string; message?: string };
  const message = e.response ?? e.message ?? String(error);
  if (typeof e.responseCode === 'number') {
    return new SendFailure(`SMTP ${e.responseCode}: ${message}`, e.responseCode < 500, e.response ?? null);
  }
  // Anything else failed before the server answered (refused, reset, time-out, DNS, TLS): worth another try.
  return new SendFailure(message, !(e.code !== undefined && MESSAGE_CODES.has(e.code)));
}

/** Email through nodemailer (SMTP_URL, or the development mailbox), the VietQR code as an inline PNG. */
export function emailChannel(sender: MailSender, domain: string = messageIdDomain()): ChannelAdapter {
  return {
    channel: 'EMAIL',
    async send(notice, context) {
      let mail;
      try {
        mail = await renderNoticeEmail(notice.template, notice.payload, context);
      } catch (e) {
        if (e instanceof NoticePayloadError) throw new SendFailure(e.message, false);
        throw e;
      }
      const messageId = noticeMessageId(notice.id, domain);
      try {
        const sent = await sender.send({
          to: notice.recipient,
          subject: mail.subject,
          html: mail.html,
          text: mail.text,
          messageId,
          attachments: mail.images.map((image) => ({
            filename: image.filename,
            content: image.content,
            contentType: image.contentType,
            cid: image.cid,
          })),
        });
        return { providerMessageId: sent.messageId || messageId, response: sent.response };
      } catch (e) {
        throw classifySmtpError(e);
      }
    },
    close: () => sender.close(),
  };
}
