import NextAuth from 'next-auth';
import Nodemailer from 'next-auth/providers/nodemailer';
import { cookies, headers } from 'next/headers';
import type { NextRequest } from 'next/server';
import { getAppDatabase } from '@/app/server/app-database';
import { clientAddress } from '@/app/server/client-address';
import { sessionSecret } from '@/config/auth-secret';
import type { DbOrTx } from '@/db/client';
import { findPortalAccount } from '@/services/portal/portal-account.service';
import { normalizePortalEmail, portalAuthAdapter } from '@/services/portal/portal-auth-adapter';
import { consumeSignInLink, PortalRateLimitedError } from '@/services/portal/portal-limits';
import { PORTAL_SIGN_IN_LINK_MINUTES, sendPortalSignInMail } from '@/services/portal/portal-sign-in-mail';

/**
 * Customers' sessions: a second next-auth instance, separate from the staff one (auth.ts) in everything a session is
 * made of. Its own endpoints (/api/portal-auth), its own cookie names, and therefore its own JWT keys (next-auth
 * derives a token's key from the secret AND the cookie name): a customer's token is not even readable as a staff
 * token, and the other way round. A portal session carries `pid` (a portal_accounts id) and nothing else of ours.
 */
export const PORTAL_AUTH_BASE_PATH = '/api/portal-auth';
export const PORTAL_SESSION_COOKIE = 'capnuoc.portal-session';

/** Where a request refused by the sign-in link budget is sent (the page explains and says when to retry). */
export const SIGN_IN_RATE_LIMITED_PATH = '/dang-nhap?loi=gioi-han';

const secret = sessionSecret();

/** The client address of the request next-auth is serving: a route handler's own, or the server action's. */
async function requestAddress(request: NextRequest | undefined): Promise<string | null> {
  return clientAddress(request ? request.headers : await headers());
}

const portal = NextAuth(async (request) => {
  const { db } = await getAppDatabase();
  return {
    trustHost: true,
    secret,
    basePath: PORTAL_AUTH_BASE_PATH,
    adapter: portalAuthAdapter(db),
    session: { strategy: 'jwt', maxAge: 30 * 24 * 60 * 60 },
    cookies: {
      sessionToken: { name: PORTAL_SESSION_COOKIE },
      csrfToken: { name: 'capnuoc.portal-csrf' },
      callbackUrl: { name: 'capnuoc.portal-callback-url' },
    },
    // A used or expired link lands on the sign-in page with `error=Verification`, which says so in Vietnamese.
    pages: { signIn: '/dang-nhap', verifyRequest: '/dang-nhap/kiem-tra-email', error: '/dang-nhap' },
    providers: [
      Nodemailer({
        // Required by the provider, never used: the mail goes through the app's sender in sendVerificationRequest.
        server: {},
        maxAge: PORTAL_SIGN_IN_LINK_MINUTES * 60,
        normalizeIdentifier: (email) => {
          const normalized = normalizePortalEmail(email);
          // One address, no quotes or separators a mail parser could split into several recipients.
          if (normalized.length > 254 || !/^[^\s@",;<>()]+@[^\s@",;<>()]+\.[^\s@",;<>()]+$/.test(normalized))
            throw new Error('Invalid email address format.');
          return normalized;
        },
        sendVerificationRequest: async ({ identifier, url }) => {
          await sendPortalSignInMail(db, { email: identifier, url });
        },
      }),
    ],
    callbacks: {
      // Asking for a link is counted here, before the token is stored and the mail sent, on every path (the
      // sign-in page's action and a POST straight to the endpoint). Whether the address has an account changes
      // nothing: the same link, the same mail, the same budgets.
      signIn: async ({ user, email }) => {
        if (!email?.verificationRequest) return true;
        try {
          await consumeSignInLink(db, await requestAddress(request), normalizePortalEmail(user.email ?? ''));
        } catch (error) {
          if (error instanceof PortalRateLimitedError) return SIGN_IN_RATE_LIMITED_PATH;
          throw error;
        }
        return true;
      },
      jwt: ({ token, user }) => {
        if (!user) return token;
        // Only what the session needs: next-auth's defaults would also copy a name and a picture.
        return { sub: user.id, email: user.email, pid: Number(user.id) };
      },
      session: ({ session, token }) => {
        (session as unknown as { pid?: number }).pid = typeof token.pid === 'number' ? token.pid : undefined;
        return session;
      },
    },
  };
});
export const { handlers, signIn: portalSignIn, signOut: portalSignOut } = portal;
const portalAuth = portal.auth;

/**
 * The portal account of the current request's portal session, or null: no session, a token without `pid`, or an
 * account that no longer exists. Never a staff user: the staff session is another cookie read by auth.ts.
 */
export async function currentPortalAccountId(db: DbOrTx): Promise<number | null> {
  // Every staff request builds its context through here too: without the cookie (or its chunks) there is nothing
  // to decode, and next-auth is not asked at all.
  const jar = await cookies();
  if (!jar.getAll().some((c) => c.name.startsWith(PORTAL_SESSION_COOKIE))) return null;
  const session = (await portalAuth()) as { pid?: unknown } | null;
  const pid = session?.pid;
  if (typeof pid !== 'number' || !Number.isSafeInteger(pid)) return null;
  return (await findPortalAccount(db, pid))?.id ?? null;
}
