// Notices to customers (email, SMS, Zalo ZNS): the message list, the last run's delivery rate, resending, opt-outs
// and the template previews of the back office. Rights: document.notices; a customer's messages only for holders
// of the customer's current book (the services filter and check).
import { builder } from '@/graphql/builder';
import { listLimit } from '@/graphql/limits/list-limit';
import { PageInfoType } from '@/graphql/page-info';
import { signedIn } from '@/graphql/signed-in';
import { storedAs } from '@/graphql/stored-enum';
import type { TemplateSummary } from '@/emails/registry';
import {
  listMessages,
  messageRunStats,
  noticeTemplates,
  previewNoticeTemplate,
  queueOverdueRemindersNow,
  resendMessage,
  setNoticeOptOut,
  type MessagePage,
  type MessageRow,
  type MessageRunStats,
  type OptOutState,
} from '@/services/notices/notice-admin.service';
import { kickNoticeSenderQuietly } from '@/services/notices/notice-queue.service';

const MESSAGES_LIMIT = listLimit({ default: 50, max: 500, arg: 'first' });

const NoticeChannelEnum = builder.enumType('NoticeChannel', {
  values: {
    EMAIL: { value: 'EMAIL', description: 'Thư điện tử' },
    SMS: { value: 'SMS', description: 'Tin nhắn SMS thương hiệu' },
    ZNS: { value: 'ZNS', description: 'Tin Zalo ZNS theo mẫu đã duyệt' },
  } as const,
});

const NoticeStatusEnum = builder.enumType('NoticeStatus', {
  values: {
    QUEUED: { value: 'QUEUED', description: 'Chờ gửi (hoặc chờ gửi lại sau lỗi tạm thời)' },
    SENDING: { value: 'SENDING', description: 'Đang gửi' },
    SENT: { value: 'SENT', description: 'Nhà cung cấp đã nhận' },
    FAILED: { value: 'FAILED', description: 'Gửi lỗi (bị từ chối hoặc hết số lần thử)' },
    SKIPPED: { value: 'SKIPPED', description: 'Bỏ qua: khách từ chối kênh, không có địa chỉ hoặc kênh chưa cấu hình' },
  } as const,
});

const NoticeMessageType = builder.objectRef<MessageRow>('NoticeMessage').implement({
  description: 'One notice to one recipient on one channel: at most one per event and channel.',
  fields: (t) => ({
    id: t.exposeInt('id'),
    eventKey: t.exposeString('eventKey', { description: 'The event, e.g. bill:<customer>:<period>, payment:<id>.' }),
    channel: t.field({ type: NoticeChannelEnum, resolve: (m) => storedAs(NoticeChannelEnum, m.channel) }),
    template: t.exposeString('template'),
    customerId: t.exposeInt('customerId', { nullable: true }),
    customerCode: t.exposeString('customerCode', { nullable: true }),
    customerName: t.exposeString('customerName', { nullable: true }),
    workOrderId: t.exposeInt('workOrderId', { nullable: true }),
    period: t.field({ type: 'Period', nullable: true, resolve: (m) => m.period }),
    recipient: t.exposeString('recipient'),
    status: t.field({ type: NoticeStatusEnum, resolve: (m) => storedAs(NoticeStatusEnum, m.status) }),
    attempts: t.exposeInt('attempts'),
    nextAttemptAt: t.field({ type: 'DateTime', resolve: (m) => m.nextAttemptAt }),
    providerMessageId: t.exposeString('providerMessageId', { nullable: true }),
    providerResponse: t.exposeString('providerResponse', { nullable: true }),
    lastError: t.exposeString('lastError', { nullable: true }),
    createdAt: t.field({ type: 'DateTime', resolve: (m) => m.createdAt }),
    sentAt: t.field({ type: 'DateTime', nullable: true, resolve: (m) => m.sentAt }),
  }),
});

const NoticeMessagePageType = builder.objectRef<MessagePage>('NoticeMessagePage').implement({
  fields: (t) => ({
    rows: t.field({ type: [NoticeMessageType], resolve: (p) => p.rows }),
    pageInfo: t.field({ type: PageInfoType, resolve: (p) => p.pageInfo }),
    totalCount: t.exposeInt('totalCount'),
  }),
});

const MessageRunStatsType = builder.objectRef<MessageRunStats>('MessageRunStats').implement({
  description: 'The bill notices of one period by status.',
  fields: (t) => ({
    period: t.field({ type: 'Period', nullable: true, resolve: (s) => s.period }),
    messageCount: t.int({ description: 'Messages of the run, every status.', resolve: (s) => s.total }),
    sent: t.exposeInt('sent'),
    failed: t.exposeInt('failed'),
    skipped: t.exposeInt('skipped'),
    pending: t.exposeInt('pending'),
    deliveryRate: t.exposeFloat('deliveryRate', {
      nullable: true,
      description: 'sent / (sent + failed), 0…1; null until a message was tried to the end.',
    }),
  }),
});

const NoticeTemplateType = builder.objectRef<TemplateSummary>('NoticeTemplate').implement({
  fields: (t) => ({
    id: t.exposeString('id'),
    title: t.exposeString('title'),
    hasZns: t.exposeBoolean('hasZns'),
    znsTemplateId: t.exposeString('znsTemplateId', { nullable: true }),
  }),
});

interface NoticePreview {
  template: string;
  subject: string;
  html: string;
  text: string;
  sms: string;
  zns: string | null;
  znsTemplateId: string | null;
}

const NoticePreviewType = builder.objectRef<NoticePreview>('NoticePreview').implement({
  description: 'A template rendered with sample data on every channel.',
  fields: (t) => ({
    template: t.exposeString('template'),
    subject: t.exposeString('subject'),
    html: t.exposeString('html', { description: 'The email as sent, images inlined as data: URLs.' }),
    text: t.exposeString('text'),
    sms: t.exposeString('sms'),
    zns: t.exposeString('zns', { nullable: true, description: 'The ZNS content as Zalo renders it (≤ 400 chars).' }),
    znsTemplateId: t.exposeString('znsTemplateId', { nullable: true }),
  }),
});

const NoticeOptOutType = builder.objectRef<OptOutState>('NoticeOptOut').implement({
  fields: (t) => ({
    customerId: t.exposeInt('customerId'),
    channel: t.field({ type: NoticeChannelEnum, resolve: (o) => o.channel }),
    optedOut: t.exposeBoolean('optedOut'),
  }),
});

const MessageFilterInput = builder.inputType('MessageFilter', {
  description: 'Every condition given must hold.',
  fields: (t) => ({
    customerId: t.int(),
    period: t.field({ type: 'Period' }),
    status: t.field({ type: NoticeStatusEnum }),
    channel: t.field({ type: NoticeChannelEnum }),
  }),
});

const noticesRight = (right: 'access' | 'add' | 'edit') => ({
  permission: { group: 'document' as const, object: 'notices', right },
});

builder.queryFields((t) => ({
  messages: t.withAuth(noticesRight('access')).field({
    type: NoticeMessagePageType,
    description: 'Notices newest first; a customer’s only for holders of the customer’s current book.',
    extensions: MESSAGES_LIMIT.extensions,
    args: {
      filter: t.arg({ type: MessageFilterInput }),
      first: t.arg.int(MESSAGES_LIMIT.arg),
      after: t.arg.string({ description: 'The endCursor of the previous page.' }),
    },
    resolve: (_root, args, ctx) =>
      listMessages(ctx.db, signedIn(ctx), {
        filter: args.filter ?? {},
        first: args.first ?? MESSAGES_LIMIT.spec.default,
        after: args.after ?? null,
      }),
  }),
  messageRunStats: t.withAuth(noticesRight('access')).field({
    type: MessageRunStatsType,
    description: 'The bill notices of a period (default: the latest) by status, with the delivery rate.',
    args: { period: t.arg({ type: 'Period' }) },
    resolve: (_root, args, ctx) => messageRunStats(ctx.db, signedIn(ctx), args.period ?? null),
  }),
  noticeTemplates: t.withAuth(noticesRight('access')).field({
    type: [NoticeTemplateType],
    resolve: (_root, _args, ctx) => noticeTemplates(signedIn(ctx)),
  }),
  previewNotice: t.withAuth(noticesRight('access')).field({
    type: NoticePreviewType,
    description: 'A template rendered with its sample data and the company’s details.',
    args: { template: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => previewNoticeTemplate(ctx.db, signedIn(ctx), args.template),
  }),
}));

builder.mutationFields((t) => ({
  resendMessage: t.withAuth(noticesRight('edit')).field({
    type: NoticeMessageType,
    description:
      'Queues a FAILED or SKIPPED message again under the same id (the same provider key); needs the right on the customer’s current book.',
    args: { id: t.arg.int({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const message = await resendMessage(ctx.db, signedIn(ctx), args.id);
      // Sent within seconds rather than at the poller's next look; a failed kick leaves it to the poller.
      await kickNoticeSenderQuietly(ctx.db);
      return message;
    },
  }),
  queueOverdueReminders: t.withAuth(noticesRight('add')).int({
    description:
      'Queues today’s overdue reminders now for the customers of the caller’s books, as the daily job does for all (one per customer and month), and starts the sender; answers the messages queued.',
    resolve: (_root, _args, ctx) => queueOverdueRemindersNow(ctx.db, signedIn(ctx)),
  }),
  setNoticeOptOut: t.withAuth(noticesRight('edit')).field({
    type: [NoticeOptOutType],
    description: 'Records that a customer refuses (or accepts again) a channel; answers the customer’s three channels.',
    args: {
      customerId: t.arg.int({ required: true }),
      channel: t.arg({ type: NoticeChannelEnum, required: true }),
      optedOut: t.arg.boolean({ required: true }),
    },
    resolve: (_root, args, ctx) =>
      setNoticeOptOut(ctx.db, signedIn(ctx), {
        customerId: args.customerId,
        channel: args.channel,
        optedOut: args.optedOut,
      }),
  }),
}));
