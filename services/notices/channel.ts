/**
 * One interface for every way a notice reaches a customer (email, SMS, Zalo ZNS). An adapter sends one message
 * under the message's own key and either answers what the provider said or throws a SendFailure that says whether
 * trying again can help.
 */
import type { NoticeTemplateId, RenderContext } from '@/emails/template';

export const NOTICE_CHANNELS = ['EMAIL', 'SMS', 'ZNS'] as const;
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];

export function isNoticeChannel(value: unknown): value is NoticeChannel {
  return typeof value === 'string' && (NOTICE_CHANNELS as readonly string[]).includes(value);
}

export interface OutgoingNotice {
  /** messages.id: the idempotency key every provider sees, the same on every attempt. */
  id: number;
  channel: NoticeChannel;
  template: NoticeTemplateId;
  recipient: string;
  payload: Record<string, unknown>;
}

export interface ProviderAnswer {
  /** The provider's id of the message (an SMTP Message-ID, an SMS or ZNS message id). */
  providerMessageId: string;
  /** What the provider answered, kept on the message for staff (an SMTP reply line, a JSON body). */
  response: string;
}

export interface ChannelAdapter {
  readonly channel: NoticeChannel;
  send(notice: OutgoingNotice, context: RenderContext): Promise<ProviderAnswer>;
  close?(): void;
}

/**
 * A send that did not go through. `temporary`: the same message may succeed later (network, time-out, HTTP 5xx,
 * 408/429, SMTP 4xx); otherwise the provider refused this message for good (HTTP 4xx, SMTP 5xx, a payload that
 * does not fit its template) and retrying would only repeat the refusal.
 */
export class SendFailure extends Error {
  constructor(
    message: string,
    readonly temporary: boolean,
    readonly response: string | null = null,
  ) {
    super(message);
    this.name = 'SendFailure';
  }
}

/** The adapters a sender uses; a channel without one is disabled and its messages are SKIPPED. */
export type ChannelAdapters = Partial<Record<NoticeChannel, ChannelAdapter>>;
