import type { z } from 'zod';
import type { EmailCompany } from './company';
import type { InlineImage, RenderedEmail } from './render';

export type NoticeTemplateId =
  | 'BILL'
  | 'PAYMENT_RECEIVED'
  | 'OVERDUE_REMINDER'
  | 'DISCONNECTION'
  | 'WORK_ORDER_STATUS'
  | 'PORTAL_SIGN_IN'
  | 'PORTAL_REGISTERED';

export interface RenderContext {
  company: EmailCompany;
  /** The app's public address, for links (PUBLIC_URL). */
  baseUrl: string;
  /**
   * How inline images are referenced: `cid` for a sent mail (the PNG travels as a related attachment), `data` for
   * the back office's preview in an iframe, which has no attachments to resolve a cid: against.
   */
  images: 'cid' | 'data';
}

export interface RenderedNoticeEmail extends RenderedEmail {
  images: InlineImage[];
}

/** A pre-approved Zalo ZNS template: its id at Zalo, its text with <param> placeholders, its parameters. */
export interface ZnsTemplate<P> {
  /** The id Zalo assigned when it approved the template (set per company at onboarding). */
  templateId: string;
  /** The approved content, `<name>` marking each parameter; used to check the 400-character limit. */
  content: string;
  /** Each parameter's maximum length as approved (Zalo refuses longer values). */
  maxLengths: Record<string, number>;
  params(params: P, context: RenderContext): Record<string, string>;
}

/** One notice: its parameters' schema, sample data for previews, and its text on each channel. */
export interface NoticeTemplate<P> {
  id: NoticeTemplateId;
  /** The name staff see in the template list. */
  title: string;
  schema: z.ZodType<P>;
  sample: P;
  email(params: P, context: RenderContext): Promise<RenderedNoticeEmail>;
  sms(params: P, context: RenderContext): string;
  zns: ZnsTemplate<P> | null;
}
