/**
 * Notices benchmark (figures, not a test): the bill notices of N customers (default 1,000,000) queued set-based,
 * then sent by the notice sender to a local SMTP sink (bench/smtp-drain.ts, its own process) with the VietQR PNG
 * of each bill. Prints queueing time, messages/s and the sender's peak memory.
 *
 *   npm run bench:notices -- [--customers 1000000] [--concurrency 16] [--senders 2] [--send-seconds 600]
 *
 * (the script runs `NODE_ENV=production tsx bench/notices.ts`). --send-seconds stops sending after that long and
 * reports the rate of what went: on a small machine a million mails take longer than one wants to wait.
 *
 * Database: BENCH_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/bench (created if missing; customers are
 * generated once and reused). The generated customers have no email: for the run, customers without one get a
 * synthetic `kh<id>@bench.invalid`, removed again at the end (also after a failure); the bench's issued invoices
 * (period 2099-11, series K99TNB) and its messages are deleted before and after.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { openDatabase } from '@/db/client';
import { rowsOf } from '@/db/sql';
import { generateCustomers } from '@/db/seed/generate';
import { emailChannel } from '@/services/notices/email-channel';
import { smtpSender } from '@/services/notices/mail-transport';
import { queueBillNotices } from '@/services/notices/notice-queue.service';
import { sendDueNotices } from '@/services/notices/notice-sender.service';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isSafeInteger(v) || v <= 0) throw new Error(`--${name} must be a positive whole number`);
  return v;
}

const customers = arg('customers', 1_000_000);
const concurrency = arg('concurrency', 16);
const senders = arg('senders', 2);
const sendSeconds = process.argv.includes('--send-seconds') ? arg('send-seconds', 600) : null;
const url = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/bench';
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const PERIOD = '2099-11';
const BENCH_MAIL = '@bench.invalid';

// Run as production (`NODE_ENV=production`, the npm script) so React renders with its production build, as a
// deployed sender does. The production checks of config/env.ts then want secrets this bench never uses: random ones.
if (process.env.NODE_ENV === 'production') {
  process.env.AUTH_SECRET ??= randomBytes(32).toString('base64');
  process.env.PARTNER_SECRET_KEY ??= randomBytes(32).toString('base64');
}

const u = new URL(url);
const name = u.pathname.slice(1);
if (!/^[a-z_][a-z0-9_]*$/.test(name) || !name.includes('bench'))
  throw new Error(
    `bench:notices writes invoices and messages: use a database whose name contains "bench" (got ${name})`,
  );
u.pathname = '/postgres';
const admin = postgres(u.toString(), { max: 1, onnotice: () => {} });
if ((await admin`select 1 from pg_database where datname = ${name}`).length === 0)
  await admin.unsafe(`create database ${name}`);
await admin.end();

const database = await openDatabase({ url });
const db = database.db;
console.log(`generating (or reusing) ${fmt(customers)} customers…`);
const gen = await generateCustomers(database, { customers, onProgress: null });
console.log(gen.skipped ? `reused ${fmt(gen.existing)} customers` : `generated ${fmt(gen.created)} customers`);

// The bill notice draws its VietQR code from the company's account: set for the run when missing, then unset.
const [bank] = rowsOf<{ no_bin: boolean; no_account: boolean }>(
  await db.execute(sql`select bank_bin is null as no_bin, bank_account is null as no_account
    from companies order by id limit 1`),
);

async function cleanUp(): Promise<void> {
  await db.execute(sql`delete from messages where event_key like ${`bill:%:${PERIOD}`}`);
  await db.execute(sql`delete from invoices where period = ${PERIOD}`);
  await db.execute(sql`update customers set email = null where email like ${`%${BENCH_MAIL}`}`);
  if (bank?.no_bin) await db.execute(sql`update companies set bank_bin = null`);
  if (bank?.no_account) await db.execute(sql`update companies set bank_account = null`);
}

const sink = spawn(process.execPath, ['--import', 'tsx', 'bench/smtp-drain.ts'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
let received = 0;
const port = await new Promise<number>((resolve, reject) => {
  sink.stdout.setEncoding('utf8');
  sink.stdout.on('data', (chunk: string) => {
    for (const line of chunk.split('\n')) {
      const p = /^port (\d+)/.exec(line);
      if (p) resolve(Number(p[1]));
      const r = /^received (\d+)/.exec(line);
      if (r) received = Number(r[1]);
    }
  });
  sink.on('exit', (code) => reject(new Error(`smtp sink exited ${code}`)));
});

try {
  await cleanUp();
  const s0 = performance.now();
  await db.execute(sql`update companies set bank_bin = coalesce(bank_bin, '970415'),
    bank_account = coalesce(bank_account, '113000123456')`);
  const [series] = rowsOf<{ id: number }>(
    await db.execute(sql`insert into invoice_series (template_symbol, invoice_symbol, year, is_default, active)
      values ('9', 'K99TNB', 2099, false, true)
      on conflict do nothing returning id`),
  );
  const seriesId =
    series?.id ??
    rowsOf<{ id: number }>(await db.execute(sql`select id from invoice_series where invoice_symbol = 'K99TNB'`))[0]!.id;
  // Issued bills straight into the table: what is measured is the notices, not billing or issuing.
  await db.execute(sql`
    insert into invoices (customer_id, book_id, service_type_id, period, kind, status, consumption, subtotal, vat,
      environment_fee, drainage_fee, drainage_vat, total, series_id, number, issued_on, issued_at, lookup_code)
    select id, book_id, service_type_id, ${PERIOD}, 'regular', 'issued', 15, 97000, 4850, 9700, 0, 0, 111550,
      ${seriesId}, row_number() over (order by id), '2099-11-28', now(), 'BENCH'
    from (select id, book_id, service_type_id from customers order by id limit ${customers}) c`);
  await db.execute(sql`update customers set email = 'kh' || id || ${BENCH_MAIL}
    where email is null and id in (select customer_id from invoices where period = ${PERIOD})`);
  await db.execute(sql`vacuum analyze invoices`);
  await db.execute(sql`vacuum analyze customers`);
  console.log(`set up ${fmt(customers)} issued bills with emails in ${secs(performance.now() - s0)}`);

  const q0 = performance.now();
  const queued = await queueBillNotices(db, PERIOD, { channels: ['EMAIL'] });
  const queueMs = performance.now() - q0;
  console.log(`queued ${fmt(queued)} bill notices in ${secs(queueMs)} (${fmt(queued / (queueMs / 1000))}/s)`);
  await db.execute(sql`vacuum analyze messages`);

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const progress = setInterval(() => console.log(`  … ${fmt(received)} delivered`), 10_000);
  const transport = smtpSender(`smtp://127.0.0.1:${port}/?pool=true&maxConnections=${concurrency}&maxMessages=1000000`);
  const channels = { EMAIL: emailChannel(transport, 'bench.invalid') };
  const t0 = performance.now();
  const results = await Promise.all(
    Array.from({ length: senders }, () =>
      sendDueNotices(db, {
        channels,
        batchSize: 500,
        concurrency,
        ...(sendSeconds ? { timeBudgetMs: sendSeconds * 1000 } : {}),
      }),
    ),
  );
  const sendMs = performance.now() - t0;
  clearInterval(sampler);
  clearInterval(progress);
  transport.close();
  const sent = results.reduce((a, r) => a + r.sent, 0);
  const failed = results.reduce((a, r) => a + r.failed + r.retried, 0);
  const [check] = rowsOf<{ sent: number; other: number }>(
    await db.execute(sql`select count(*) filter (where status = 'SENT')::int as sent,
      count(*) filter (where status <> 'SENT')::int as other from messages where event_key like ${`bill:%:${PERIOD}`}`),
  );
  console.log('');
  console.log(
    `sent              ${fmt(sent)} mails in ${secs(sendMs)} (${senders} senders × ${concurrency} SMTP connections)`,
  );
  console.log(`messages/s        ${fmt(sent / (sendMs / 1000))}`);
  console.log(`failed/retried    ${fmt(failed)}`);
  console.log(
    `rows SENT         ${fmt(Number(check?.sent))}, not sent ${fmt(Number(check?.other))}${sendSeconds ? ` (stopped after ${sendSeconds} s)` : ''}`,
  );
  console.log(`peak RSS          ${fmt(peakRss / 1_048_576)} MB (sender process)`);
  const [sample] = rowsOf<{ last_error: string }>(
    await db.execute(sql`select last_error from messages where event_key like ${`bill:%:${PERIOD}`}
      and status <> 'SENT' and last_error is not null limit 1`),
  );
  if (sample) console.log(`an error          ${sample.last_error}`);
} finally {
  await cleanUp();
  sink.kill('SIGTERM');
  await database.close();
}
