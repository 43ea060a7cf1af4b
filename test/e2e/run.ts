/**
 * Starts the built app on a fresh embedded database seeded with demo data (scripts/demo-server.ts) and a real SMTP
 * server for its mail, runs the browser tests in test/e2e/*.e2e.ts with node's test runner against it, and stops
 * both.
 * Usage: npm run build && npm run test:e2e [-- name…] (only the suites whose file name contains one of the names)
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { freePort, startDemoServer } from '@/scripts/demo-server';

// Every delivered message lands whole in the mailbox folder, where the browser tests read it back
// (test/e2e/mailbox.ts).
const mailboxDir = mkdtempSync(path.join(tmpdir(), 'e2e-mailbox-'));
mkdirSync(mailboxDir, { recursive: true });
let delivered = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      delivered += 1;
      writeFileSync(path.join(mailboxDir, `${String(delivered).padStart(6, '0')}.eml`), Buffer.concat(chunks));
      callback();
    });
  },
});
const smtpPort = await freePort();
await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve));

let code = 1;
const server = await startDemoServer({
  SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
  MAIL_FROM: 'Công ty Cấp nước Demo <no-reply@capnuoc.test>',
});
try {
  const only = process.argv.slice(2);
  const files = readdirSync('test/e2e')
    .filter((f) => f.endsWith('.e2e.ts') && (only.length === 0 || only.some((name) => f.includes(name))))
    .sort()
    .map((f) => path.join('test/e2e', f));
  const runner = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...files], {
    env: { ...process.env, E2E_BASE_URL: server.baseUrl, E2E_MAILBOX_DIR: mailboxDir },
    stdio: 'inherit',
  });
  code = await new Promise<number>((resolve) => runner.on('exit', (c) => resolve(c ?? 1)));
} finally {
  server.stop();
  smtp.close();
  rmSync(mailboxDir, { recursive: true, force: true });
}
process.exit(code);
