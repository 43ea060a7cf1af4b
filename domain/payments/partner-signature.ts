/**
 * The partner API's request signature (issue 9, "Partners"): every request carries X-Partner-Id, X-Timestamp (Unix
 * seconds) and X-Signature, the lowercase hex HMAC-SHA256 of `{timestamp}.{raw body}` with the partner's secret.
 * The timestamp is inside the signed bytes, so a captured request cannot be replayed later with a fresh timestamp,
 * and a captured signature does not fit another body. The HMAC itself is computed by the caller (domain/ imports no
 * Node.js module; services/payments/partner-signing.ts passes node:crypto's), everything else is decided here.
 */

/** How far a request's timestamp may be from the server's clock, either way. */
export const PARTNER_CLOCK_SKEW_SECONDS = 300;

export const PARTNER_HEADERS = {
  partnerId: 'x-partner-id',
  timestamp: 'x-timestamp',
  signature: 'x-signature',
} as const;

const encoder = new TextEncoder();

/** The bytes that are signed: the timestamp as sent, a dot, then the body exactly as received (not re-encoded). */
export function signedMessage(timestamp: string, rawBody: Uint8Array): Uint8Array {
  const head = encoder.encode(`${timestamp}.`);
  const message = new Uint8Array(head.byteLength + rawBody.byteLength);
  message.set(head, 0);
  message.set(rawBody, head.byteLength);
  return message;
}

/** Unix seconds as decimal digits only: no sign, fraction, exponent or spaces, which would sign differently. */
export function parseTimestamp(header: string | null | undefined): number | null {
  if (header == null || !/^\d{1,12}$/.test(header)) return null;
  return Number(header);
}

export function isTimestampFresh(
  timestamp: number,
  nowSeconds: number,
  windowSeconds: number = PARTNER_CLOCK_SKEW_SECONDS,
): boolean {
  return Math.abs(nowSeconds - timestamp) <= windowSeconds;
}

/**
 * Compares two strings in time that depends only on their lengths, so a caller cannot find a valid signature one
 * character at a time by timing the refusals. (The lengths are public: a signature is always 64 hex digits.)
 */
export function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: 'clock_skew' | 'bad_signature' };

/**
 * Checks a request's timestamp and signature. `hmacHex` signs a message with the partner's secret (lowercase hex).
 * A missing or malformed timestamp counts as clock skew (the partner's clock or code is wrong); a missing or
 * malformed signature as a bad signature. Hex case carries no information, so an uppercase signature is accepted.
 */
export function checkPartnerSignature(
  input: { timestamp: string | null; signature: string | null; rawBody: Uint8Array; nowSeconds: number },
  hmacHex: (message: Uint8Array) => string,
): SignatureCheck {
  const timestamp = parseTimestamp(input.timestamp);
  if (timestamp === null || !isTimestampFresh(timestamp, input.nowSeconds)) return { ok: false, reason: 'clock_skew' };
  const sent = (input.signature ?? '').trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(sent)) return { ok: false, reason: 'bad_signature' };
  const expected = hmacHex(signedMessage(input.timestamp!, input.rawBody));
  return constantTimeEqual(sent, expected) ? { ok: true } : { ok: false, reason: 'bad_signature' };
}
