import { serverEnv } from '@/config/env';
import type { ChannelAdapters } from './channel';
import { enabledChannels, type ChannelEnv } from './enabled-channels';
import { emailChannel } from './email-channel';
import { mailSender } from './mail-transport';
import { smsChannel } from './sms-channel';
import { znsChannel } from './zns-channel';

/** The adapters of the enabled channels, as configured by the environment. */
export function channelsFromEnv(env: ChannelEnv = serverEnv()): ChannelAdapters {
  const on = new Set(enabledChannels(env));
  const adapters: ChannelAdapters = {};
  if (on.has('EMAIL')) adapters.EMAIL = emailChannel(mailSender());
  if (on.has('SMS')) adapters.SMS = smsChannel({ url: env.SMS_PROVIDER_URL!, token: env.SMS_API_KEY! });
  if (on.has('ZNS')) adapters.ZNS = znsChannel({ url: env.ZNS_PROVIDER_URL!, token: env.ZNS_ACCESS_TOKEN! });
  return adapters;
}
