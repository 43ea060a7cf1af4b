'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import {
  LinkCustomerCodeMutation,
  SetMyNoticeOptOutMutation,
  UnlinkCustomerMutation,
} from '@/components/portal/portal-account.documents';
import { executeDocument } from '@/graphql/server';
import { portalSignOut } from '@/portal-auth';
import { getPortalAccountContext } from './account-server';

export interface LinkCodeState {
  ok: boolean;
  message: string | null;
  /** The code as typed, given back with a refusal: React empties the form once its action has run. */
  customerCode?: string;
}

/** The signed-in customer's context, or the sign-in page for a session that ended meanwhile. */
async function signedInContext() {
  const ctx = await getPortalAccountContext();
  if (ctx.portalAccountId == null) redirect('/dang-nhap');
  return ctx;
}

/** "Thêm mã khách hàng": the same proof as the bill lookup, answered inline (wrong proof, lock, malformed input). */
export async function linkCustomerCode(_previous: LinkCodeState, formData: FormData): Promise<LinkCodeState> {
  const ctx = await signedInContext();
  const customerCode = String(formData.get('customerCode') ?? '');
  const { data, errors } = await executeDocument(ctx, LinkCustomerCodeMutation, {
    customerCode,
    verifier: String(formData.get('verifier') ?? ''),
  });
  if (errors[0]) return { ok: false, message: errors[0].message, customerCode: customerCode.slice(0, 40) };
  revalidatePath('/tai-khoan');
  const linked = (data as { linkCustomerCode?: { code: string; name: string } } | null)?.linkCustomerCode;
  return { ok: true, message: linked ? `Đã thêm mã ${linked.code} (${linked.name}).` : 'Đã thêm mã khách hàng.' };
}

export async function unlinkCustomer(formData: FormData): Promise<void> {
  const ctx = await signedInContext();
  await executeDocument(ctx, UnlinkCustomerMutation, { customerId: Number(formData.get('customerId')) });
  revalidatePath('/tai-khoan');
}

export async function setNoticeOptOut(formData: FormData): Promise<void> {
  const ctx = await signedInContext();
  await executeDocument(ctx, SetMyNoticeOptOutMutation, {
    customerId: Number(formData.get('customerId')),
    channel: String(formData.get('channel')),
    optedOut: formData.get('optedOut') === 'true',
  });
  revalidatePath('/tai-khoan');
}

export async function signOutOfPortal(): Promise<void> {
  await portalSignOut({ redirectTo: '/dang-nhap' });
}
