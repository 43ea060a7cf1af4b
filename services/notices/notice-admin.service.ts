/**
 * The back office's view of notices: the message list, the delivery rate of the last bill run, resending a failed
 * message, a customer's opt-outs, and the template previews. Rights: document.notices; a message of a customer is
 * seen and resent only by holders of the customer's current book (authorization follows the customer).
 */
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '@/db/client';
import { pgArray, rowsOf } from '@/db/sql';
import { todayInVietnam } from '@/domain/billing/periods';
import { isNoticeTemplateId, listNoticeTemplates, previewNotice, type TemplateSummary } from '@/emails/registry';
import { type Actor, booksWithRight, canOnBook, hasRight } from '@/services/auth/actor';
import { AppError, forbidden, notFound } from '@/services/errors';
import { decodeCursor, pageOf, type PageInfo } from '@/services/page-cursor';
import type { NoticeChannel } from './channel';
import { loadRenderContext } from './notice-context';
import { kickNoticeSenderQuietly, queueOverdueReminders } from './notice-queue.service';

type MessageStatus = 'QUEUED' | 'SENDING' | 'SENT' | 'FAILED' | 'SKIPPED';

export interface MessageRow {
  id: number;
  eventKey: string;
  channel: NoticeChannel;
  template: string;
  customerId: number | null;
  customerCode: string | null;
  customerName: string | null;
  workOrderId: number | null;
  period: string | null;
  recipient: string;
  status: MessageStatus;
  attempts: number;
  nextAttemptAt: Date;
  providerMessageId: string | null;
  providerResponse: string | null;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

export interface MessageFilter {
  customerId?: number | null;
  period?: string | null;
  status?: MessageStatus | null;
  channel?: NoticeChannel | null;
}

export interface MessagePage {
  rows: MessageRow[];
  pageInfo: PageInfo;
  totalCount: number;
}

export interface MessageRunStats {
  period: string | null;
  total: number;
  sent: number;
  failed: number;
  skipped: number;
  pending: number;
  /** sent / (sent + failed): of the messages that were tried to the end, the share that reached the provider. */
  deliveryRate: number | null;
}

function assertNoticeRight(actor: Actor, right: 'access' | 'add' | 'edit', what: string): void {
  if (!hasRight(actor, 'document', 'notices', right)) throw forbidden(what);
}

/** Branches on which the actor may see notices of requests without a customer. */
function branchesWithRight(actor: Actor): number[] {
  const out: number[] = [];
  for (const [key, rights] of actor.rights) {
    const [branch, group, object] = key.split(':');
    if (group === 'document' && object === 'notices' && rights.access) out.push(Number(branch));
  }
  return out;
}

/** Messages of customers in books the actor holds with the right, and of requests of their branches. */
function visibleTo(actor: Actor): SQL {
  const books = booksWithRight(actor, 'notices', 'access');
  if (books === null) return sql`true`;
  return sql`((m.customer_id is not null and c.book_id = any(${pgArray(books)}::int4[]))
    or (m.customer_id is null and w.branch_id = any(${pgArray(branchesWithRight(actor))}::int4[])))`;
}

const FROM = sql`messages m left join customers c on c.id = m.customer_id left join work_orders w on w.id = m.work_order_id`;

const SELECT = sql`m.id, m.event_key, m.channel, m.template, m.customer_id, c.code as customer_code,
  c.name as customer_name, m.work_order_id, m.period, m.recipient, m.status, m.attempts, m.next_attempt_at,
  m.provider_message_id, m.provider_response, m.last_error, m.created_at, m.sent_at`;

type Row = Record<string, unknown>;

const asDate = (v: unknown) => (v instanceof Date ? v : new Date(String(v)));
const str = (v: unknown) => (v == null ? null : String(v));

/** 202611 → 2026-11. */
function periodText(v: unknown): string | null {
  if (v == null) return null;
  const s = String(v);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}`;
}

function toRow(r: Row): MessageRow {
  return {
    id: Number(r.id),
    eventKey: String(r.event_key),
    channel: String(r.channel) as NoticeChannel,
    template: String(r.template),
    customerId: r.customer_id == null ? null : Number(r.customer_id),
    customerCode: str(r.customer_code),
    customerName: str(r.customer_name),
    workOrderId: r.work_order_id == null ? null : Number(r.work_order_id),
    period: periodText(r.period),
    recipient: String(r.recipient),
    status: String(r.status) as MessageStatus,
    attempts: Number(r.attempts),
    nextAttemptAt: asDate(r.next_attempt_at),
    providerMessageId: str(r.provider_message_id),
    providerResponse: str(r.provider_response),
    lastError: str(r.last_error),
    createdAt: asDate(r.created_at),
    sentAt: r.sent_at == null ? null : asDate(r.sent_at),
  };
}

const periodNumber = (period: string) => Number(period.replace('-', ''));

function filterSql(filter: MessageFilter): SQL {
  const parts: SQL[] = [];
  if (filter.customerId != null) parts.push(sql`m.customer_id = ${filter.customerId}`);
  if (filter.period) parts.push(sql`m.period = ${periodNumber(filter.period)}`);
  if (filter.status) parts.push(sql`m.status = ${filter.status}`);
  if (filter.channel) parts.push(sql`m.channel = ${filter.channel}`);
  return parts.length === 0 ? sql`true` : sql.join(parts, sql` and `);
}

const CURSOR = z.number().int().positive();

/** Messages newest first, a page at a time. */
export async function listMessages(
  db: DbOrTx,
  actor: Actor,
  input: { filter: MessageFilter; first: number; after: string | null },
): Promise<MessagePage> {
  assertNoticeRight(actor, 'access', 'xem thông báo gửi khách hàng');
  const where = sql`${visibleTo(actor)} and ${filterSql(input.filter)}`;
  const keyset = input.after ? sql`m.id < ${decodeCursor(CURSOR, input.after)}` : sql`true`;
  const rows = rowsOf<Row>(
    await db.execute(sql`select ${SELECT} from ${FROM} where ${where} and ${keyset}
      order by m.id desc limit ${input.first + 1}`),
  ).map(toRow);
  const [count] = rowsOf<Row>(await db.execute(sql`select count(*) as n from ${FROM} where ${where}`));
  const page = pageOf(rows, input.first, (r) => r.id);
  return { rows: page.rows, pageInfo: page.pageInfo, totalCount: Number(count?.n ?? 0) };
}

/**
 * The bill notices of a period (default: the latest period that has any) by status, with the delivery rate:
 * what staff look at after a billing run.
 */
export async function messageRunStats(db: DbOrTx, actor: Actor, period: string | null): Promise<MessageRunStats> {
  assertNoticeRight(actor, 'access', 'xem thông báo gửi khách hàng');
  let p = period ? periodNumber(period) : null;
  if (p === null) {
    const [latest] = rowsOf<Row>(
      await db.execute(sql`select max(m.period) as p from messages m where m.template = 'BILL'`),
    );
    p = latest?.p == null ? null : Number(latest.p);
  }
  const empty = { period: periodText(p), total: 0, sent: 0, failed: 0, skipped: 0, pending: 0, deliveryRate: null };
  if (p === null) return empty;
  const [s] = rowsOf<Row>(
    await db.execute(sql`
      select count(*) as total, count(*) filter (where m.status = 'SENT') as sent,
        count(*) filter (where m.status = 'FAILED') as failed, count(*) filter (where m.status = 'SKIPPED') as skipped,
        count(*) filter (where m.status in ('QUEUED', 'SENDING')) as pending
      from ${FROM} where m.period = ${p} and m.template = 'BILL' and ${visibleTo(actor)}`),
  );
  const sent = Number(s?.sent ?? 0);
  const failed = Number(s?.failed ?? 0);
  return {
    period: periodText(p),
    total: Number(s?.total ?? 0),
    sent,
    failed,
    skipped: Number(s?.skipped ?? 0),
    pending: Number(s?.pending ?? 0),
    deliveryRate: sent + failed === 0 ? null : sent / (sent + failed),
  };
}

async function visibleMessage(db: DbOrTx, actor: Actor, id: number): Promise<MessageRow> {
  const [row] = rowsOf<Row>(
    await db.execute(sql`select ${SELECT} from ${FROM} where m.id = ${id} and ${visibleTo(actor)}`),
  );
  if (!row) throw notFound('thông báo');
  return toRow(row);
}

/**
 * Puts a FAILED or SKIPPED message back in the queue under the same id, hence the same provider key: a resend
 * never becomes a second message for the event. No kick here (the caller may still be inside a transaction): the
 * resolver kicks the sender once this committed, and the job queue's notice poller is the backstop.
 */
export async function resendMessage(db: DbOrTx, actor: Actor, id: number): Promise<MessageRow> {
  assertNoticeRight(actor, 'edit', 'gửi lại thông báo');
  const message = await visibleMessage(db, actor, id);
  const [c] = message.customerId
    ? rowsOf<Row>(await db.execute(sql`select book_id from customers where id = ${message.customerId}`))
    : [];
  if (c && !canOnBook(actor, Number(c.book_id), 'notices', 'edit')) throw forbidden('gửi lại thông báo này');
  const updated = rowsOf<Row>(
    await db.execute(sql`update messages set status = 'QUEUED', attempts = 0, next_attempt_at = now(),
        lease_until = null, last_error = null, resent_by = ${actor.userId}
      where id = ${id} and status in ('FAILED', 'SKIPPED') returning id`),
  );
  if (updated.length === 0)
    throw new AppError('NOTICE_NOT_RESENDABLE', 'Chỉ gửi lại được thông báo gửi lỗi hoặc đã bỏ qua.');
  return visibleMessage(db, actor, id);
}

/**
 * Queues today's overdue reminders now for the customers of the books the actor may add notices on, as the daily
 * job (jobs/notices.ts) does for everyone, and starts the sender. Idempotent (one reminder per customer and
 * month): pressing it brings forward what the schedule sends anyway. Returns the messages queued.
 */
export async function queueOverdueRemindersNow(
  db: Db,
  actor: Actor,
  asOf: string = todayInVietnam(new Date()),
): Promise<number> {
  assertNoticeRight(actor, 'add', 'gửi nhắc nợ');
  const queued = await queueOverdueReminders(db, asOf, undefined, booksWithRight(actor, 'notices', 'add'));
  if (queued > 0) await kickNoticeSenderQuietly(db);
  return queued;
}

export interface OptOutState {
  customerId: number;
  channel: NoticeChannel;
  optedOut: boolean;
}

/** A customer's refusal (or renewed consent) of a channel, set by staff holding the customer's current book. */
export async function setNoticeOptOut(
  db: DbOrTx,
  actor: Actor,
  input: { customerId: number; channel: NoticeChannel; optedOut: boolean },
): Promise<OptOutState[]> {
  assertNoticeRight(actor, 'edit', 'thay đổi đăng ký nhận thông báo');
  const [c] = rowsOf<Row>(await db.execute(sql`select book_id from customers where id = ${input.customerId}`));
  if (!c || !canOnBook(actor, Number(c.book_id), 'notices', 'access')) throw notFound('khách hàng');
  if (!canOnBook(actor, Number(c.book_id), 'notices', 'edit')) throw forbidden('thay đổi đăng ký nhận thông báo');
  if (input.optedOut)
    await db.execute(sql`insert into notice_opt_outs (customer_id, channel, source, user_id)
      values (${input.customerId}, ${input.channel}, 'STAFF', ${actor.userId}) on conflict do nothing`);
  else
    await db.execute(
      sql`delete from notice_opt_outs where customer_id = ${input.customerId} and channel = ${input.channel}`,
    );
  return optOutsOf(db, input.customerId);
}

async function optOutsOf(db: DbOrTx, customerId: number): Promise<OptOutState[]> {
  const out = new Set(
    rowsOf<Row>(await db.execute(sql`select channel from notice_opt_outs where customer_id = ${customerId}`)).map((r) =>
      String(r.channel),
    ),
  );
  return (['EMAIL', 'SMS', 'ZNS'] as const).map((channel) => ({ customerId, channel, optedOut: out.has(channel) }));
}

export function noticeTemplates(actor: Actor): TemplateSummary[] {
  assertNoticeRight(actor, 'access', 'xem mẫu thông báo');
  return listNoticeTemplates();
}

export async function previewNoticeTemplate(db: DbOrTx, actor: Actor, template: string) {
  assertNoticeRight(actor, 'access', 'xem mẫu thông báo');
  if (!isNoticeTemplateId(template)) throw new AppError('NOTICE_TEMPLATE_UNKNOWN', 'Không có mẫu thông báo này.');
  const context = await loadRenderContext(db, 'data');
  return { template, ...(await previewNotice(template, { company: context.company, baseUrl: context.baseUrl })) };
}
