/**
 * Every notice template, for the sender (services/notices) and the back office's previews. Each renders the same
 * facts as an email (HTML + text), an SMS and, where Zalo approved one, a ZNS template message.
 */
import { z } from 'zod';
import { billNotice } from './bill-notice';
import { disconnectionNotice } from './disconnection-notice';
import { overdueReminder } from './overdue-reminder';
import { paymentReceived } from './payment-received';
import { renderPortalSignIn } from './portal-sign-in';
import { portalRegistered } from './portal-registered';
import type { NoticeTemplate, NoticeTemplateId, RenderContext, RenderedNoticeEmail } from './template';
import { workOrderStatus } from './work-order-status';
import { znsParams } from './zns';

const portalSignIn: NoticeTemplate<{ url: string; email: string; validMinutes?: number | undefined }> = {
  id: 'PORTAL_SIGN_IN',
  title: 'Liên kết đăng nhập cổng thông tin',
  schema: z.object({ url: z.string(), email: z.string(), validMinutes: z.number().int().optional() }),
  sample: { url: 'https://capnuoc.example.vn/dang-nhap?token=mau', email: 'hoa.nguyen@example.vn', validMinutes: 15 },
  async email(p, { company }) {
    return { ...renderPortalSignIn({ ...p, company }), images: [] };
  },
  sms(p, { company }) {
    return `${company.name}: Liên kết đăng nhập cổng thông tin khách hàng: ${p.url}`;
  },
  zns: null,
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each entry checks its own parameters by its schema
const TEMPLATES: Record<NoticeTemplateId, NoticeTemplate<any>> = {
  BILL: billNotice,
  PAYMENT_RECEIVED: paymentReceived,
  OVERDUE_REMINDER: overdueReminder,
  DISCONNECTION: disconnectionNotice,
  WORK_ORDER_STATUS: workOrderStatus,
  PORTAL_SIGN_IN: portalSignIn,
  PORTAL_REGISTERED: portalRegistered,
};

export function isNoticeTemplateId(value: unknown): value is NoticeTemplateId {
  return typeof value === 'string' && Object.hasOwn(TEMPLATES, value);
}

export interface TemplateSummary {
  id: NoticeTemplateId;
  title: string;
  hasZns: boolean;
  znsTemplateId: string | null;
}

export function listNoticeTemplates(): TemplateSummary[] {
  return Object.values(TEMPLATES).map((t) => ({
    id: t.id,
    title: t.title,
    hasZns: t.zns !== null,
    znsTemplateId: t.zns?.templateId ?? null,
  }));
}

/** A stored payload that does not fit its template: the message can never be sent as it is (a permanent failure). */
export class NoticePayloadError extends Error {}

function parse(id: NoticeTemplateId, payload: unknown): unknown {
  const parsed = TEMPLATES[id].schema.safeParse(payload);
  if (!parsed.success)
    throw new NoticePayloadError(
      `${id}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

export async function renderNoticeEmail(
  id: NoticeTemplateId,
  payload: unknown,
  context: RenderContext,
): Promise<RenderedNoticeEmail> {
  return TEMPLATES[id].email(parse(id, payload), context);
}

export function renderNoticeSms(id: NoticeTemplateId, payload: unknown, context: RenderContext): string {
  return TEMPLATES[id].sms(parse(id, payload), context);
}

/** The ZNS request of a template, or null when Zalo has no approved template for it (the channel is skipped). */
export function renderNoticeZns(
  id: NoticeTemplateId,
  payload: unknown,
  context: RenderContext,
): { templateId: string; params: Record<string, string>; content: string } | null {
  const template = TEMPLATES[id];
  return template.zns ? znsParams(template.zns, parse(id, payload), context) : null;
}

/** Every channel's text of a template with its sample data (the back office's preview). */
export async function previewNotice(
  id: NoticeTemplateId,
  context: Omit<RenderContext, 'images'>,
): Promise<{
  subject: string;
  html: string;
  text: string;
  sms: string;
  zns: string | null;
  znsTemplateId: string | null;
}> {
  const template = TEMPLATES[id];
  const ctx: RenderContext = { ...context, images: 'data' };
  const email = await template.email(template.sample, ctx);
  const zns = template.zns ? znsParams(template.zns, template.sample, ctx) : null;
  return {
    subject: email.subject,
    html: email.html,
    text: email.text,
    sms: template.sms(template.sample, ctx),
    zns: zns?.content ?? null,
    znsTemplateId: zns?.templateId ?? null,
  };
}
