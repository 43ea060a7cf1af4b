import { serverEnv, type ServerEnv } from '@/config/env';
import type { NoticeChannel } from './channel';

export type ChannelEnv = Pick<
  ServerEnv,
  'NODE_ENV' | 'SMTP_URL' | 'SMS_PROVIDER_URL' | 'SMS_API_KEY' | 'ZNS_PROVIDER_URL' | 'ZNS_ACCESS_TOKEN'
>;

/**
 * The channels this installation can send on. Email: SMTP_URL, or in development the catch-all mailbox; under
 * NODE_ENV=test without SMTP_URL it is off, so suites that issue invoices do not fill a mailbox nobody reads.
 */
export function enabledChannels(env: ChannelEnv = serverEnv()): NoticeChannel[] {
  const on: NoticeChannel[] = [];
  if (env.SMTP_URL || env.NODE_ENV === 'development') on.push('EMAIL');
  if (env.SMS_PROVIDER_URL && env.SMS_API_KEY) on.push('SMS');
  if (env.ZNS_PROVIDER_URL && env.ZNS_ACCESS_TOKEN) on.push('ZNS');
  return on;
}

/** Why a message of a disabled channel was skipped (shown to staff). */
export const CHANNEL_OFF_REASON: Record<NoticeChannel, string> = {
  EMAIL: 'Chưa cấu hình máy chủ gửi thư (SMTP_URL).',
  SMS: 'Chưa cấu hình nhà cung cấp SMS (SMS_PROVIDER_URL, SMS_API_KEY).',
  ZNS: 'Chưa cấu hình Zalo ZNS (ZNS_PROVIDER_URL, ZNS_ACCESS_TOKEN).',
};
