import 'server-only';
import { BodyTooLargeError, readBodyWithin } from '@/app/api/_lib/limited-body';
import { getAppDatabase } from '@/app/server/app-database';
import { clientAddress, trustedProxyHops } from '@/app/server/client-address';
import type { Db } from '@/db/client';
import { PARTNER_HEADERS } from '@/domain/payments/partner-signature';
import type { ErrorCode } from '@/services/error-codes';
import { logUnexpectedError } from '@/services/error-summary';
import { AppError } from '@/services/errors';
import type { PartnerAnswer } from '@/services/payments/partner-payment.service';
import { PartnerSecretKeyError } from '@/services/payments/partner-secrets';
import { findActivePartner, isAddressAllowed, type PartnerCredentials } from '@/services/payments/partner.service';
import { verifyPartnerSignature } from '@/services/payments/partner-signing';

/** A partner request is a few hundred bytes of JSON; anything near this is not one. */
const PARTNER_BODY_LIMIT = 64 * 1024;

const HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

/** The partner API's error body: `{ "error": { "code", "message" } }` (message in Vietnamese, code stable). */
function partnerError(status: number, code: ErrorCode, message: string): Response {
  return new Response(JSON.stringify({ error: { code, message } }), { status, headers: HEADERS });
}

/** An answer of the services, sent exactly as given (its bytes are what a retry gets again). */
function partnerAnswer(a: PartnerAnswer): Response {
  return new Response(a.body, { status: a.status, headers: HEADERS });
}

const STATUS: Partial<Record<ErrorCode, number>> = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  PAYMENT_INVALID_AMOUNT: 400,
  CUSTOMER_NOT_FOUND: 404,
  PARTNER_TRANSACTION_NOT_FOUND: 404,
  NOT_FOUND: 404,
  IDEMPOTENCY_CONFLICT: 409,
  PAYMENT_OVERPAYMENT_REFUSED: 422,
  PAYMENT_NOTHING_DUE: 422,
  PAYMENT_REVERSAL_DAY_PASSED: 422,
  PAYMENT_ALREADY_REVERSED: 422,
  PARTNER_NOT_A_BANK: 403,
};

/** A service error as the partner's HTTP answer; anything unexpected is logged (no data) and answered 500. */
function partnerErrorResponse(error: unknown, where: string): Response {
  if (error instanceof AppError) return partnerError(STATUS[error.code] ?? 422, error.code, error.message);
  logUnexpectedError(where, error);
  return partnerError(500, 'INTERNAL', 'Đã có lỗi hệ thống, vui lòng thử lại sau.');
}

export interface AuthenticatedPartnerRequest {
  db: Db;
  partner: PartnerCredentials;
  /** The body exactly as received and signed. */
  rawBody: Uint8Array;
  /** The body parsed as JSON; null for an empty body. */
  json: () => unknown;
}

const REFUSALS = {
  PARTNER_UNKNOWN: 'Không xác định được đối tác (X-Partner-Id).',
  PARTNER_ADDRESS_NOT_ALLOWED: 'Địa chỉ gọi không nằm trong danh sách được phép của đối tác.',
  PARTNER_CLOCK_SKEW: 'X-Timestamp thiếu, sai dạng hoặc lệch quá 300 giây so với đồng hồ máy chủ.',
  PARTNER_BAD_SIGNATURE: 'Chữ ký X-Signature không đúng.',
} as const;

const refuse = (code: keyof typeof REFUSALS) => partnerError(401, code, REFUSALS[code]);

let hops: { raw: string | undefined; value: number } | null = null;
/** TRUSTED_PROXY_HOPS, parsed again only when it changes: every partner call needs it, a bank sends many. */
function proxyHops(): number {
  const raw = process.env.TRUSTED_PROXY_HOPS;
  if (hops === null || hops.raw !== raw) hops = { raw, value: trustedProxyHops() };
  return hops.value;
}

/**
 * Authenticates a partner request before anything else happens: the body is read within PARTNER_BODY_LIMIT, then
 * the partner (X-Partner-Id, active), its allow-list (the socket's peer address as app/server/client-address.ts
 * knows it), the timestamp window and the HMAC signature are checked, in that order. A refusal is a 401 with a
 * stable code, and nothing has been written.
 */
async function authenticatePartner(
  request: Request,
): Promise<{ ok: true; value: AuthenticatedPartnerRequest } | { ok: false; response: Response }> {
  let rawBody: Uint8Array;
  try {
    rawBody = await readBodyWithin(request, PARTNER_BODY_LIMIT);
  } catch (error) {
    if (error instanceof BodyTooLargeError)
      return { ok: false, response: partnerError(413, 'PAYLOAD_TOO_LARGE', 'Nội dung yêu cầu quá lớn.') };
    return { ok: false, response: partnerError(400, 'BAD_REQUEST', 'Không đọc được nội dung yêu cầu.') };
  }
  const { db } = await getAppDatabase();
  const code = (request.headers.get(PARTNER_HEADERS.partnerId) ?? '').trim();
  let partner: PartnerCredentials | null;
  try {
    partner = code ? await findActivePartner(db, code) : null;
  } catch (error) {
    if (error instanceof PartnerSecretKeyError) {
      console.error(`[partners] ${error.message}`);
      return { ok: false, response: partnerError(500, 'INTERNAL', 'Đã có lỗi hệ thống, vui lòng thử lại sau.') };
    }
    throw error;
  }
  if (!partner) return { ok: false, response: refuse('PARTNER_UNKNOWN') };
  if (!isAddressAllowed(partner.allowList, clientAddress(request.headers, proxyHops())))
    return { ok: false, response: refuse('PARTNER_ADDRESS_NOT_ALLOWED') };
  const check = verifyPartnerSignature(partner.secret, {
    timestamp: request.headers.get(PARTNER_HEADERS.timestamp),
    signature: request.headers.get(PARTNER_HEADERS.signature),
    rawBody,
  });
  if (!check.ok)
    return {
      ok: false,
      response: refuse(check.reason === 'clock_skew' ? 'PARTNER_CLOCK_SKEW' : 'PARTNER_BAD_SIGNATURE'),
    };
  const json = () => {
    if (rawBody.byteLength === 0) return null;
    try {
      return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(rawBody)) as unknown;
    } catch {
      throw new AppError('BAD_REQUEST', 'Nội dung yêu cầu không phải JSON UTF-8 hợp lệ.');
    }
  };
  return { ok: true, value: { db, partner, rawBody, json } };
}

/** Runs a partner endpoint: authentication, then the use case, every failure answered in the partner format. */
export async function handlePartnerRequest(
  request: Request,
  where: string,
  run: (ctx: AuthenticatedPartnerRequest) => Promise<PartnerAnswer>,
): Promise<Response> {
  try {
    const auth = await authenticatePartner(request);
    if (!auth.ok) return auth.response;
    return partnerAnswer(await run(auth.value));
  } catch (error) {
    return partnerErrorResponse(error, where);
  }
}
