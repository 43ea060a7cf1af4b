/**
 * The back office's notices API: the message list by customer, period, status and channel (book-scoped), the
 * delivery rate of the last run, resending a failed message under the same id, opt-outs by staff, template
 * previews with sample data.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@/db/sql';
import { loadActor, type Actor } from '@/services/auth/actor';
import { addCustomer, type TestCustomer } from '../helpers/billing-fixtures';
import { createTestDatabase } from '../helpers/db';
import { createOrgFixture, type OrgFixture } from '../helpers/fixtures';
import { gql } from '../helpers/graphql';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let f: OrgFixture;
let clerk: Actor;
let viewer: Actor;
let mine: TestCustomer;
let theirs: TestCustomer;
const ids: Record<string, number> = {};

async function ok(actor: Actor, query: string, variables: Record<string, unknown> = {}) {
  const r = await gql(database.db, actor, query, variables);
  if (r.errors.length) throw new Error(`${r.code}: ${r.errors[0]!.message}`);
  return r.data!;
}

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  f = await createOrgFixture(db);
  mine = await addCustomer(db, f, { name: 'Nguyễn Thị Hoa', email: 'hoa@example.vn' });
  theirs = await addCustomer(db, f, { name: 'Khách sổ ba', bookId: f.bookIds[2], email: 'ba@example.vn' });
  // The clerk handles notices (book 0 and 1); the viewer may only look (book 0).
  await db.execute(sql`insert into user_permissions (user_id, branch_id, "group", object, can_access, can_edit)
    values (${f.clerk.userId}, ${f.branchIds[0]}, 'document', 'notices', true, true),
      (${f.viewer.userId}, ${f.branchIds[0]}, 'document', 'notices', true, false)`);
  clerk = (await loadActor(db, f.clerk.userId))!;
  viewer = (await loadActor(db, f.viewer.userId))!;
  const insert = async (key: string, customerId: number, status: string, channel = 'EMAIL') =>
    Number(
      rowsOf<{ id: number }>(
        await db.execute(sql`insert into messages (event_key, channel, template, customer_id, period, recipient, status,
            attempts, last_error, sent_at)
          values (${key}, ${channel}, 'BILL', ${customerId}, 202611, 'x@example.vn', ${status}, 1,
            ${status === 'FAILED' ? 'SMTP 550 Mailbox unavailable' : null},
            case when ${status} = 'SENT' then now() end)
          returning id`),
      )[0]!.id,
    );
  ids.sent = await insert(`bill:${mine.id}:2026-11`, mine.id, 'SENT');
  ids.failed = await insert(`bill:${mine.id}:2026-11`, mine.id, 'FAILED', 'SMS');
  ids.skipped = await insert(`bill:${mine.id}:2026-11`, mine.id, 'SKIPPED', 'ZNS');
  ids.theirs = await insert(`bill:${theirs.id}:2026-11`, theirs.id, 'FAILED');
}, 60_000);

afterAll(async () => {
  await database?.close();
});

const LIST = `query($filter: MessageFilter, $first: Int, $after: String) {
  messages(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    rows { id channel status customerId customerCode period lastError }
  } }`;

describe('messages', () => {
  it('lists only messages of customers in the viewer’s books, filtered and paged', async () => {
    const all = (await ok(clerk, LIST)).messages;
    expect(all.totalCount).toBe(3);
    expect(all.rows.map((r: any) => r.customerId)).not.toContain(theirs.id);
    const failed = (await ok(clerk, LIST, { filter: { status: 'FAILED', period: '2026-11' } })).messages;
    expect(failed.rows).toEqual([
      expect.objectContaining({ id: ids.failed, channel: 'SMS', status: 'FAILED', period: '2026-11' }),
    ]);
    const page1 = (await ok(clerk, LIST, { first: 2 })).messages;
    expect(page1.rows).toHaveLength(2);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await ok(clerk, LIST, { first: 2, after: page1.pageInfo.endCursor })).messages;
    expect(page2.rows.map((r: any) => r.id)).toEqual([ids.sent]);
    expect((await ok(clerk, LIST, { filter: { customerId: theirs.id } })).messages.rows).toEqual([]);
    // An admin sees every book.
    expect((await ok(f.admin, LIST)).messages.totalCount).toBe(4);
  });

  it('the delivery rate of the last run: sent / (sent + failed)', async () => {
    const stats = (
      await ok(clerk, `query { messageRunStats { period messageCount sent failed skipped pending deliveryRate } }`)
    ).messageRunStats;
    expect(stats).toEqual({
      period: '2026-11',
      messageCount: 3,
      sent: 1,
      failed: 1,
      skipped: 1,
      pending: 0,
      deliveryRate: 0.5,
    });
  });
});

describe('resendMessage', () => {
  const RESEND = `mutation($id: Int!) { resendMessage(id: $id) { id status attempts lastError } }`;

  it('queues a failed message again under the same id; a sent one is refused', async () => {
    const r = (await ok(clerk, RESEND, { id: ids.failed })).resendMessage;
    expect(r).toEqual({ id: ids.failed, status: 'QUEUED', attempts: 0, lastError: null });
    const [row] = rowsOf<Record<string, unknown>>(
      await database.db.execute(sql`select resent_by, event_key from messages where id = ${ids.failed}`),
    );
    expect(Number(row!.resent_by)).toBe(clerk.userId);
    const again = await gql(database.db, clerk, RESEND, { id: ids.sent });
    expect(again.code).toBe('NOTICE_NOT_RESENDABLE');
  });

  it('refuses a viewer without the edit right, and a message of another book as not found', async () => {
    expect((await gql(database.db, viewer, RESEND, { id: ids.skipped })).code).toBe('FORBIDDEN');
    expect((await gql(database.db, clerk, RESEND, { id: ids.theirs })).code).toBe('NOT_FOUND');
  });
});

describe('setNoticeOptOut', () => {
  const SET = `mutation($c: Int!, $ch: NoticeChannel!, $o: Boolean!) {
    setNoticeOptOut(customerId: $c, channel: $ch, optedOut: $o) { channel optedOut } }`;

  it('records and withdraws a customer’s refusal of a channel', async () => {
    const on = (await ok(clerk, SET, { c: mine.id, ch: 'SMS', o: true })).setNoticeOptOut;
    expect(on).toEqual([
      { channel: 'EMAIL', optedOut: false },
      { channel: 'SMS', optedOut: true },
      { channel: 'ZNS', optedOut: false },
    ]);
    const [row] = rowsOf<Record<string, unknown>>(
      await database.db.execute(sql`select source, user_id from notice_opt_outs where customer_id = ${mine.id}`),
    );
    expect(row).toEqual({ source: 'STAFF', user_id: clerk.userId });
    const off = (await ok(clerk, SET, { c: mine.id, ch: 'SMS', o: false })).setNoticeOptOut;
    expect(off.every((o: any) => !o.optedOut)).toBe(true);
  });

  it('refuses a customer of another book', async () => {
    expect((await gql(database.db, clerk, SET, { c: theirs.id, ch: 'EMAIL', o: true })).code).toBe('NOT_FOUND');
  });
});

describe('templates', () => {
  it('lists the templates and previews each with sample data and the company’s name', async () => {
    const list = (await ok(viewer, `query { noticeTemplates { id title hasZns znsTemplateId } }`)).noticeTemplates;
    expect(list.map((t: any) => t.id)).toEqual(
      expect.arrayContaining(['BILL', 'PAYMENT_RECEIVED', 'OVERDUE_REMINDER', 'DISCONNECTION', 'WORK_ORDER_STATUS']),
    );
    for (const t of list) {
      const p = (
        await ok(viewer, `query($t: String!) { previewNotice(template: $t) { subject html text sms zns } }`, {
          t: t.id,
        })
      ).previewNotice;
      expect(p.html).toContain('Công ty Cấp nước Thử nghiệm');
      expect(p.subject).not.toBe('');
      expect(p.zns === null).toBe(!t.hasZns);
    }
    const unknown = await gql(database.db, viewer, `query { previewNotice(template: "NOPE") { subject } }`);
    expect(unknown.code).toBe('NOTICE_TEMPLATE_UNKNOWN');
  });
});
