/**
 * The mail the app under test sent: test/e2e/run.ts runs a real SMTP server that writes every delivered message to
 * E2E_MAILBOX_DIR; these helpers parse them back with mailparser.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';

function mailboxDir(): string {
  const dir = process.env.E2E_MAILBOX_DIR;
  if (!dir) throw new Error('E2E_MAILBOX_DIR is not set: run the browser tests with npm run test:e2e');
  return dir;
}

async function readMailbox(): Promise<ParsedMail[]> {
  const dir = mailboxDir();
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .sort();
  return Promise.all(files.map((f) => simpleParser(readFileSync(path.join(dir, f)))));
}

/** The first delivered mail that `matches`, waiting up to `timeoutMs` for it to arrive. */
export async function waitForMail(matches: (mail: ParsedMail) => boolean, timeoutMs = 30_000): Promise<ParsedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await readMailbox()).find(matches);
    if (found) return found;
    if (Date.now() > deadline) throw new Error('no matching mail arrived in time');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Is `address` among the mail's recipients? */
export function sentTo(mail: ParsedMail, address: string): boolean {
  const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
  return to.some((group) => group.value.some((v) => v.address?.toLowerCase() === address.toLowerCase()));
}
