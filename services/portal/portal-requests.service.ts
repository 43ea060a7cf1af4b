/**
 * The portal's requests: a new connection (registration) from anyone, a service request (relocation, meter check,
 * bill dispute …) from whoever proves a customer code, and the public tracking page. Each submission passes, in
 * this order: the address's hourly budget (counted first, so refused floods spend it too), the input's schema, the
 * proof of work and honeypot (portal-challenge.ts), for a service request the proof of the customer code (the bill
 * lookup's second factor and budgets), and then one transaction that claims the idempotency key, consumes the
 * challenge, receives the work order (services/work-orders/intake.service.ts), claims the uploaded documents and
 * stores them on the order (services/work-orders/documents.service.ts). Any refusal inside rolls everything back: no order without its documents, no document
 * without its order.
 *
 * The confirmation email is not sent here: the notices hook on the order's RECEIVED event, which reads
 * `applicantEmail` from the order.
 */
import { timingSafeEqual } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { invoices } from '@/db/schema/billing';
import { serviceTypes } from '@/db/schema/catalogs';
import { workOrders } from '@/db/schema/work-orders';
import { rowsOf } from '@/db/sql';
import {
  isClosedStatus,
  isWorkOrderKind,
  isWorkOrderStatus,
  WORK_ORDER_KIND_LABELS,
  WORK_ORDER_STATUS_LABELS,
  type WorkOrderKind,
  type WorkOrderStatus,
} from '@/domain/work-orders/kinds';
import {
  portalConnectionRequestInputSchema,
  portalRequestStatusSchema,
  portalServiceRequestInputSchema,
  type PortalConnectionRequestInput,
  type PortalRequestStatusInput,
  type PortalServiceRequest,
  type PortalServiceRequestInput,
} from '@/schemas/portal-requests';
import type { WorkOrderInput } from '@/schemas/work-order-input';
import { AppError } from '@/services/errors';
import { getStorage, type FileStorage } from '@/services/storage/storage';
import { storeWorkOrderDocument } from '@/services/work-orders/documents.service';
import { receiveWorkOrder, type ReceivedWorkOrder } from '@/services/work-orders/intake.service';
import { parseOrThrow } from '@/services/work-orders/validation';
import { checkPortalProof, consumePortalChallenge, portalChallengeFailed } from './portal-challenge';
import {
  consumeStatusLookup,
  consumeSubmission,
  PORTAL_LIMITS,
  releaseTrackingAttempt,
  reserveTrackingAttempt,
  sweepUsedMarks,
  type PortalLimits,
} from './portal-limits';
import { MIN_FAILURE_MS, proveCustomerCode } from './portal-lookup.service';
import { claimPortalUploads, removeStagedUploads, type ClaimedUpload } from './portal-uploads.service';

export const PORTAL_TRACKING_FAILED_MESSAGE =
  'Mã theo dõi hoặc 4 số cuối điện thoại không đúng. Vui lòng kiểm tra lại trên giấy biên nhận hoặc tin nhắn xác nhận.';

export interface PortalRequestOptions {
  limits?: PortalLimits;
  storage?: FileStorage;
  /** The least proof-of-work difficulty accepted (tests lower it). */
  minDifficulty?: number;
  /** The refusal floor of proofs (customer codes, tracking codes); tests measure the unpadded work with 0. */
  minFailureMs?: number;
  now?: Date;
  /** The signed-in portal customer who submits (their account lists the request), or none. */
  portalAccountId?: number | null;
}

export interface PortalSubmission {
  trackingCode: string;
}

/**
 * The transaction every submission ends in. The idempotency key is claimed first (a row in request_counters):
 * a resend of a form that already went through (a double tap, a retry after a lost answer) waits for the first
 * to commit and answers its tracking code, without a second order and without spending a second challenge.
 */
async function persistSubmission(
  db: DbOrTx,
  submission: {
    idempotencyKey: string;
    challengeId: string;
    documents: readonly { token: string; kind: ClaimedUpload['kind'] }[];
    receive: (tx: DbOrTx) => Promise<ReceivedWorkOrder>;
  },
  options: PortalRequestOptions,
): Promise<PortalSubmission> {
  const storage = options.storage ?? getStorage();
  const stored: string[] = [];
  try {
    const { order, claimed } = await db.transaction(async (tx) => {
      const marker = rowsOf<{ key: string }>(
        await tx.execute(sql`
          insert into request_counters (key, count, window_started_at)
          values (${`portal-idem:${submission.idempotencyKey}`}, 1, now())
          on conflict (key) do nothing returning key`),
      );
      if (marker.length === 0) {
        const [prior] = await tx
          .select({ id: workOrders.id, trackingCode: workOrders.trackingCode })
          .from(workOrders)
          .where(eq(workOrders.idempotencyKey, submission.idempotencyKey))
          .limit(1);
        if (!prior) throw portalChallengeFailed();
        return { order: prior, claimed: [] as ClaimedUpload[] };
      }
      if (!(await consumePortalChallenge(tx, submission.challengeId))) throw portalChallengeFailed();
      const received = await submission.receive(tx);
      const docs = await claimPortalUploads(tx, submission.documents, { storage, now: options.now });
      for (const doc of docs) {
        const row = await storeWorkOrderDocument(
          tx,
          received.id,
          { kind: doc.kind, fileName: doc.fileName, data: doc.data },
          { portalAccountId: options.portalAccountId ?? null },
          storage,
        );
        stored.push(row.storageKey);
      }
      return { order: received, claimed: docs };
    });
    await removeStagedUploads(claimed, storage);
    // One submission in fifty clears the used marks that can no longer matter.
    if (Math.random() < 0.02) await sweepUsedMarks(db);
    return { trackingCode: order.trackingCode };
  } catch (error) {
    // The rollback took the document rows; their files go too.
    await Promise.all(stored.map((key) => storage.remove(key).catch(() => {})));
    throw error;
  }
}

async function serviceTypeIdOf(db: DbOrTx, code: string): Promise<number> {
  const [row] = await db.select({ id: serviceTypes.id }).from(serviceTypes).where(eq(serviceTypes.code, code));
  if (!row) {
    throw new AppError('INVALID_REFERENCE', 'Mục đích sử dụng nước không có trong danh mục.', {
      field: 'serviceTypeCode',
    });
  }
  return row.id;
}

/** A coordinate as the work order stores it: a decimal string with 6 places, never a float. */
const coordinate = (v: number | null) => (v === null ? null : v.toFixed(6));

/**
 * Registers a new connection for anyone; answers the tracking code. Refusals: RATE_LIMITED (the address's hourly
 * submissions), VALIDATION_FAILED, PORTAL_CHALLENGE_FAILED (proof of work or honeypot), INVALID_REFERENCE (ward,
 * service type), PORTAL_UPLOAD_INVALID (a document token).
 */
export async function submitConnectionRequest(
  db: DbOrTx,
  ip: string | null,
  rawInput: PortalConnectionRequestInput,
  options: PortalRequestOptions = {},
): Promise<PortalSubmission> {
  await consumeSubmission(db, ip, options.limits ?? PORTAL_LIMITS);
  const input = parseOrThrow(portalConnectionRequestInputSchema, rawInput);
  const challengeId = checkPortalProof(input.proof, { minDifficulty: options.minDifficulty, now: options.now });
  const serviceTypeId = await serviceTypeIdOf(db, input.serviceTypeCode);
  // The intake keeps no details for an installation: a different person to call on site goes with the note.
  const contact =
    input.contactName || input.contactPhone
      ? `Người liên hệ tại nơi lắp đặt: ${[input.contactName, input.contactPhone].filter(Boolean).join(', ')}.`
      : null;
  const order: WorkOrderInput = {
    kind: 'INSTALLATION',
    source: 'PORTAL',
    applicantName: input.applicantName,
    applicantPhone: input.applicantPhone,
    applicantEmail: input.applicantEmail,
    citizenId: input.citizenId,
    address: input.address,
    wardId: input.wardId,
    latitude: coordinate(input.latitude),
    longitude: coordinate(input.longitude),
    serviceTypeId,
    households: input.households,
    persons: input.persons,
    description: [contact, input.description].filter(Boolean).join('\n') || null,
    idempotencyKey: input.idempotencyKey,
  };
  return persistSubmission(
    db,
    {
      idempotencyKey: input.idempotencyKey,
      challengeId,
      documents: input.documents,
      receive: (tx) =>
        receiveWorkOrder(tx, { portalAccountId: options.portalAccountId ?? null }, order, { now: options.now }),
    },
    options,
  );
}

/** What each kind keeps in the work order's `details` (schemas/work-order-input.ts). */
function detailsOf(input: PortalServiceRequest): Record<string, unknown> {
  const d = input.details;
  switch (input.kind) {
    case 'RELOCATION':
      return { newAddress: d.newAddress };
    case 'NAME_CHANGE':
      return { newName: d.newName };
    case 'UPGRADE':
      return { meterSize: d.meterSize };
    case 'SUSPENSION':
      return { fromDate: d.fromDate, toDate: d.toDate };
    case 'RESUMPTION':
      return { fromDate: d.fromDate };
    default:
      return {};
  }
}

/** The proven customer's issued invoice with this number; the dispute names it. */
async function disputedInvoiceId(db: DbOrTx, customerId: number, number: string): Promise<number> {
  const [row] = await db
    .select({ id: invoices.id })
    .from(invoices)
    .where(and(eq(invoices.customerId, customerId), eq(invoices.number, Number(number)), ne(invoices.status, 'draft')))
    .limit(1);
  if (!row) {
    throw new AppError('VALIDATION_FAILED', 'Không tìm thấy hóa đơn số này của khách hàng. Vui lòng kiểm tra lại.', {
      field: 'details.invoiceNumber',
    });
  }
  return Number(row.id);
}

/**
 * A request of an existing customer, from a visitor who proves the customer code with the bill lookup's second
 * factor. Refusals as submitConnectionRequest's, plus PORTAL_LOOKUP_FAILED (the code and factor do not match, an
 * unknown code alike) and RATE_LIMITED from the lookup's budgets.
 */
export async function submitServiceRequest(
  db: DbOrTx,
  ip: string | null,
  rawInput: PortalServiceRequestInput,
  options: PortalRequestOptions = {},
): Promise<PortalSubmission> {
  const limits = options.limits ?? PORTAL_LIMITS;
  await consumeSubmission(db, ip, limits);
  const input = parseOrThrow(portalServiceRequestInputSchema, rawInput);
  // The cheap, stateless check first: a flood without proofs of work never reaches the customer-code budget.
  const challengeId = checkPortalProof(input.proof, { minDifficulty: options.minDifficulty, now: options.now });
  const customerId = await proveCustomerCode(
    db,
    ip,
    { customerCode: input.customerCode, verifier: input.verifier },
    { limits, minFailureMs: options.minFailureMs },
  );
  const invoiceId =
    input.kind === 'BILL_DISPUTE' && input.details.invoiceNumber
      ? await disputedInvoiceId(db, customerId, input.details.invoiceNumber)
      : null;
  const place = input.kind === 'LEAK_REPORT' && input.details.place ? `Vị trí: ${input.details.place}.` : null;
  const order: WorkOrderInput = {
    kind: input.kind,
    source: 'PORTAL',
    customerId,
    applicantName: input.applicantName,
    applicantPhone: input.applicantPhone,
    applicantEmail: input.applicantEmail,
    description: [place, input.description].filter(Boolean).join('\n') || null,
    details: detailsOf(input),
    invoiceId,
    idempotencyKey: input.idempotencyKey,
  };
  return persistSubmission(
    db,
    {
      idempotencyKey: input.idempotencyKey,
      challengeId,
      documents: input.documents,
      receive: (tx) =>
        receiveWorkOrder(tx, { portalAccountId: options.portalAccountId ?? null }, order, { now: options.now }),
    },
    options,
  );
}

// ---- tracking

export interface PortalRequestStep {
  status: WorkOrderStatus;
  statusLabel: string;
  at: Date;
}

export interface PortalRequestStatus {
  trackingCode: string;
  kind: WorkOrderKind;
  kindLabel: string;
  status: WorkOrderStatus;
  statusLabel: string;
  receivedAt: Date;
  deadline: string;
  isClosed: boolean;
  /** Status changes, oldest first: the status and when, never who. */
  timeline: PortalRequestStep[];
}

interface TrackingRow {
  id: number | null;
  kind: string | null;
  status: string | null;
  received_at: Date | string | null;
  deadline: string | null;
  applicant_phone: string | null;
}

/**
 * The one statement of a tracking lookup, run for every code: the code is a value joined to work orders, so a code
 * nobody has executes the same plan and returns a row of nulls.
 */
async function readTracking(db: DbOrTx, code: string): Promise<TrackingRow> {
  const [row] = rowsOf<TrackingRow>(
    await db.execute(sql`
      select w.id, w.kind, w.status, w.received_at, w.deadline::text as deadline, w.applicant_phone
      from (values (${code}::text)) as k(code)
      left join work_orders w on w.tracking_code = k.code`),
  );
  return row ?? { id: null, kind: null, status: null, received_at: null, deadline: null, applicant_phone: null };
}

/** The last 4 digits of the applicant's phone against the verifier, in constant time for every row. */
function phoneProves(row: TrackingRow, verifier: string): boolean {
  const digits = (row.applicant_phone ?? '').replace(/\D/g, '');
  const expected = Buffer.from(digits.length >= 4 ? digits.slice(-4) : '----', 'utf8');
  const given = Buffer.from(verifier.length === 4 ? verifier : '++++', 'utf8');
  return timingSafeEqual(expected, given) && row.id !== null && digits.length >= 4;
}

/**
 * The public status of a request for whoever holds its tracking code and the last 4 digits of the phone the
 * applicant gave. An unknown code and a wrong verifier are one answer (PORTAL_TRACKING_FAILED) after the same work,
 * padded to MIN_FAILURE_MS; RATE_LIMITED past the address's lookups or the code's wrong proofs (an unknown code
 * locks like a real one). The answer holds the kind, the statuses and their dates: no names, no notes, no staff.
 */
export async function getPortalRequestStatus(
  db: DbOrTx,
  ip: string | null,
  rawInput: PortalRequestStatusInput,
  options: Pick<PortalRequestOptions, 'limits' | 'minFailureMs'> = {},
): Promise<PortalRequestStatus> {
  const { trackingCode, verifier } = parseOrThrow(portalRequestStatusSchema, rawInput);
  const limits = options.limits ?? PORTAL_LIMITS;
  const started = performance.now();
  await consumeStatusLookup(db, ip, limits);
  await reserveTrackingAttempt(db, trackingCode, limits);
  const row = await readTracking(db, trackingCode);
  if (!phoneProves(row, verifier) || row.id === null || !isWorkOrderKind(row.kind) || !isWorkOrderStatus(row.status)) {
    const wait = (options.minFailureMs ?? MIN_FAILURE_MS) - (performance.now() - started);
    if (wait > 0) await sleep(wait);
    throw new AppError('PORTAL_TRACKING_FAILED', PORTAL_TRACKING_FAILED_MESSAGE);
  }
  await releaseTrackingAttempt(db, trackingCode);
  const events = rowsOf<{ to_status: string; at: Date | string }>(
    await db.execute(sql`
      select to_status, at from work_order_events
      where work_order_id = ${row.id} and (from_status is null or from_status <> to_status)
      order by at, id`),
  );
  const timeline = events
    .filter((e) => isWorkOrderStatus(e.to_status))
    .map((e) => {
      const status = e.to_status as WorkOrderStatus;
      return { status, statusLabel: WORK_ORDER_STATUS_LABELS[status], at: new Date(e.at) };
    });
  return {
    trackingCode,
    kind: row.kind,
    kindLabel: WORK_ORDER_KIND_LABELS[row.kind],
    status: row.status,
    statusLabel: WORK_ORDER_STATUS_LABELS[row.status],
    receivedAt: new Date(row.received_at!),
    deadline: String(row.deadline),
    isClosed: isClosedStatus(row.status),
    timeline,
  };
}
