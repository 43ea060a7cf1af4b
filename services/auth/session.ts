import { createHmac, timingSafeEqual } from 'node:crypto';
import type { DbOrTx } from '@/db/client';
import { type Actor, loadActor } from './actor';

/** What a session token carries besides next-auth's own fields: the user and their credential version. */
export interface SessionClaims {
  uid?: unknown;
  cv?: unknown;
  [claim: string]: unknown;
}

/**
 * The actor of a session, or null when the session no longer counts: the user is gone or inactive, or their
 * password changed after the session was signed (`cv` older than the user's credential version). Tokens signed
 * before sessions carried `cv` are refused too: signing in again costs less than guessing what they held.
 */
export async function actorForSession(db: DbOrTx, claims: SessionClaims | null | undefined): Promise<Actor | null> {
  const uid = claims?.uid;
  const cv = claims?.cv;
  if (typeof uid !== 'number' || typeof cv !== 'number') return null;
  return loadActor(db, uid, { credentialVersion: cv });
}

// A renewal lives only between the server code that changed the password and next-auth's jwt callback, in one
// request; the time limit only bounds the damage should one ever leak.
const RENEWAL_TTL_MS = 60_000;

const renewalMac = (secret: string, payload: string) =>
  createHmac('sha256', secret).update(`session-renewal:${payload}`).digest();

/**
 * A proof that the server itself moved this user's session to `credentialVersion`. next-auth's session update
 * endpoint also accepts data from the browser, so the jwt callback takes a new version only with this proof.
 */
export function signRenewal(secret: string, uid: number, credentialVersion: number, now = Date.now()): string {
  const payload = `${uid}.${credentialVersion}.${now}`;
  return `${payload}.${renewalMac(secret, payload).toString('base64url')}`;
}

/** The credential version a renewal proves for this user, or null for anything forged, foreign or stale. */
function renewedVersion(secret: string, uid: number, renewal: unknown, now = Date.now()): number | null {
  if (typeof renewal !== 'string') return null;
  const match = /^(\d+)\.(\d+)\.(\d+)\.([A-Za-z0-9_-]+)$/.exec(renewal);
  if (!match) return null;
  const [, forUid, version, issuedAt, mac] = match;
  const expected = renewalMac(secret, `${forUid}.${version}.${issuedAt}`);
  const given = Buffer.from(mac!, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if (Number(forUid) !== uid) return null;
  const age = now - Number(issuedAt);
  if (age < 0 || age > RENEWAL_TTL_MS) return null;
  return Number(version);
}

/** The fields of next-auth's jwt callback this app reads; kept local so services do not import next-auth. */
export interface SessionTokenEvent {
  user?: { id?: string | null; credentialVersion?: unknown } | null;
  trigger?: string;
  session?: unknown;
}

/**
 * The session token after a sign-in (user id and credential version from `authorize`), after a renewal proved
 * by `signRenewal` (the new version), or unchanged on every other read.
 */
export function nextSessionToken<T extends SessionClaims>(secret: string, token: T, event: SessionTokenEvent): T {
  if (event.user?.id) {
    return {
      ...token,
      uid: Number(event.user.id),
      cv: typeof event.user.credentialVersion === 'number' ? event.user.credentialVersion : undefined,
    };
  }
  if (event.trigger === 'update' && typeof token.uid === 'number') {
    const renewal = (event.session as { renewal?: unknown } | null | undefined)?.renewal;
    const version = renewedVersion(secret, token.uid, renewal);
    if (version !== null) return { ...token, cv: version };
  }
  return token;
}
