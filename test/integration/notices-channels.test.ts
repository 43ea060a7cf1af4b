/**
 * The SMS and ZNS adapters against local fake providers (real HTTP servers): success, a temporary failure then
 * success, a permanent failure; exactly-once when a sender dies after the provider answered; a channel that is
 * not configured skips its messages with a reason.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rowsOf } from '@/db/sql';
import type { ChannelAdapters } from '@/services/notices/channel';
import { emailChannel } from '@/services/notices/email-channel';
import { smtpSender } from '@/services/notices/mail-transport';
import { queuePaymentNotices } from '@/services/notices/notice-queue.service';
import { sendDueNotices } from '@/services/notices/notice-sender.service';
import { smsChannel } from '@/services/notices/sms-channel';
import { znsChannel } from '@/services/notices/zns-channel';
import { postPayment } from '@/services/payments/payment.service';
import { addCustomer, type TestCustomer } from '../helpers/billing-fixtures';
import { createTestDatabase } from '../helpers/db';
import { startFakeNoticeProvider, type FakeNoticeProvider } from '../helpers/fake-notice-provider';
import { createOrgFixture, type OrgFixture } from '../helpers/fixtures';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let f: OrgFixture;
let customer: TestCustomer;
let sms: FakeNoticeProvider;
let zns: FakeNoticeProvider;
let sink: SmtpSink;
let channels: ChannelAdapters;
let day = 1;

type Row = Record<string, unknown>;
const rows = async (q: ReturnType<typeof sql>) => rowsOf<Row>(await database.db.execute(q));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A payment of the customer with its confirmation queued on the given channels; the message ids by channel. */
async function paymentNotice(only: ('SMS' | 'ZNS' | 'EMAIL')[]): Promise<Record<string, number>> {
  const paidAt = new Date(`2026-05-${String(day++).padStart(2, '0')}T03:00:00Z`);
  const { payment } = await database.db.transaction((tx) =>
    postPayment(tx, {
      customerId: customer.id,
      amount: 50_000,
      channel: 'counter',
      paidAt,
      recordedBy: f.admin.userId,
    }),
  );
  await database.db.transaction((tx) => queuePaymentNotices(tx, [payment.id], only));
  const ids: Record<string, number> = {};
  for (const r of await rows(sql`select id, channel from messages where event_key = ${`payment:${payment.id}`}`))
    ids[String(r.channel)] = Number(r.id);
  return ids;
}

const message = async (id: number) => (await rows(sql`select * from messages where id = ${id}`))[0]!;
const makeDue = (id: number) => database.db.execute(sql`update messages set next_attempt_at = now() where id = ${id}`);

beforeAll(async () => {
  database = await createTestDatabase();
  f = await createOrgFixture(database.db);
  await database.db.execute(sql`update companies set hotline = '1900 6060'`);
  customer = await addCustomer(database.db, f, {
    name: 'Nguyễn Thị Hoa',
    phone: '0912345678',
    email: 'hoa@example.vn',
  });
  sms = await startFakeNoticeProvider('SMS');
  zns = await startFakeNoticeProvider('ZNS');
  sink = await startSmtpSink();
  channels = {
    SMS: smsChannel({ url: sms.url, token: 'sms-key' }),
    ZNS: znsChannel({ url: zns.url, token: 'zns-token' }),
    EMAIL: emailChannel(smtpSender(sink.url), 'capnuoc.test'),
  };
}, 60_000);

afterAll(async () => {
  await database?.close();
  await sms?.close();
  await zns?.close();
  await sink?.close();
});

beforeEach(async () => {
  // Each test sends only its own messages.
  await database.db.execute(sql`update messages set status = 'SKIPPED' where status in ('QUEUED', 'SENDING')`);
});

describe('SMS through the generic HTTP adapter', () => {
  it('sends Vietnamese text under the message id as client id and idempotency key', async () => {
    const { SMS: id } = await paymentNotice(['SMS']);
    expect(await sendDueNotices(database.db, { channels })).toMatchObject({ sent: 1, failed: 0 });
    const request = sms.requests.at(-1)!;
    expect(request.key).toBe(`msg-${id}`);
    expect(request.headers['idempotency-key']).toBe(`msg-${id}`);
    expect(request.headers.authorization).toBe('Bearer sms-key');
    expect(request.body.to).toBe('0912345678');
    expect(String(request.body.text)).toContain(`Đã nhận 50.000 đồng tiền nước của KH ${customer.code}`);
    expect(await message(id!)).toMatchObject({ status: 'SENT', attempts: 1, provider_message_id: 'sms-1' });
  });

  it('retries a 503 with back-off, then delivers once', async () => {
    const { SMS: id } = await paymentNotice(['SMS']);
    sms.failNext(503);
    expect(await sendDueNotices(database.db, { channels, backoffSeconds: 30 })).toMatchObject({ retried: 1 });
    const waiting = await message(id!);
    expect(waiting).toMatchObject({ status: 'QUEUED', attempts: 1 });
    expect(String(waiting.last_error)).toContain('HTTP 503');
    await makeDue(id!);
    expect(await sendDueNotices(database.db, { channels })).toMatchObject({ sent: 1 });
    expect(await message(id!)).toMatchObject({ status: 'SENT', attempts: 2 });
    expect(sms.requests.filter((r) => r.key === `msg-${id}`)).toHaveLength(2);
    expect(sms.deliveries.has(`msg-${id}`)).toBe(true);
  });

  it('a 400 is final: FAILED after one attempt, with the provider answer kept', async () => {
    const { SMS: id } = await paymentNotice(['SMS']);
    sms.failNext(400);
    expect(await sendDueNotices(database.db, { channels })).toMatchObject({ failed: 1, retried: 0 });
    const failed = await message(id!);
    expect(failed).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect(String(failed.provider_response)).toContain('lỗi giả lập 400');
  });

  it('gives up after the last attempt of a temporary failure', async () => {
    const { SMS: id } = await paymentNotice(['SMS']);
    sms.failNext(500, 2);
    await sendDueNotices(database.db, { channels, maxAttempts: 2 });
    await makeDue(id!);
    await sendDueNotices(database.db, { channels, maxAttempts: 2 });
    expect(await message(id!)).toMatchObject({ status: 'FAILED', attempts: 2 });
  });
});

describe('Zalo ZNS through the same interface', () => {
  it('sends the approved template id with its parameters to the 84… number', async () => {
    const { ZNS: id } = await paymentNotice(['ZNS']);
    expect(await sendDueNotices(database.db, { channels })).toMatchObject({ sent: 1 });
    const request = zns.requests.at(-1)!;
    expect(request.headers.access_token).toBe('zns-token');
    expect(request.body).toMatchObject({
      phone: '84912345678',
      template_id: '301002',
      tracking_id: `msg-${id}`,
      template_data: { customer_name: 'Nguyễn Thị Hoa', amount: '50.000', customer_code: customer.code },
    });
    expect((await message(id!)).provider_message_id).toBe('zns-1');
  });

  it('a 429 then success; a Zalo error code is final', async () => {
    const { ZNS: id } = await paymentNotice(['ZNS']);
    zns.failNext(429);
    expect(await sendDueNotices(database.db, { channels })).toMatchObject({ retried: 1 });
    await makeDue(id!);
    expect(await sendDueNotices(database.db, { channels })).toMatchObject({ sent: 1 });
    expect(await message(id!)).toMatchObject({ status: 'SENT', attempts: 2 });

    const { ZNS: refused } = await paymentNotice(['ZNS']);
    zns.znsErrorNext(-118);
    expect(await sendDueNotices(database.db, { channels })).toMatchObject({ failed: 1 });
    const failed = await message(refused!);
    expect(failed.status).toBe('FAILED');
    expect(String(failed.last_error)).toContain('ZNS -118');
  });
});

describe('exactly once', () => {
  it('a sender that dies after the provider answered: the lease runs out, the resend carries the same key, one delivery', async () => {
    const { SMS: id } = await paymentNotice(['SMS']);
    const key = `msg-${id}`;
    // The provider accepts the message, then the sender "dies" before it records the answer.
    await expect(
      sendDueNotices(database.db, {
        channels,
        leaseSeconds: 1,
        onProviderAnswer: () => {
          throw new Error('worker killed');
        },
      }),
    ).rejects.toThrow('worker killed');
    const orphan = await message(id!);
    expect(orphan).toMatchObject({ status: 'SENDING', attempts: 1, provider_message_id: null });
    expect(sms.deliveries.has(key)).toBe(true);
    const firstAnswer = sms.requests.filter((r) => r.key === key);
    expect(firstAnswer).toHaveLength(1);
    // While the lease holds, no other sender takes it.
    expect((await sendDueNotices(database.db, { channels })).claimed).toBe(0);
    await sleep(1_100);
    expect(await sendDueNotices(database.db, { channels })).toMatchObject({ claimed: 1, sent: 1 });
    // Sent again under the same key; the provider deduplicated: one delivery, the first delivery's id recorded.
    const requests = sms.requests.filter((r) => r.key === key);
    expect(requests).toHaveLength(2);
    expect(requests.map((r) => r.headers['idempotency-key'])).toEqual([key, key]);
    expect([...sms.deliveries.keys()].filter((k) => k === key)).toHaveLength(1);
    const done = await message(id!);
    expect(done).toMatchObject({ status: 'SENT', attempts: 2 });
    expect(await rows(sql`select count(*)::int as n from messages where event_key = ${done.event_key}`)).toEqual([
      { n: 1 },
    ]);
  });

  it('email: the resend carries the same Message-ID (SMTP does not deduplicate; mail programs collapse it)', async () => {
    const { EMAIL: id } = await paymentNotice(['EMAIL']);
    await expect(
      sendDueNotices(database.db, {
        channels,
        leaseSeconds: 1,
        onProviderAnswer: () => {
          throw new Error('worker killed');
        },
      }),
    ).rejects.toThrow('worker killed');
    await sleep(1_100);
    await sendDueNotices(database.db, { channels });
    const copies = sink.messages.filter((m) => m.parsed.messageId === `<msg-${id}@capnuoc.test>`);
    expect(copies).toHaveLength(2);
    expect(await message(id!)).toMatchObject({ status: 'SENT' });
  });

  it('the database refuses a second row for one event and channel', async () => {
    const [m] = await rows(sql`select event_key from messages where channel = 'SMS' limit 1`);
    await expect(
      database.db.execute(sql`insert into messages (event_key, channel, template, recipient)
        values (${m!.event_key}, 'SMS', 'PAYMENT_RECEIVED', '0912345678')`),
    ).rejects.toThrow();
  });
});

describe('configuration', () => {
  it('messages of a channel that is not configured are SKIPPED with the reason', async () => {
    const { ZNS: id } = await paymentNotice(['ZNS']);
    expect(await sendDueNotices(database.db, { channels: { SMS: channels.SMS! } })).toMatchObject({ skipped: 1 });
    const skipped = await message(id!);
    expect(skipped.status).toBe('SKIPPED');
    expect(String(skipped.last_error)).toContain('ZNS_PROVIDER_URL');
  });
});
