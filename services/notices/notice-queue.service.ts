/**
 * Queueing notices: one messages row per event and channel, written set-based inside the transaction that made
 * the event (an issue, a payment, a request's status change), so a notice exists exactly when its event does.
 * `INSERT … ON CONFLICT (event_key, channel) DO NOTHING` on the table's unique key makes queueing the same event
 * twice (a retried job, a re-run of a period) a no-op: one row per event and channel, ever.
 *
 * A row is written for each enabled channel the customer has an address on; a customer who opted out of the
 * channel gets a SKIPPED row (staff see why nothing went). Sending is notice-sender.service.ts's job.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db/client';
import { pgArray, rowsOf } from '@/db/sql';
import { BILL_PAYMENT_DAYS } from '@/domain/notices/deadlines';
import {
  isWorkOrderKind,
  isWorkOrderStatus,
  WORK_ORDER_KIND_LABELS,
  WORK_ORDER_STATUS_LABELS,
} from '@/domain/work-orders/kinds';
import { AMOUNT_DUE } from '@/services/billing/invoice.service';
import { logUnexpectedError } from '@/services/error-summary';
import type { NoticeChannel } from './channel';
import { enabledChannels } from './enabled-channels';

export const OPTED_OUT_REASON = 'Khách hàng đã từ chối nhận thông báo qua kênh này.';

/** Customers per statement when a whole period is queued: a few seconds of work each, no giant transaction. */
const BILL_CHUNK = 50_000;

/**
 * The insert shared by every customer notice: `source` is a SELECT of (event_key, template, customer_id,
 * work_order_id, period, email, phone, payload); each enabled channel with an address becomes a row.
 */
function insertCustomerNotices(source: SQL, channels: readonly NoticeChannel[]): SQL {
  return sql`
    insert into messages (event_key, channel, template, customer_id, work_order_id, period, recipient, payload,
      status, last_error)
    select s.event_key, ch.channel, s.template, s.customer_id, s.work_order_id, s.period, ch.recipient, s.payload,
      case when o.customer_id is null then 'QUEUED' else 'SKIPPED' end,
      case when o.customer_id is null then null else ${OPTED_OUT_REASON} end
    from (${source}) s
    cross join lateral (values ('EMAIL', nullif(btrim(s.email), '')), ('SMS', nullif(btrim(s.phone), '')),
      ('ZNS', nullif(btrim(s.phone), ''))) ch(channel, recipient)
    left join notice_opt_outs o on o.customer_id = s.customer_id and o.channel = ch.channel
    where ch.recipient is not null and ch.channel = any(${pgArray(channels)}::text[])
    on conflict (event_key, channel) do nothing`;
}

/**
 * Customers with an address on one of the channels: filtered before the payload is built, so a run where only
 * email is on (and few customers have one) does not build a million payloads to throw away.
 */
function hasAddress(channels: readonly NoticeChannel[]): SQL {
  const parts: SQL[] = [];
  if (channels.includes('EMAIL')) parts.push(sql`nullif(btrim(c.email), '') is not null`);
  if (channels.includes('SMS') || channels.includes('ZNS')) parts.push(sql`nullif(btrim(c.phone), '') is not null`);
  return parts.length === 0 ? sql`false` : sql`(${sql.join(parts, sql` or `)})`;
}

function affected(result: unknown): number {
  const r = result as { count?: number; affectedRows?: number };
  return Number(r.count ?? r.affectedRows ?? 0);
}

/** The bill notice's source rows for the issued regular invoices matching `where` (on `invoices i`). */
function billSource(where: SQL, channels: readonly NoticeChannel[]): SQL {
  return sql`
    select 'bill:' || i.customer_id || ':' || i.period as event_key, 'BILL' as template, i.customer_id,
      null::int4 as work_order_id, replace(i.period, '-', '')::int4 as period, c.email, c.phone,
      jsonb_build_object(
        'customerName', c.name, 'customerCode', c.code, 'address', c.address, 'period', i.period,
        'oldIndex', r.previous_index, 'newIndex', r.current_index, 'consumption', i.consumption,
        'total', i.total, 'amountDue', greatest(${AMOUNT_DUE}, 0),
        'dueDate', (i.issued_on + ${BILL_PAYMENT_DAYS}::int)::text, 'invoiceNumber', i.number) as payload
    from invoices i
    join customers c on c.id = i.customer_id
    left join lateral (select rd.previous_index, rd.current_index from readings rd
      where rd.customer_id = i.customer_id and rd.period = i.period order by rd.entered_at desc limit 1) r on true
    where i.kind = 'regular' and i.status = 'issued' and ${hasAddress(channels)} and ${where}`;
}

/**
 * Bill notices for just-issued invoices, inside the issuing transaction (services/invoices/issue.service.ts).
 * Returns the rows written; with no channel enabled it writes nothing and costs one cheap statement.
 */
export async function queueBillNoticesForInvoices(
  tx: DbOrTx,
  invoiceIds: readonly number[],
  channels: readonly NoticeChannel[] = enabledChannels(),
): Promise<number> {
  if (invoiceIds.length === 0 || channels.length === 0) return 0;
  return affected(
    await tx.execute(
      insertCustomerNotices(billSource(sql`i.id = any(${pgArray(invoiceIds)}::int8[])`, channels), channels),
    ),
  );
}

/**
 * The bill notices of a whole period (one per customer and channel), in chunks of customer ids so that a million
 * customers are a few dozen statements, each its own short transaction. Idempotent.
 */
export async function queueBillNotices(
  db: Db,
  period: string,
  options: { channels?: readonly NoticeChannel[]; onChunk?: (done: number, total: number) => void } = {},
): Promise<number> {
  const channels = options.channels ?? enabledChannels();
  if (channels.length === 0) return 0;
  const [range] = rowsOf<{ lo: number | null; hi: number | null }>(
    await db.execute(sql`select min(customer_id) as lo, max(customer_id) as hi from invoices
      where period = ${period} and kind = 'regular' and status = 'issued'`),
  );
  if (range?.lo == null || range.hi == null) return 0;
  const lo = Number(range.lo);
  const hi = Number(range.hi);
  let written = 0;
  for (let from = lo; from <= hi; from += BILL_CHUNK) {
    const to = Math.min(hi, from + BILL_CHUNK - 1);
    written += affected(
      await db.execute(
        insertCustomerNotices(
          billSource(sql`i.period = ${period} and i.customer_id between ${from} and ${to}`, channels),
          channels,
        ),
      ),
    );
    options.onChunk?.(to - lo + 1, hi - lo + 1);
  }
  return written;
}

/** Payment confirmations for posted payments, inside the posting transaction (services/payments). */
export async function queuePaymentNotices(
  tx: DbOrTx,
  paymentIds: readonly number[],
  channels: readonly NoticeChannel[] = enabledChannels(),
): Promise<number> {
  if (paymentIds.length === 0 || channels.length === 0) return 0;
  return affected(
    await tx.execute(
      insertCustomerNotices(
        sql`
          select 'payment:' || p.id as event_key, 'PAYMENT_RECEIVED' as template, p.customer_id,
            null::int4 as work_order_id, null::int4 as period, c.email, c.phone,
            jsonb_build_object('customerName', c.name, 'customerCode', c.code, 'amount', p.amount,
              'paidOn', p.business_day::text, 'channel', p.channel, 'receiptNumber', 'PT' || lpad(p.id::text, 8, '0'),
              'remainingDue', coalesce((select sum(greatest(${AMOUNT_DUE}, 0)) from invoices i
                where i.customer_id = p.customer_id and i.status in ('issued', 'adjusted')), 0)) as payload
          from payments p join customers c on c.id = p.customer_id
          where p.id = any(${pgArray(paymentIds)}::int8[]) and p.status = 'posted' and ${hasAddress(channels)}`,
        channels,
      ),
    ),
  );
}

/**
 * Overdue reminders as of a day: one per customer and month (`overdue:<customer>:<YYYY-MM>`) for customers whose
 * issued bills are still unpaid past their due date, listing the unpaid periods. Set-based, so a scheduler may run
 * it daily: a customer reminded this month is not reminded again until the next. `bookIds` limits it to customers
 * of those current books (a clerk's run); null is every customer (the daily job).
 */
export async function queueOverdueReminders(
  db: DbOrTx,
  asOf: string,
  channels: readonly NoticeChannel[] = enabledChannels(),
  bookIds: readonly number[] | null = null,
): Promise<number> {
  if (channels.length === 0 || bookIds?.length === 0) return 0;
  const inBooks = bookIds === null ? sql`true` : sql`c.book_id = any(${pgArray(bookIds)}::int4[])`;
  const month = asOf.slice(0, 7);
  return affected(
    await db.execute(
      insertCustomerNotices(
        sql`
          select 'overdue:' || c.id || ':' || ${month} as event_key, 'OVERDUE_REMINDER' as template, c.id as customer_id,
            null::int4 as work_order_id, null::int4 as period, c.email, c.phone,
            jsonb_build_object('customerName', c.name, 'customerCode', c.code,
              'periods', jsonb_agg(o.period order by o.period), 'totalDue', sum(o.due),
              'oldestDueDate', (min(o.issued_on) + ${BILL_PAYMENT_DAYS}::int)::text) as payload
          from (
            select i.customer_id, i.period, i.issued_on, greatest(${AMOUNT_DUE}, 0) as due
            from invoices i
            where i.status in ('issued', 'adjusted') and i.kind <> 'adjustment'
              and i.issued_on + ${BILL_PAYMENT_DAYS}::int < ${asOf}::date) o
          join customers c on c.id = o.customer_id
          where o.due > 0 and ${hasAddress(channels)} and ${inBooks}
          group by c.id`,
        channels,
      ),
    ),
  );
}

/**
 * The disconnection notice of a CUT_OFF request (Decree 117/2007: water is cut only some time after the customer
 * was told), inside the intake transaction: one per request and channel (`disconnection:<workOrderId>`), listing
 * the customer's unpaid periods and total as of now. A customer who owes nothing gets none — the notice would
 * announce a cut for a debt that does not exist. The payload carries the notice day; the template derives the
 * dates from it with domain/notices/deadlines.ts, the same rule the request's own deadline follows.
 */
export async function queueDisconnectionNotice(
  tx: DbOrTx,
  workOrderId: number,
  noticeDate: string,
  channels: readonly NoticeChannel[] = enabledChannels(),
): Promise<number> {
  if (channels.length === 0) return 0;
  return affected(
    await tx.execute(
      insertCustomerNotices(
        sql`
          select 'disconnection:' || w.id as event_key, 'DISCONNECTION' as template, c.id as customer_id,
            w.id as work_order_id, null::int4 as period, c.email, c.phone,
            jsonb_build_object('customerName', c.name, 'customerCode', c.code, 'address', c.address,
              'isHousehold', c.customer_type = 0, 'periods', u.periods, 'totalDue', u.total,
              'noticeDate', ${noticeDate}::text) as payload
          from work_orders w
          join customers c on c.id = w.customer_id
          cross join lateral (
            select jsonb_agg(o.period order by o.period) as periods, sum(o.due)::int8 as total
            from (select i.period, greatest(${AMOUNT_DUE}, 0) as due from invoices i
              where i.customer_id = c.id and i.status in ('issued', 'adjusted') and i.kind <> 'adjustment') o
            where o.due > 0) u
          where w.id = ${workOrderId} and w.kind = 'CUT_OFF' and u.total > 0 and ${hasAddress(channels)}`,
        channels,
      ),
    ),
  );
}

/**
 * The statuses whose note is written for the applicant: the result of the work, or why the request was refused or
 * cancelled. A note on any other step (an assignment's "kiểm tra trong tuần") is the staff's own and stays inside.
 */
const NOTES_FOR_THE_APPLICANT: ReadonlySet<string> = new Set(['DONE', 'REJECTED', 'CANCELLED']);

/**
 * A request's status change (its first event is the "received" confirmation with the tracking code), to the
 * applicant's email and phone, or the customer's when the request names a customer and the applicant left none.
 * A note that does not change the status sends nothing.
 */
export async function queueWorkOrderNotice(
  tx: DbOrTx,
  workOrderEventId: number,
  channels: readonly NoticeChannel[] = enabledChannels(),
): Promise<number> {
  if (channels.length === 0) return 0;
  const [e] = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      select e.from_status, e.to_status, e.note, w.id as work_order_id, w.kind, w.tracking_code, w.applicant_name,
        w.deadline::text as deadline, w.customer_id, c.code as customer_code
      from work_order_events e join work_orders w on w.id = e.work_order_id
        left join customers c on c.id = w.customer_id
      where e.id = ${workOrderEventId}`),
  );
  if (!e) return 0;
  const to = String(e.to_status);
  const from = e.from_status == null ? null : String(e.from_status);
  if (from === to) return 0;
  const kind = String(e.kind);
  const payload = {
    applicantName: String(e.applicant_name),
    trackingCode: String(e.tracking_code),
    kindLabel: isWorkOrderKind(kind) ? WORK_ORDER_KIND_LABELS[kind] : kind,
    status: to,
    statusLabel: isWorkOrderStatus(to) ? WORK_ORDER_STATUS_LABELS[to] : to,
    isReceived: from === null,
    note: e.note != null && NOTES_FOR_THE_APPLICANT.has(to) ? String(e.note) : null,
    deadline: e.deadline == null ? null : String(e.deadline),
    // The handover made them a customer: tell them the code their bills and the portal will know them by.
    customerCode: kind === 'INSTALLATION' && to === 'DONE' && e.customer_code != null ? String(e.customer_code) : null,
  };
  return affected(
    await tx.execute(
      insertCustomerNotices(
        sql`
          select 'work-order-event:' || ${workOrderEventId}::int8 as event_key, 'WORK_ORDER_STATUS' as template,
            w.customer_id, w.id as work_order_id, null::int4 as period,
            coalesce(nullif(btrim(w.applicant_email), ''), c.email) as email,
            coalesce(nullif(btrim(w.applicant_phone), ''), c.phone) as phone,
            ${JSON.stringify(payload)}::jsonb as payload
          from work_orders w left join customers c on c.id = w.customer_id where w.id = ${Number(e.work_order_id)}`,
        channels,
      ),
    ),
  );
}

/**
 * Starts the sender soon (a `notices.send` job). Called after the transaction that queued messages committed, or
 * — where the caller is inside one — without awaiting, so on PGlite it runs once the transaction lets go of the
 * one connection. A kick that is lost only delays: the next one, a resend or the queue's start sends everything due.
 */
export async function kickNoticeSender(db: Db, delaySeconds = 0): Promise<void> {
  const { enqueueNoticeSend } = await import('@/jobs/notices');
  await enqueueNoticeSend(db, delaySeconds);
}

/**
 * A kick for callers whose own work already committed (a staff resend, a manual reminder run): a kick that fails
 * (the job schema busy, a lost connection) is logged, not thrown — the poller sends the message a little later.
 */
export async function kickNoticeSenderQuietly(db: Db): Promise<void> {
  try {
    await kickNoticeSender(db);
  } catch (e) {
    logUnexpectedError('notices kick', e);
  }
}
