/**
 * A signed-in customer's own account on the portal (issue 10, "Customer accounts"): the customer codes it proved,
 * their open bills, payments and requests, and the notice channels the customer refuses.
 *
 * Every function takes the account id from the caller's portal session, never from input, and reaches a customer
 * only through portal_account_customers: a customer id the account has not linked is refused the same whether it
 * belongs to another customer or to nobody. Linking a code is a proof exactly like the bill lookup's (same schema,
 * same per-address budget, same per-code lock), so an account cannot be used to guess codes faster than a visitor.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { portalAccountCustomers, portalAccounts } from '@/db/schema/portal';
import { noticeOptOuts } from '@/db/schema/notices';
import { rowsOf } from '@/db/sql';
import { PAYMENT_CHANNEL_LABELS } from '@/domain/payments/payment-reports';
import {
  isWorkOrderKind,
  isWorkOrderStatus,
  WORK_ORDER_KIND_LABELS,
  WORK_ORDER_STATUS_LABELS,
} from '@/domain/work-orders/kinds';
import type { PortalLookupInput } from '@/schemas/portal-lookup';
import { AppError } from '@/services/errors';
import {
  maskAddress,
  portalInvoicesOf,
  portalLinksExpiry,
  provePortalCustomer,
  type PortalInvoice,
  type PortalLookupOptions,
} from './portal-lookup.service';

export const PORTAL_NOTICE_CHANNELS = ['EMAIL', 'SMS', 'ZNS'] as const;
export type PortalNoticeChannel = (typeof PORTAL_NOTICE_CHANNELS)[number];

const NOT_LINKED_MESSAGE = 'Mã khách hàng này chưa được liên kết với tài khoản của quý khách.';

/** A customer id the account has not linked: one answer for another's customer and for an id nobody has. */
const notLinked = () => new AppError('FORBIDDEN', NOT_LINKED_MESSAGE);

export interface PortalAccountInfo {
  id: number;
  email: string;
}

export interface PortalLinkedCustomer {
  id: number;
  code: string;
  name: string;
  maskedAddress: string;
  linkedAt: Date;
  /** The channels the customer refuses notices on (absent = consent). */
  optedOutChannels: PortalNoticeChannel[];
}

export interface PortalCustomerBills {
  customerId: number;
  customerCode: string;
  customerName: string;
  invoices: PortalInvoice[];
  totalDue: number;
  linksExpireAt: Date;
}

export interface PortalPayment {
  id: number;
  customerId: number;
  customerCode: string;
  paidAt: Date;
  amount: number;
  channel: string;
  channelLabel: string;
  /** A reversed payment is shown struck out: the money did not stay on the account. */
  reversed: boolean;
}

export interface PortalRequest {
  trackingCode: string;
  kind: string;
  kindLabel: string;
  status: string;
  statusLabel: string;
  customerCode: string | null;
  receivedAt: Date;
  deadline: string;
  closedAt: Date | null;
}

/** The account of a portal session, or null when it is gone (a session outlives nothing it names). */
export async function findPortalAccount(db: DbOrTx, accountId: number): Promise<PortalAccountInfo | null> {
  const [row] = await db
    .select({ id: portalAccounts.id, email: portalAccounts.email })
    .from(portalAccounts)
    .where(eq(portalAccounts.id, accountId))
    .limit(1);
  return row ?? null;
}

/** The account's customers, in the order they were linked, with their notice refusals. */
export async function listLinkedCustomers(db: DbOrTx, accountId: number): Promise<PortalLinkedCustomer[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select c.id, c.code, c.name, c.address, l.linked_at,
        coalesce((select json_agg(o.channel order by o.channel) from notice_opt_outs o where o.customer_id = c.id),
          '[]'::json) as opted_out
      from portal_account_customers l join customers c on c.id = l.customer_id
      where l.portal_account_id = ${accountId}
      order by l.linked_at, c.id`),
  );
  return rows.map((r) => {
    const optedOut = typeof r.opted_out === 'string' ? (JSON.parse(r.opted_out) as unknown) : r.opted_out;
    return {
      id: Number(r.id),
      code: String(r.code),
      name: String(r.name),
      maskedAddress: maskAddress(String(r.address ?? '')),
      linkedAt: new Date(String(r.linked_at)),
      optedOutChannels: (Array.isArray(optedOut) ? optedOut : []).filter((c): c is PortalNoticeChannel =>
        (PORTAL_NOTICE_CHANNELS as readonly unknown[]).includes(c),
      ),
    };
  });
}

async function linkedCustomer(db: DbOrTx, accountId: number, customerId: number): Promise<PortalLinkedCustomer> {
  const found = (await listLinkedCustomers(db, accountId)).find((c) => c.id === customerId);
  if (!found) throw notLinked();
  return found;
}

async function isLinked(db: DbOrTx, accountId: number, customerId: number): Promise<boolean> {
  const [row] = await db
    .select({ one: sql`1` })
    .from(portalAccountCustomers)
    .where(
      and(eq(portalAccountCustomers.portalAccountId, accountId), eq(portalAccountCustomers.customerId, customerId)),
    )
    .limit(1);
  return row !== undefined;
}

/**
 * Links a customer code to the account after the same proof as the bill lookup (refusals: VALIDATION_FAILED,
 * RATE_LIMITED, PORTAL_LOOKUP_FAILED). Linking a code already linked answers the customer again.
 */
export async function linkPortalCustomer(
  db: DbOrTx,
  accountId: number,
  ip: string | null,
  input: PortalLookupInput,
  options: PortalLookupOptions = {},
): Promise<PortalLinkedCustomer> {
  const customer = await provePortalCustomer(db, ip, input, options);
  await db
    .insert(portalAccountCustomers)
    .values({ portalAccountId: accountId, customerId: customer.id })
    .onConflictDoNothing();
  return linkedCustomer(db, accountId, customer.id);
}

/** Removes a linked customer from the account; FORBIDDEN for a customer it has not linked. */
export async function unlinkPortalCustomer(db: DbOrTx, accountId: number, customerId: number): Promise<void> {
  const removed = await db
    .delete(portalAccountCustomers)
    .where(
      and(eq(portalAccountCustomers.portalAccountId, accountId), eq(portalAccountCustomers.customerId, customerId)),
    )
    .returning({ customerId: portalAccountCustomers.customerId });
  if (removed.length === 0) throw notLinked();
}

/** The open bills of every linked customer (a customer without open bills comes with an empty list). */
export async function listPortalAccountBills(
  db: DbOrTx,
  accountId: number,
  now: Date = new Date(),
): Promise<PortalCustomerBills[]> {
  const customers = await listLinkedCustomers(db, accountId);
  const expiresAt = portalLinksExpiry(now);
  return Promise.all(
    customers.map(async (c) => {
      const invoices = await portalInvoicesOf(db, c, expiresAt);
      return {
        customerId: c.id,
        customerCode: c.code,
        customerName: c.name,
        invoices,
        totalDue: invoices.reduce((sum, i) => sum + i.amountDue, 0),
        linksExpireAt: new Date(expiresAt * 1000),
      };
    }),
  );
}

/** How far back the account's payment list reaches. */
const PORTAL_PAYMENTS_LIMIT = 100;

/** The linked customers' payments, newest first (the latest PORTAL_PAYMENTS_LIMIT). */
export async function listPortalAccountPayments(db: DbOrTx, accountId: number): Promise<PortalPayment[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select p.id, p.customer_id, c.code, p.paid_at, p.amount, p.channel, p.status
      from portal_account_customers l
        join payments p on p.customer_id = l.customer_id
        join customers c on c.id = p.customer_id
      where l.portal_account_id = ${accountId}
      order by p.paid_at desc, p.id desc
      limit ${PORTAL_PAYMENTS_LIMIT}`),
  );
  return rows.map((r) => ({
    id: Number(r.id),
    customerId: Number(r.customer_id),
    customerCode: String(r.code),
    paidAt: new Date(String(r.paid_at)),
    amount: Number(r.amount),
    channel: String(r.channel),
    channelLabel: PAYMENT_CHANNEL_LABELS[String(r.channel)] ?? String(r.channel),
    reversed: r.status === 'reversed',
  }));
}

/**
 * The requests of the account: those about a linked customer, whoever filed them, and those the account filed
 * itself (a new connection has no customer until it is handed over). Newest first.
 */
export async function listPortalAccountRequests(db: DbOrTx, accountId: number): Promise<PortalRequest[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select w.tracking_code, w.kind, w.status, c.code as customer_code, w.received_at, w.deadline::text as deadline,
        w.closed_at
      from work_orders w left join customers c on c.id = w.customer_id
      where w.portal_account_id = ${accountId}
        or w.customer_id in (select customer_id from portal_account_customers where portal_account_id = ${accountId})
      order by w.received_at desc, w.id desc
      limit 200`),
  );
  return rows.map((r) => {
    const kind = String(r.kind);
    const status = String(r.status);
    return {
      trackingCode: String(r.tracking_code),
      kind,
      kindLabel: isWorkOrderKind(kind) ? WORK_ORDER_KIND_LABELS[kind] : kind,
      status,
      statusLabel: isWorkOrderStatus(status) ? WORK_ORDER_STATUS_LABELS[status] : status,
      customerCode: r.customer_code == null ? null : String(r.customer_code),
      receivedAt: new Date(String(r.received_at)),
      deadline: String(r.deadline),
      closedAt: r.closed_at == null ? null : new Date(String(r.closed_at)),
    };
  });
}

/**
 * Records (or withdraws) a linked customer's refusal of a notice channel, as the customer's own choice (source
 * PORTAL). The latest decision wins, whoever recorded the earlier one.
 */
export async function setPortalNoticeOptOut(
  db: DbOrTx,
  accountId: number,
  input: { customerId: number; channel: PortalNoticeChannel; optedOut: boolean },
): Promise<PortalLinkedCustomer> {
  if (!(await isLinked(db, accountId, input.customerId))) throw notLinked();
  if (input.optedOut) {
    await db
      .insert(noticeOptOuts)
      .values({ customerId: input.customerId, channel: input.channel, source: 'PORTAL', userId: null })
      .onConflictDoUpdate({
        target: [noticeOptOuts.customerId, noticeOptOuts.channel],
        set: { source: 'PORTAL', userId: null, at: sql`now()` },
      });
  } else {
    await db
      .delete(noticeOptOuts)
      .where(and(eq(noticeOptOuts.customerId, input.customerId), eq(noticeOptOuts.channel, input.channel)));
  }
  return linkedCustomer(db, accountId, input.customerId);
}
