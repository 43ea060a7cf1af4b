/**
 * The sender: claims due messages in batches, sends each through its channel under the message's own key, records
 * the provider's answer, retries temporary failures with exponential back-off and gives up on permanent ones.
 *
 * Exactly once. A message is claimed by setting it SENDING with a lease (FOR UPDATE SKIP LOCKED, so concurrent
 * senders never take the same row). If the sender dies after the provider answered but before the answer was
 * recorded, the row stays SENDING; once the lease runs out, the next sender claims it again and sends it again
 * with the SAME key: the message id (`msg-{id}`) as the SMS client message id / ZNS tracking id / Idempotency-Key,
 * and `<msg-{id}@domain>` as the email's Message-ID. Providers that deduplicate on the client key (the SMS and ZNS
 * contracts in sms-channel.ts and zns-channel.ts require it) answer the repeat with the first delivery and do not
 * deliver again, so the customer gets the message once. SMTP has no such contract: a server that accepted the
 * first copy accepts the second, so an email can arrive twice in that narrow window (crash between the server's
 * 250 and our UPDATE); both copies carry the same Message-ID, which mail programs use to collapse duplicates.
 * Never two rows for one event and channel: the (event_key, channel) unique key (notice-queue.service.ts).
 */
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { pgArray, rowsOf } from '@/db/sql';
import { isNoticeTemplateId } from '@/emails/registry';
import type { RenderContext } from '@/emails/template';
import {
  type ChannelAdapters,
  isNoticeChannel,
  NOTICE_CHANNELS,
  type OutgoingNotice,
  type ProviderAnswer,
  SendFailure,
} from './channel';
import { channelsFromEnv } from './channels-from-env';
import { CHANNEL_OFF_REASON } from './enabled-channels';
import { loadRenderContext } from './notice-context';
import { OPTED_OUT_REASON } from './notice-queue.service';

export interface NoticeSenderOptions {
  /** Default: the channels the environment configures. */
  channels?: ChannelAdapters;
  /** Messages claimed per statement. */
  batchSize?: number;
  /** Sends in flight at once (SMTP connections, HTTP requests). */
  concurrency?: number;
  /** How long a claim holds a message before another sender may take it (a dead sender's messages come back). */
  leaseSeconds?: number;
  /** Attempts in all; a temporary failure after the last is FAILED. */
  maxAttempts?: number;
  /** First retry delay; doubled each attempt up to maxBackoffSeconds. */
  backoffSeconds?: number;
  maxBackoffSeconds?: number;
  /** Stop claiming after this long (a job ends and a follow-up continues). */
  timeBudgetMs?: number;
  context?: RenderContext;
  /** Tests: runs after the provider answered, before the answer is recorded (throwing simulates a dying sender). */
  onProviderAnswer?: (notice: OutgoingNotice, answer: ProviderAnswer) => Promise<void> | void;
}

export interface SendSummary {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  skipped: number;
}

const NO_ADDRESS_REASON = 'Không có địa chỉ nhận.';
const OUT_OF_ATTEMPTS = 'Đã hết số lần gửi lại.';

interface Outcome {
  id: number;
  status: 'SENT' | 'QUEUED' | 'FAILED';
  provider_id: string | null;
  response: string | null;
  error: string | null;
  delay: number;
}

/** Exponential back-off: base, 2×base, 4×base … capped. */
function retryDelaySeconds(attempt: number, base: number, max: number): number {
  return Math.min(max, base * 2 ** Math.max(0, attempt - 1));
}

async function claim(
  db: Db,
  options: Required<Pick<NoticeSenderOptions, 'batchSize' | 'leaseSeconds' | 'maxAttempts'>>,
  enabled: readonly string[],
): Promise<{ sending: (OutgoingNotice & { attempts: number })[]; claimed: number; skipped: number }> {
  // SENDING rows carry next_attempt_at = their lease's end, so one index scan finds due messages and expired leases.
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      with due as (
        select id from messages where status in ('QUEUED', 'SENDING') and next_attempt_at <= now()
        order by next_attempt_at, id limit ${options.batchSize} for update skip locked),
      decided as (
        select m.id, case
            when not (m.channel = any(${pgArray(enabled)}::text[])) then 'SKIPPED'
            when o.customer_id is not null then 'SKIPPED'
            when btrim(m.recipient) = '' then 'SKIPPED'
            when m.attempts >= ${options.maxAttempts} then 'FAILED'
            else 'SENDING' end as status,
          case
            when not (m.channel = any(${pgArray(enabled)}::text[])) then case m.channel
              when 'EMAIL' then ${CHANNEL_OFF_REASON.EMAIL} when 'SMS' then ${CHANNEL_OFF_REASON.SMS}
              else ${CHANNEL_OFF_REASON.ZNS} end
            when o.customer_id is not null then ${OPTED_OUT_REASON}
            when btrim(m.recipient) = '' then ${NO_ADDRESS_REASON}
            when m.attempts >= ${options.maxAttempts} then ${OUT_OF_ATTEMPTS}
            else m.last_error end as reason
        from due join messages m on m.id = due.id
        left join notice_opt_outs o on o.customer_id = m.customer_id and o.channel = m.channel)
      update messages m set status = d.status, last_error = d.reason,
        attempts = m.attempts + (d.status = 'SENDING')::int,
        lease_until = case when d.status = 'SENDING' then now() + make_interval(secs => ${options.leaseSeconds}) end,
        next_attempt_at = case when d.status = 'SENDING' then now() + make_interval(secs => ${options.leaseSeconds})
          else m.next_attempt_at end
      from decided d where m.id = d.id
      returning m.id, m.channel, m.template, m.recipient, m.payload, m.status, m.attempts`),
  );
  const sending = rows
    .filter((r) => r.status === 'SENDING')
    .map((r) => ({
      id: Number(r.id),
      channel: isNoticeChannel(r.channel) ? r.channel : 'EMAIL',
      template: (isNoticeTemplateId(r.template) ? r.template : 'BILL') as OutgoingNotice['template'],
      recipient: String(r.recipient),
      payload: (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as Record<string, unknown>,
      attempts: Number(r.attempts),
    }));
  return { sending, claimed: rows.length, skipped: rows.filter((r) => r.status === 'SKIPPED').length };
}

async function record(db: Db, outcomes: Outcome[]): Promise<void> {
  if (outcomes.length === 0) return;
  await db.execute(sql`
    update messages m set status = x.status,
      provider_message_id = coalesce(x.provider_id, m.provider_message_id),
      provider_response = coalesce(x.response, m.provider_response),
      last_error = x.error,
      sent_at = case when x.status = 'SENT' then now() else m.sent_at end,
      lease_until = null,
      next_attempt_at = case when x.status = 'QUEUED' then now() + make_interval(secs => x.delay)
        else m.next_attempt_at end
    from jsonb_to_recordset(${JSON.stringify(outcomes)}::jsonb)
      as x(id int8, status text, provider_id text, response text, error text, delay int4)
    where m.id = x.id and m.status = 'SENDING'`);
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function inPool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(runners);
}

/** Sends every due message (until none is due or the time budget is spent). */
export async function sendDueNotices(db: Db, options: NoticeSenderOptions = {}): Promise<SendSummary> {
  const channels = options.channels ?? channelsFromEnv();
  const enabled = NOTICE_CHANNELS.filter((c) => channels[c]);
  const o = {
    batchSize: options.batchSize ?? 200,
    concurrency: options.concurrency ?? 8,
    leaseSeconds: options.leaseSeconds ?? 300,
    maxAttempts: options.maxAttempts ?? 6,
    backoffSeconds: options.backoffSeconds ?? 30,
    maxBackoffSeconds: options.maxBackoffSeconds ?? 3600,
  };
  const context = options.context ?? (await loadRenderContext(db, 'cid'));
  const summary: SendSummary = { claimed: 0, sent: 0, retried: 0, failed: 0, skipped: 0 };
  const started = Date.now();
  for (;;) {
    if (options.timeBudgetMs !== undefined && Date.now() - started > options.timeBudgetMs) break;
    const batch = await claim(db, o, enabled);
    if (batch.claimed === 0) break;
    summary.claimed += batch.claimed;
    summary.skipped += batch.skipped;
    summary.failed += batch.claimed - batch.skipped - batch.sending.length;
    const outcomes: Outcome[] = [];
    await inPool(batch.sending, o.concurrency, async (notice) => {
      const adapter = channels[notice.channel]!;
      let answer: ProviderAnswer;
      try {
        answer = await adapter.send(notice, context);
      } catch (e) {
        const failure = e instanceof SendFailure ? e : null;
        // Anything unclassified (a bug, a rendering error) counts as temporary: retried a few times, then FAILED,
        // rather than dropped on the first try.
        const retry = (failure ? failure.temporary : true) && notice.attempts < o.maxAttempts;
        outcomes.push({
          id: notice.id,
          status: retry ? 'QUEUED' : 'FAILED',
          provider_id: null,
          response: failure?.response?.slice(0, 2000) ?? null,
          error: (e instanceof Error ? e.message : String(e)).slice(0, 2000),
          delay: retry ? retryDelaySeconds(notice.attempts, o.backoffSeconds, o.maxBackoffSeconds) : 0,
        });
        return;
      }
      // Outside the catch: a sender that dies here leaves the batch SENDING, as a killed process would.
      await options.onProviderAnswer?.(notice, answer);
      outcomes.push({
        id: notice.id,
        status: 'SENT',
        provider_id: answer.providerMessageId,
        response: answer.response.slice(0, 2000),
        error: null,
        delay: 0,
      });
    });
    await record(db, outcomes);
    for (const x of outcomes) {
      if (x.status === 'SENT') summary.sent += 1;
      else if (x.status === 'QUEUED') summary.retried += 1;
      else summary.failed += 1;
    }
  }
  return summary;
}

/** When the next message becomes due (a retry, a lease that runs out), or null when nothing is waiting. */
export async function nextNoticeDueAt(db: Db): Promise<Date | null> {
  const [row] = rowsOf<{ at: Date | string | null }>(
    await db.execute(sql`select min(next_attempt_at) as at from messages where status in ('QUEUED', 'SENDING')`),
  );
  return row?.at == null ? null : new Date(row.at);
}
