/**
 * The partner request signature with node:crypto's HMAC (the rules are in domain/payments/partner-signature.ts).
 * Also what a partner — or a test, or the README's curl example — computes to sign a request.
 */
import { createHmac } from 'node:crypto';
import { checkPartnerSignature, signedMessage, type SignatureCheck } from '@/domain/payments/partner-signature';

const asBytes = (body: Uint8Array | string) => (typeof body === 'string' ? new TextEncoder().encode(body) : body);

/** Lowercase hex HMAC-SHA256 of `{timestamp}.{rawBody}` with the partner's secret. */
export function partnerSignature(secret: string, timestamp: string, rawBody: Uint8Array | string): string {
  return createHmac('sha256', secret)
    .update(signedMessage(timestamp, asBytes(rawBody)))
    .digest('hex');
}

/** Checks a request's X-Timestamp and X-Signature against the partner's secret and the server clock. */
export function verifyPartnerSignature(
  secret: string,
  request: { timestamp: string | null; signature: string | null; rawBody: Uint8Array; nowSeconds?: number },
): SignatureCheck {
  return checkPartnerSignature(
    { ...request, nowSeconds: request.nowSeconds ?? Math.floor(Date.now() / 1000) },
    (message) => createHmac('sha256', secret).update(message).digest('hex'),
  );
}
