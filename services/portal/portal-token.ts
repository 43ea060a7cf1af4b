/**
 * Download links of the portal: a visitor who proved a customer code gets, for each open invoice, a link to its PDF
 * and its e-invoice XML carrying a token `<expiry>.<mac>`, where mac = HMAC-SHA256 over the invoice id and the expiry
 * under a key derived from AUTH_SECRET. Nothing is stored: the routes recompute the MAC, so a token works on every
 * instance, cannot be moved to another invoice, and dies at its expiry. Rotating AUTH_SECRET voids every link.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { developmentAuthSecret } from '@/config/development-secret';
import { serverEnv, type ServerEnv } from '@/config/env';

/** How long a link handed out by a lookup stays valid: long enough to read the bills, short enough to go stale. */
export const PORTAL_LINK_TTL_SECONDS = 15 * 60;

const derived = new Map<string, Buffer>();

/** The 32-byte MAC key of portal links: HKDF of AUTH_SECRET, so the session secret itself never signs a link. */
function portalLinkKey(env: Pick<ServerEnv, 'NODE_ENV' | 'AUTH_SECRET'> = serverEnv()): Buffer {
  // A production server without AUTH_SECRET does not start (config/env.ts); tests get a fixed key.
  const material =
    env.AUTH_SECRET ?? (env.NODE_ENV === 'test' ? 'capnuoc-test-only-portal-key' : developmentAuthSecret());
  let key = derived.get(material);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', material, 'capnuoc', 'portal-invoice-link/v1', 32));
    derived.set(material, key);
  }
  return key;
}

function mac(key: Buffer, invoiceId: number, expiresAt: number): Buffer {
  return createHmac('sha256', key).update(`portal-invoice:${invoiceId}:${expiresAt}`).digest();
}

/** A token for one invoice, valid until `expiresAt` (seconds since the epoch). */
export function signPortalLink(invoiceId: number, expiresAt: number, key: Buffer = portalLinkKey()): string {
  return `${expiresAt}.${mac(key, invoiceId, expiresAt).toString('base64url')}`;
}

/**
 * Whether `token` was made by signPortalLink for this invoice and has not expired. A missing, malformed, forged or
 * expired token and another invoice's token are all just `false`: the routes answer them alike.
 */
export function verifyPortalLink(
  invoiceId: number,
  token: string | null | undefined,
  now: Date = new Date(),
  key: Buffer = portalLinkKey(),
): boolean {
  const match = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token ?? '');
  if (!match) return false;
  const expiresAt = Number(match[1]);
  const given = Buffer.from(match[2]!, 'base64url');
  const expected = mac(key, invoiceId, expiresAt);
  // Compare before looking at the expiry, so an expired token costs the same as a forged one.
  const isGenuine = given.length === expected.length && timingSafeEqual(given, expected);
  return isGenuine && expiresAt * 1000 > now.getTime();
}
