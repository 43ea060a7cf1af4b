/**
 * Zalo ZNS: a pre-approved template (emails/ keeps the catalog) filled with parameters, sent to a phone number in
 * the 84… form, as Zalo's template-message API takes it:
 *
 *   POST {ZNS_PROVIDER_URL}   access_token: {ZNS_ACCESS_TOKEN}   Idempotency-Key: msg-{id}
 *   { "phone": "84912345678", "template_id": "301001", "template_data": { … }, "tracking_id": "msg-{id}" }
 *
 * Zalo answers HTTP 200 with `{ "error": 0, "data": { "msg_id": "…" } }`, or a non-zero `error` for a refusal
 * (an unknown phone, a template not approved, a parameter too long): final, never retried.
 */
import { NoticePayloadError, renderNoticeZns } from '@/emails/registry';
import { ZnsLimitError } from '@/emails/zns';
import { type ChannelAdapter, SendFailure } from './channel';
import { postJson } from './http-channel';
import { clientMessageId, type HttpChannelOptions } from './sms-channel';

/** 0912345678 → 84912345678; numbers already in 84… form (or +84…) are kept. */
function znsPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.startsWith('0') ? `84${digits.slice(1)}` : digits;
}

export function znsChannel(options: HttpChannelOptions): ChannelAdapter {
  return {
    channel: 'ZNS',
    async send(notice, context) {
      let request: ReturnType<typeof renderNoticeZns>;
      try {
        request = renderNoticeZns(notice.template, notice.payload, context);
      } catch (e) {
        if (e instanceof NoticePayloadError || e instanceof ZnsLimitError) throw new SendFailure(e.message, false);
        throw e;
      }
      if (!request) throw new SendFailure(`Mẫu ${notice.template} chưa có mẫu ZNS được Zalo duyệt.`, false);
      const key = clientMessageId(notice.id);
      const answer = await postJson({
        url: options.url,
        headers: { access_token: options.token },
        body: {
          phone: znsPhone(notice.recipient),
          template_id: request.templateId,
          template_data: request.params,
          tracking_id: key,
        },
        idempotencyKey: key,
        timeoutMs: options.timeoutMs ?? 15_000,
        fetch: options.fetch ?? globalThis.fetch,
      });
      const body = (answer.body ?? {}) as { error?: unknown; message?: unknown; data?: { msg_id?: unknown } };
      if (typeof body.error === 'number' && body.error !== 0)
        throw new SendFailure(`ZNS ${body.error}: ${String(body.message ?? '')}`, false, answer.text);
      const msgId = body.data?.msg_id;
      return {
        providerMessageId: typeof msgId === 'string' || typeof msgId === 'number' ? String(msgId) : key,
        response: answer.text,
      };
    },
  };
}
