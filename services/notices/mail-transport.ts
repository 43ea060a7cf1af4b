import { mkdir, writeFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import path from 'node:path';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { appEnv } from '@/config/env';

export interface SentMail {
  /** The Message-ID header that went out (ours when the caller set one). */
  messageId: string;
  /** The SMTP server's last answer, or the mailbox file a development machine wrote. */
  response: string;
}

export interface MailSender {
  send(message: SendMailOptions): Promise<SentMail>;
  close(): void;
}

/** How long opening an SMTP connection may take (nodemailer's own default is two minutes). */
const CONNECT_TIMEOUT_MS = 30_000;

const DEFAULT_FROM = 'Công ty Cấp nước (thử nghiệm) <no-reply@capnuoc.local>';

/** The sender address of every mail: MAIL_FROM, or a development default. */
export function mailFrom(): string {
  return appEnv().MAIL_FROM ?? DEFAULT_FROM;
}

/** SMTP through nodemailer, for SMTP_URL and for tests that start their own server. */
export function smtpSender(url: string): MailSender {
  const transport: Transporter = nodemailer.createTransport(url);
  // Nagle's algorithm holds a command's last small write until the server's delayed ACK (~40 ms), so a connection
  // carried ~20 mails/s; with no delay it carries hundreds. nodemailer asks its transport's getSocket for each new
  // connection (SMTPTransport and SMTPPool alike) and takes an open one as `connection` (STARTTLS and smtps://
  // upgrade it themselves).
  (transport.transporter as unknown as { getSocket: unknown }).getSocket = (
    options: { host?: string; port?: number },
    callback: (error: Error | null, socket?: { connection: Socket }) => void,
  ) => {
    const socket = connect({ host: options.host ?? 'localhost', port: options.port ?? 25 });
    let answered = false;
    const answer = (error: Error | null) => {
      if (answered) return;
      answered = true;
      socket.setTimeout(0);
      if (error) {
        socket.destroy();
        callback(error);
      } else callback(null, { connection: socket });
    };
    socket.setTimeout(CONNECT_TIMEOUT_MS, () => {
      const timedOut: NodeJS.ErrnoException = new Error('connection timed out');
      timedOut.code = 'ETIMEDOUT';
      answer(timedOut);
    });
    // The socket's own error (ECONNREFUSED, EHOSTUNREACH …): a network failure, retried by the notice sender.
    socket.once('error', (e: Error) => answer(e));
    socket.once('connect', () => {
      socket.setNoDelay(true);
      answer(null);
    });
  };
  return {
    async send(message) {
      const info = await transport.sendMail({ from: mailFrom(), ...message });
      return { messageId: info.messageId, response: info.response };
    },
    close: () => transport.close(),
  };
}

/**
 * Development without SMTP_URL: every mail is written whole (an .eml file any mail program opens) to the
 * catch-all mailbox folder .data/mailbox, so sign-in links and notices can be read without a mail server.
 */
function mailboxSender(dir: string): MailSender {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(message) {
      const info = (await transport.sendMail({ from: mailFrom(), ...message })) as {
        messageId: string;
        message: Buffer;
      };
      await mkdir(dir, { recursive: true });
      const file = path.join(
        dir,
        `${new Date().toISOString().replace(/[:.]/g, '-')}-${info.messageId.replace(/[^A-Za-z0-9]/g, '')}.eml`,
      );
      await writeFile(file, info.message);
      return { messageId: info.messageId, response: `mailbox ${file}` };
    },
    close: () => transport.close(),
  };
}

let shared: MailSender | undefined;

/** The app's mail sender: SMTP when SMTP_URL is set (required in production), else the development mailbox. */
export function mailSender(): MailSender {
  if (shared) return shared;
  const env = appEnv();
  if (env.SMTP_URL) shared = smtpSender(env.SMTP_URL);
  else if (env.NODE_ENV === 'production') throw new Error('SMTP_URL is not set: a production server cannot send mail');
  else shared = mailboxSender(path.join(process.cwd(), '.data', 'mailbox'));
  return shared;
}
