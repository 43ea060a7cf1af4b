/**
 * Brandname SMS through one generic HTTP adapter: a provider's gateway (or a small bridge in front of it) takes
 *
 *   POST {SMS_PROVIDER_URL}   Authorization: Bearer {SMS_API_KEY}   Idempotency-Key: msg-{id}
 *   { "clientMessageId": "msg-{id}", "to": "0912345678", "text": "…" }
 *
 * and answers 2xx `{ "id": "…" }` (or `messageId`). The provider must treat a repeated clientMessageId as the same
 * message: that is what makes a resend after a crash harmless (notice-sender.service.ts).
 */
import { NoticePayloadError, renderNoticeSms } from '@/emails/registry';
import { type ChannelAdapter, SendFailure } from './channel';
import { pickId, postJson } from './http-channel';

export interface HttpChannelOptions {
  url: string;
  token: string;
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
}

/** The key providers see for a message: the same on every attempt of it. */
export function clientMessageId(id: number): string {
  return `msg-${id}`;
}

export function smsChannel(options: HttpChannelOptions): ChannelAdapter {
  return {
    channel: 'SMS',
    async send(notice, context) {
      let text: string;
      try {
        text = renderNoticeSms(notice.template, notice.payload, context);
      } catch (e) {
        if (e instanceof NoticePayloadError) throw new SendFailure(e.message, false);
        throw e;
      }
      const key = clientMessageId(notice.id);
      const answer = await postJson({
        url: options.url,
        headers: { authorization: `Bearer ${options.token}` },
        body: { clientMessageId: key, to: notice.recipient, text },
        idempotencyKey: key,
        timeoutMs: options.timeoutMs ?? 15_000,
        fetch: options.fetch ?? globalThis.fetch,
      });
      return { providerMessageId: pickId(answer.body, 'id', 'messageId') ?? key, response: answer.text };
    },
  };
}
