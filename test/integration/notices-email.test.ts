/**
 * Email notices end to end on a real SMTP server (test/helpers/smtp-sink.ts): a billing run and its issue queue
 * bill notices in the issuing transaction, the sender delivers them with the VietQR code as an inline PNG; a
 * payment sends its confirmation; a request's status changes reach the applicant through the job queue's poller;
 * opt-outs and SMTP failures (4xx retried, 5xx final) are respected.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@/db/sql';
import { todayInVietnam } from '@/domain/billing/periods';
import { paymentCode, vietQrPayload } from '@/domain/invoices/vietqr';
import { qrPngBuffer } from '@/emails/qr-image';
import { runBillingRunNow } from '@/jobs/billing-runs';
import { drainJobs, startQueue, stopQueue } from '@/jobs/queue';
import { createBillingRun } from '@/services/billing/billing-run.service';
import { issueInvoices } from '@/services/invoices/issue.service';
import { emailChannel } from '@/services/notices/email-channel';
import { smtpSender } from '@/services/notices/mail-transport';
import { queueBillNotices, queueOverdueReminders } from '@/services/notices/notice-queue.service';
import { sendDueNotices } from '@/services/notices/notice-sender.service';
import { postPayment } from '@/services/payments/payment.service';
import { recordWorkOrderEvent } from '@/services/work-orders/events';
import { addCustomer, enterReadings, seedPublishedTariffs, type TestCustomer } from '../helpers/billing-fixtures';
import { createTestDatabase } from '../helpers/db';
import { createOrgFixture, type OrgFixture } from '../helpers/fixtures';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let f: OrgFixture;
let sink: SmtpSink;
const PERIOD = '2026-03';
const customers: Record<'hoa' | 'minh' | 'nomail' | 'optedOut', TestCustomer> = {} as never;
const channels = () => ({ EMAIL: emailChannel(smtpSender(sink.url), 'capnuoc.test') });

type Row = Record<string, unknown>;
const rows = async (q: ReturnType<typeof sql>) => rowsOf<Row>(await database.db.execute(q));

beforeAll(async () => {
  sink = await startSmtpSink();
  // The queueing side reads the configuration: with SMTP_URL set, email is an enabled channel.
  process.env.SMTP_URL = sink.url;
  process.env.PUBLIC_URL = 'https://capnuoc.example.vn';
  database = await createTestDatabase();
  const db = database.db;
  f = await createOrgFixture(db);
  await seedPublishedTariffs(db, f.admin);
  await db.execute(sql`update companies set bank_bin = '970415', bank_account = '113000123456',
    bank_name = 'VietinBank', hotline = '1900 6060', address = '1 Đường Thử, Hà Nội'`);
  const year = Number(todayInVietnam(new Date()).slice(0, 4));
  await db.execute(sql`insert into invoice_series (template_symbol, invoice_symbol, year, is_default)
    values ('1', ${`C${String(year % 100).padStart(2, '0')}TAA`}, ${year}, true)`);
  customers.hoa = await addCustomer(
    db,
    f,
    { name: 'Nguyễn Thị Hoa', email: 'hoa@example.vn', sequenceNo: 1 },
    { initialIndex: 100 },
  );
  customers.minh = await addCustomer(
    db,
    f,
    { name: 'Trần Văn Minh', email: 'minh@example.vn', sequenceNo: 2 },
    { initialIndex: 200 },
  );
  customers.nomail = await addCustomer(db, f, { name: 'Lê Văn Không', sequenceNo: 3 }, { initialIndex: 300 });
  customers.optedOut = await addCustomer(
    db,
    f,
    { name: 'Phạm Thị Từ', email: 'tu@example.vn', sequenceNo: 4 },
    { initialIndex: 400 },
  );
  await db.execute(sql`insert into notice_opt_outs (customer_id, channel, source)
    values (${customers.optedOut.id}, 'EMAIL', 'PORTAL')`);
  await enterReadings(db, f.admin, PERIOD, [
    [customers.hoa.id, 118],
    [customers.minh.id, 212],
    [customers.nomail.id, 310],
    [customers.optedOut.id, 405],
  ]);
  const run = await createBillingRun(db, f.admin, {
    period: PERIOD,
    scope: { kind: 'books', bookIds: [f.bookIds[0]] },
  });
  const done = await runBillingRunNow(db, run.id);
  expect(done?.invoiceCount).toBe(4);
}, 120_000);

afterAll(async () => {
  await stopQueue(database.db);
  await database?.close();
  await sink?.close();
  delete process.env.SMTP_URL;
  delete process.env.PUBLIC_URL;
});

describe('bill notices after a billing run and its issue', () => {
  it('queues one notice per customer with an email in the issuing transaction, the opted-out one SKIPPED', async () => {
    const result = await issueInvoices(database.db, f.admin, { period: PERIOD, bookIds: [f.bookIds[0]] });
    expect(result.issued).toBe(4);
    expect(result.noticesQueued).toBe(3);
    const queued = await rows(sql`select customer_id, status, last_error, recipient, period from messages
      where template = 'BILL' order by customer_id`);
    expect(queued.map((r) => [Number(r.customer_id), r.status, r.recipient, Number(r.period)])).toEqual([
      [customers.hoa.id, 'QUEUED', 'hoa@example.vn', 202603],
      [customers.minh.id, 'QUEUED', 'minh@example.vn', 202603],
      [customers.optedOut.id, 'SKIPPED', 'tu@example.vn', 202603],
    ]);
    // Queueing the period again (a re-run, the bench) writes nothing: one row per event and channel.
    expect(await queueBillNotices(database.db, PERIOD, { channels: ['EMAIL'] })).toBe(0);
  });

  it('delivers them to the SMTP server: Vietnamese subject and text, the reading, the QR code as a PNG', async () => {
    const summary = await sendDueNotices(database.db, { channels: channels() });
    expect(summary).toMatchObject({ sent: 2, failed: 0, retried: 0 });
    const mails = await sink.waitFor(2);
    const hoa = mails.find((m) => m.envelopeTo.includes('hoa@example.vn'))!;
    expect(hoa.parsed.subject).toBe(`Thông báo tiền nước kỳ 03/2026 – ${customers.hoa.code}`);
    const text = hoa.parsed.text!;
    expect(text).toContain('Kính gửi quý khách Nguyễn Thị Hoa');
    expect(text).toContain('Chỉ số cũ → mới: 100 → 118');
    expect(text).toContain('Lượng nước tiêu thụ: 18 m³');
    expect(text).toContain('https://capnuoc.example.vn/tra-cuu');
    expect(text).toContain('Đường dây nóng: 1900 6060');
    const [inv] = await rows(sql`select i.id, i.number, i.total from invoices i
      where i.customer_id = ${customers.hoa.id} and i.period = ${PERIOD}`);
    expect(text).toContain(`Số tiền phải thanh toán: ${Number(inv!.total).toLocaleString('de-DE')} đồng`);
    // The message id is ours, fixed by the row: every attempt of this message carries it.
    const [msg] = await rows(sql`select id, status, provider_message_id, sent_at from messages
      where template = 'BILL' and customer_id = ${customers.hoa.id}`);
    expect(msg!.status).toBe('SENT');
    expect(hoa.parsed.messageId).toBe(`<msg-${msg!.id}@capnuoc.test>`);
    expect(msg!.provider_message_id).toBe(hoa.parsed.messageId);
    // The QR code: an inline PNG the HTML references by cid, and exactly the VietQR of the amount due.
    const png = hoa.parsed.attachments.find((a) => a.contentType === 'image/png')!;
    expect(png).toBeDefined();
    expect(png.content.subarray(1, 4).toString()).toBe('PNG');
    // mailparser resolves the HTML's cid: reference into a data: URL of the very attachment.
    expect(png.cid).toBe('vietqr@capnuoc');
    expect(String(hoa.parsed.html)).toContain(`data:image/png;base64,${png.content.toString('base64')}`);
    expect(hoa.raw.toString()).not.toContain('rel="preload"');
    const expected = vietQrPayload({
      bankBin: '970415',
      accountNumber: '113000123456',
      amount: Number(inv!.total),
      billNumber: String(inv!.number),
      purpose: paymentCode(customers.hoa.code, PERIOD),
    });
    // The PNG is exactly the code of that payload (test/unit/notices/templates.test.ts reads its modules back).
    expect(png.content.equals(qrPngBuffer(expected))).toBe(true);
    // Nobody else got mail: the opted-out customer and the one without an address.
    expect(sink.messages.flatMap((m) => m.envelopeTo).sort()).toEqual(['hoa@example.vn', 'minh@example.vn']);
  });
});

describe('payment confirmations', () => {
  it('a posted payment queues its confirmation in the same transaction and it is delivered', async () => {
    const before = sink.messages.length;
    const { payment } = await database.db.transaction((tx) =>
      postPayment(tx, {
        customerId: customers.minh.id,
        amount: 50_000,
        channel: 'counter',
        paidAt: new Date('2026-04-02T03:00:00Z'),
        recordedBy: f.admin.userId,
      }),
    );
    const [queued] = await rows(sql`select event_key, status from messages where template = 'PAYMENT_RECEIVED'`);
    expect(queued).toEqual({ event_key: `payment:${payment.id}`, status: 'QUEUED' });
    await sendDueNotices(database.db, { channels: channels() });
    const [mail] = (await sink.waitFor(before + 1)).slice(before);
    expect(mail!.envelopeTo).toEqual(['minh@example.vn']);
    expect(mail!.parsed.subject).toBe(`Xác nhận đã nhận thanh toán tiền nước – ${customers.minh.code}`);
    expect(mail!.parsed.text).toContain('Số tiền: 50.000 đồng');
    expect(mail!.parsed.text).toContain(`Số biên nhận: PT${String(payment.id).padStart(8, '0')}`);
  });

  it('an opt-out made after queueing still holds: the message is SKIPPED, nothing is sent', async () => {
    const before = sink.messages.length;
    const { payment } = await database.db.transaction((tx) =>
      postPayment(tx, {
        customerId: customers.hoa.id,
        amount: 10_000,
        channel: 'counter',
        paidAt: new Date('2026-04-03T03:00:00Z'),
        recordedBy: f.admin.userId,
      }),
    );
    await database.db.execute(sql`insert into notice_opt_outs (customer_id, channel, source)
      values (${customers.hoa.id}, 'EMAIL', 'STAFF')`);
    const summary = await sendDueNotices(database.db, { channels: channels() });
    expect(summary.skipped).toBe(1);
    const [m] = await rows(sql`select status, last_error from messages where event_key = ${`payment:${payment.id}`}`);
    expect(m!.status).toBe('SKIPPED');
    expect(String(m!.last_error)).toContain('từ chối');
    expect(sink.messages.length).toBe(before);
    await database.db.execute(sql`delete from notice_opt_outs where customer_id = ${customers.hoa.id}`);
  });
});

describe('overdue reminders', () => {
  it('remind customers whose bills are unpaid past their due date, once a month', async () => {
    const before = sink.messages.length;
    const queued = await queueOverdueReminders(database.db, '2099-01-10', ['EMAIL']);
    // Hoa and Minh owe (Minh paid part), the opted-out customer gets a SKIPPED row, the one without email nothing.
    expect(queued).toBe(3);
    expect(await queueOverdueReminders(database.db, '2099-01-25', ['EMAIL'])).toBe(0);
    await sendDueNotices(database.db, { channels: channels() });
    const mails = (await sink.waitFor(before + 2)).slice(before);
    const hoa = mails.find((m) => m.envelopeTo.includes('hoa@example.vn'))!;
    expect(hoa.parsed.subject).toBe(`Nhắc thanh toán tiền nước quá hạn – ${customers.hoa.code}`);
    expect(hoa.parsed.text).toContain('Các kỳ chưa thanh toán: 03/2026');
  });
});

describe('SMTP failures', () => {
  async function queuedTestMessage(key: string): Promise<number> {
    const [m] = await rows(sql`insert into messages (event_key, channel, template, customer_id, recipient, payload)
      select ${key}, 'EMAIL', 'PAYMENT_RECEIVED', ${customers.minh.id}, 'minh@example.vn', payload
      from messages where template = 'PAYMENT_RECEIVED' limit 1 returning id`);
    return Number(m!.id);
  }

  it('a 4xx answer is retried with back-off and then delivered; a 5xx answer is final', async () => {
    const id = await queuedTestMessage('test:smtp-4xx');
    sink.failNext(451);
    let summary = await sendDueNotices(database.db, { channels: channels(), backoffSeconds: 60 });
    expect(summary.retried).toBe(1);
    let [m] =
      await rows(sql`select status, attempts, last_error, next_attempt_at > now() + interval '50 seconds' as later
      from messages where id = ${id}`);
    expect(m).toMatchObject({ status: 'QUEUED', attempts: 1, later: true });
    expect(String(m!.last_error)).toContain('451');
    // Not due yet: nothing is sent before its back-off ends.
    expect((await sendDueNotices(database.db, { channels: channels() })).claimed).toBe(0);
    await database.db.execute(sql`update messages set next_attempt_at = now() where id = ${id}`);
    summary = await sendDueNotices(database.db, { channels: channels() });
    expect(summary.sent).toBe(1);
    [m] = await rows(sql`select status, attempts from messages where id = ${id}`);
    expect(m).toMatchObject({ status: 'SENT', attempts: 2 });

    const failed = await queuedTestMessage('test:smtp-5xx');
    sink.failNext(550);
    summary = await sendDueNotices(database.db, { channels: channels() });
    expect(summary.failed).toBe(1);
    [m] = await rows(sql`select status, attempts, last_error from messages where id = ${failed}`);
    expect(m).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect(String(m!.last_error)).toContain('550');
  });
});

describe('request status changes through the job queue', () => {
  it('the "received" confirmation with its tracking code, then status changes (a handover with the customer code) reach the applicant', async () => {
    const db = database.db;
    const before = sink.messages.length;
    await startQueue(db, {
      workers: 1,
      pollingIntervalSeconds: 0.5,
      noticePollMs: 100,
      notices: { channels: channels() },
    });
    const [wo] = await rows(sql`insert into work_orders (tracking_code, kind, source, status, customer_id, branch_id,
        book_id, applicant_name, applicant_phone, applicant_email, deadline)
      values ('YCTHU12345', 'LEAK_REPORT', 'PORTAL', 'RECEIVED', ${customers.minh.id}, ${f.branchIds[0]}, ${f.bookIds[0]},
        'Trần Văn Minh', '0912345678', 'minh.yc@example.vn', '2026-12-05') returning id`);
    const workOrderId = Number(wo!.id);
    await db.transaction((tx) =>
      recordWorkOrderEvent(tx, { workOrderId, by: { portalAccountId: null }, fromStatus: null, toStatus: 'RECEIVED' }),
    );
    const [received] = (await sink.waitFor(before + 1, 15_000)).slice(before);
    expect(received!.envelopeTo).toEqual(['minh.yc@example.vn']);
    expect(received!.parsed.subject).toContain('Đã tiếp nhận yêu cầu YCTHU12345');
    expect(received!.parsed.text).toContain('https://capnuoc.example.vn/theo-doi?ma=YCTHU12345');

    await db.transaction(async (tx) => {
      await tx.execute(sql`update work_orders set status = 'ASSIGNED' where id = ${workOrderId}`);
      await recordWorkOrderEvent(tx, {
        workOrderId,
        by: { actor: f.admin },
        fromStatus: 'RECEIVED',
        toStatus: 'ASSIGNED',
        note: 'Nội bộ: đội 2 kiểm tra trong tuần',
      });
    });
    const [changed] = (await sink.waitFor(before + 2, 15_000)).slice(before + 1);
    expect(changed!.parsed.subject).toContain('Yêu cầu YCTHU12345');
    expect(changed!.parsed.text).toContain('Trạng thái: Đã phân công');
    // A staff note on an intermediate step is not the applicant's to read.
    expect(changed!.parsed.text).not.toContain('Nội bộ');

    await db.transaction(async (tx) => {
      await tx.execute(sql`update work_orders set status = 'REJECTED', closed_at = now() where id = ${workOrderId}`);
      await recordWorkOrderEvent(tx, {
        workOrderId,
        by: { actor: f.admin },
        fromStatus: 'ASSIGNED',
        toStatus: 'REJECTED',
        note: 'Đường ống thuộc phạm vi nhà khách hàng',
      });
    });
    const [rejected] = (await sink.waitFor(before + 3, 15_000)).slice(before + 2);
    expect(rejected!.parsed.text).toContain('Đường ống thuộc phạm vi nhà khách hàng');

    // A new connection handed over: the mail tells the customer code they will be billed under.
    const [inst] = await rows(sql`insert into work_orders (tracking_code, kind, source, status, customer_id, branch_id,
        book_id, applicant_name, applicant_phone, applicant_email, deadline, closed_at)
      values ('YCLAP12345', 'INSTALLATION', 'PORTAL', 'DONE', ${customers.minh.id}, ${f.branchIds[0]}, ${f.bookIds[0]},
        'Trần Văn Minh', '0912345678', 'minh.yc@example.vn', '2026-12-30', now()) returning id`);
    await db.transaction((tx) =>
      recordWorkOrderEvent(tx, {
        workOrderId: Number(inst!.id),
        by: { actor: f.admin },
        fromStatus: 'INSTALLED',
        toStatus: 'DONE',
      }),
    );
    const [handedOver] = (await sink.waitFor(before + 4, 15_000)).slice(before + 3);
    expect(handedOver!.parsed.subject).toContain('Yêu cầu YCLAP12345');
    expect(handedOver!.parsed.text).toContain(`Mã khách hàng: ${customers.minh.code}`);
    await drainJobs(db, { timeoutMs: 15_000 });
  }, 40_000);
});
