/**
 * What starts notices beyond bills and payments: a CUT_OFF request queues the disconnection notice in its intake
 * transaction (and its deadline waits for the notice's legal date); overdue reminders run daily on a pg-boss cron
 * schedule and on a clerk's demand (book-scoped); a staff resend starts the sender at once.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@/db/sql';
import { todayInVietnam } from '@/domain/billing/periods';
import { runOverdueReminderJob } from '@/jobs/notices';
import { startQueue, stopQueue } from '@/jobs/queue';
import type { Actor } from '@/services/auth/actor';
import { emailChannel } from '@/services/notices/email-channel';
import { smtpSender } from '@/services/notices/mail-transport';
import { kickNoticeSenderQuietly } from '@/services/notices/notice-queue.service';
import { sendDueNotices } from '@/services/notices/notice-sender.service';
import { receiveWorkOrder } from '@/services/work-orders/intake.service';
import { addCustomer, type TestCustomer } from '../helpers/billing-fixtures';
import { createTestDatabase } from '../helpers/db';
import { createOrgFixture, type OrgFixture } from '../helpers/fixtures';
import { gql } from '../helpers/graphql';
import { issuedInvoice } from '../helpers/payment-fixtures';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { grantDocumentRights, serviceRequest } from '../helpers/work-order-fixtures';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let f: OrgFixture;
let sink: SmtpSink;
let clerk: Actor;
let household: TestCustomer;
let agency: TestCustomer;
let paidUp: TestCustomer;
let otherBook: TestCustomer;

// Monday 16 November 2026, 09:00 in Hà Nội.
const MONDAY = new Date('2026-11-16T02:00:00Z');

type Row = Record<string, unknown>;
const rows = async (q: ReturnType<typeof sql>) => rowsOf<Row>(await database.db.execute(q));
const sendJobs = async () =>
  Number((await rows(sql`select count(*)::int as n from pgboss.job where name = 'notices.send'`))[0]!.n);
/** Kicks collapse into one waiting job; clearing them lets a test see that its own call enqueued one. */
const clearSendJobs = () => database.db.execute(sql`delete from pgboss.job where name = 'notices.send'`);

beforeAll(async () => {
  sink = await startSmtpSink();
  // With SMTP_URL set, email is an enabled channel for the queueing side.
  process.env.SMTP_URL = sink.url;
  database = await createTestDatabase();
  const db = database.db;
  f = await createOrgFixture(db);
  clerk = await grantDocumentRights(db, f.clerk, f.branchIds[0], ['complaints', 'notices']);
  household = await addCustomer(db, f, { name: 'Nguyễn Thị Hoa', email: 'hoa@example.vn' });
  agency = await addCustomer(db, f, {
    name: 'Công ty TNHH Sông Hồng',
    email: 'ketoan@songhong.vn',
    customerType: 1,
    taxCode: '0101234567',
  });
  paidUp = await addCustomer(db, f, { name: 'Lê Văn Đủ', email: 'du@example.vn' });
  otherBook = await addCustomer(db, f, { name: 'Khách sổ ba', email: 'ba@example.vn', bookId: f.bookIds[2] });
  for (const c of [household, agency, otherBook]) {
    await issuedInvoice(db, { customerId: c.id, period: '2026-09', water: 100_000, vat: 5_000, fees: 10_000 });
    await issuedInvoice(db, { customerId: c.id, period: '2026-10', water: 200_000, vat: 10_000, fees: 20_000 });
  }
}, 60_000);

afterAll(async () => {
  if (database) await stopQueue(database.db);
  await database?.close();
  await sink?.close();
  delete process.env.SMTP_URL;
});

async function cutOff(customerId: number, idempotencyKey?: string) {
  return receiveWorkOrder(
    database.db,
    { actor: clerk },
    serviceRequest('CUT_OFF', customerId, idempotencyKey ? { idempotencyKey } : {}),
    { now: MONDAY },
  );
}

const disconnectionOf = (workOrderId: number) =>
  rows(sql`select event_key, channel, template, customer_id, work_order_id, recipient, status, payload
    from messages where template = 'DISCONNECTION' and work_order_id = ${workOrderId}`);
const deadlineOf = async (workOrderId: number) =>
  String((await rows(sql`select deadline::text as d from work_orders where id = ${workOrderId}`))[0]!.d);

describe('disconnection notices', () => {
  it('a household’s cut-off queues the notice with its unpaid periods and waits 5 weeks', async () => {
    const order = await cutOff(household.id, 'cut-off-hoa-0b6f3c1e-2f7a-4d2e');
    const messages = await disconnectionOf(order.id);
    expect(messages).toEqual([
      expect.objectContaining({
        event_key: `disconnection:${order.id}`,
        channel: 'EMAIL',
        customer_id: household.id,
        recipient: 'hoa@example.vn',
        status: 'QUEUED',
        payload: expect.objectContaining({
          customerCode: household.code,
          isHousehold: true,
          periods: ['2026-09', '2026-10'],
          totalDue: 345_000,
          noticeDate: '2026-11-16',
        }),
      }),
    ]);
    // 16/11 + 5 weeks; the 7 days of a CUT_OFF would have it cut before the notice allows.
    expect(await deadlineOf(order.id)).toBe('2026-12-21');

    // A repeat of the same submission is the same order: no second notice.
    expect((await cutOff(household.id, 'cut-off-hoa-0b6f3c1e-2f7a-4d2e')).id).toBe(order.id);
    expect(await disconnectionOf(order.id)).toHaveLength(1);

    // Sent for real: the email names both dates of the household rule.
    const before = sink.messages.length;
    await sendDueNotices(database.db, { channels: { EMAIL: emailChannel(smtpSender(sink.url), 'capnuoc.test') } });
    const mails = (await sink.waitFor(before + 2)).slice(before);
    const mail = mails.find((m) => m.parsed.subject?.includes('ngừng cấp nước'));
    expect(mail?.envelopeTo).toEqual(['hoa@example.vn']);
    expect(mail?.parsed.text).toContain('21/12/2026');
    expect(mail?.parsed.text).toContain('25/01/2027');
    expect(mail?.parsed.text).toContain('345.000');
  });

  it('another customer gets 15 working days', async () => {
    const order = await cutOff(agency.id);
    const [m] = await disconnectionOf(order.id);
    expect(m!.payload).toMatchObject({ isHousehold: false, totalDue: 345_000 });
    expect(await deadlineOf(order.id)).toBe('2026-12-07');
  });

  it('a customer who owes nothing gets no disconnection notice; the deadline still waits for the rule', async () => {
    const order = await cutOff(paidUp.id);
    expect(await disconnectionOf(order.id)).toEqual([]);
    expect(await deadlineOf(order.id)).toBe('2026-12-21');
  });

  it('other requests queue none and keep their own deadline', async () => {
    const order = await receiveWorkOrder(database.db, { actor: clerk }, serviceRequest('LEAK_REPORT', household.id), {
      now: MONDAY,
    });
    expect(await disconnectionOf(order.id)).toEqual([]);
    expect(await deadlineOf(order.id)).toBe('2026-11-17');
  });
});

describe('overdue reminders', () => {
  it('the daily schedule is registered only when asked under NODE_ENV=test', async () => {
    const db = database.db;
    const plain = await startQueue(db, { workers: 1 });
    expect(plain.schedulesOn).toBe(false);
    expect(await plain.boss.getSchedules()).toEqual([]);
    await stopQueue(db);
    const scheduled = await startQueue(db, { workers: 1, schedules: true, notices: { channels: {} } });
    expect(await scheduled.boss.getSchedules()).toEqual([
      expect.objectContaining({
        name: 'notices.overdue-reminders',
        cron: '0 8 * * *',
        options: { tz: 'Asia/Ho_Chi_Minh' },
      }),
    ]);
    await scheduled.boss.unschedule('notices.overdue-reminders');
    await stopQueue(db);
    // The rest of the file enqueues without running jobs, so it can count them.
    await startQueue(db, { workers: 0 });
  }, 30_000);

  it('the clerk’s run queues reminders of their books only, starts the sender, and is once a month', async () => {
    await clearSendJobs();
    const r = await gql(database.db, clerk, 'mutation { queueOverdueReminders }');
    expect(r.errors).toEqual([]);
    // Book 0: the household and the agency owe; the paid-up customer does not; book 2 is not the clerk's.
    expect(r.data!.queueOverdueReminders).toBe(2);
    const reminded = await rows(sql`select customer_id from messages where template = 'OVERDUE_REMINDER'
      order by customer_id`);
    expect(reminded.map((m) => Number(m.customer_id))).toEqual([household.id, agency.id]);
    expect(await sendJobs()).toBe(1);
    const again = await gql(database.db, clerk, 'mutation { queueOverdueReminders }');
    expect(again.data!.queueOverdueReminders).toBe(0);
  });

  it('needs the add right on notices', async () => {
    const viewer = await grantDocumentRights(database.db, f.viewer, f.branchIds[0], ['notices'], {});
    const r = await gql(database.db, viewer, 'mutation { queueOverdueReminders }');
    expect(r.code).toBe('FORBIDDEN');
  });

  it('the scheduled job reminds every book and kicks the sender', async () => {
    await clearSendJobs();
    expect(await runOverdueReminderJob(database.db, todayInVietnam(new Date()))).toMatchObject({ queued: 1 });
    const [m] = await rows(sql`select recipient from messages where template = 'OVERDUE_REMINDER'
      and customer_id = ${otherBook.id}`);
    expect(m!.recipient).toBe('ba@example.vn');
    expect(await sendJobs()).toBe(1);
    expect(await runOverdueReminderJob(database.db, todayInVietnam(new Date()))).toMatchObject({ queued: 0 });
  });
});

describe('resend', () => {
  it('starts the sender at once', async () => {
    const [m] = await rows(sql`insert into messages (event_key, channel, template, customer_id, recipient, status,
        attempts, last_error)
      values ('test:resend', 'EMAIL', 'BILL', ${household.id}, 'hoa@example.vn', 'FAILED', 1, 'SMTP 550')
      returning id`);
    await clearSendJobs();
    const r = await gql(database.db, clerk, 'mutation($id: Int!) { resendMessage(id: $id) { id status } }', {
      id: Number(m!.id),
    });
    expect(r.errors).toEqual([]);
    expect(r.data!.resendMessage).toEqual({ id: Number(m!.id), status: 'QUEUED' });
    expect(await sendJobs()).toBe(1);
  });

  it('a kick that fails is logged, not thrown', async () => {
    await expect(kickNoticeSenderQuietly({} as never)).resolves.toBeUndefined();
  });
});
