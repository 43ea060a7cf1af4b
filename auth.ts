import NextAuth, { CredentialsSignin } from 'next-auth';
import type { Adapter } from 'next-auth/adapters';
import Credentials from 'next-auth/providers/credentials';
import { getAppDatabase } from '@/app/server/app-database';
import { clientAddress } from '@/app/server/client-address';
import { sessionSecret } from '@/config/auth-secret';
import { nextSessionToken, signRenewal } from '@/services/auth/session';
import { checkCredentials } from '@/services/auth/sign-in.service';

declare module 'next-auth' {
  interface User {
    /** The user's credential version when they signed in; sessions of an older one are refused. */
    credentialVersion?: number;
  }
}

class LockedError extends CredentialsSignin {
  override code = 'locked';
}

const secret = sessionSecret();

/**
 * @auth/core remembers in a module-wide flag that SOME instance of the process has an email provider, and from then
 * on refuses every instance without an adapter ("MissingAdapter", a 500 that reads as "no session"): once a customer
 * asked for a sign-in link (portal-auth.ts), every staff member would be signed out. This instance has no email
 * provider, so these methods are never called; they only satisfy the check.
 * https://github.com/nextauthjs/next-auth/issues/10632
 */
const NO_EMAIL_SIGN_IN: Adapter = {
  getUserByEmail: () => null,
  createVerificationToken: () => null,
  useVerificationToken: () => null,
};

/**
 * Staff sign in with the standard credentials provider (fields `username`, `password`), so scripts can
 * sign in through next-auth's own endpoints. Sessions are JWTs holding the user id and credential version;
 * the user, rights and version are re-read from the database on every request, so a revoked right or a
 * changed password takes effect at once.
 */
export const { handlers, auth, signIn, signOut, unstable_update } = NextAuth({
  trustHost: true,
  secret,
  // Never used by this instance (it has no email provider); see NO_EMAIL_SIGN_IN above.
  adapter: NO_EMAIL_SIGN_IN,
  session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
  pages: { signIn: '/login' },
  providers: [
    Credentials({
      credentials: { username: { label: 'Tên đăng nhập' }, password: { label: 'Mật khẩu', type: 'password' } },
      authorize: async (credentials, request) => {
        // NFC like every GraphQL argument, so a password set there matches whatever keyboard types it here.
        const username = typeof credentials.username === 'string' ? credentials.username.normalize('NFC') : '';
        const password = typeof credentials.password === 'string' ? credentials.password.normalize('NFC') : '';
        const { db } = await getAppDatabase();
        const result = await checkCredentials(db, username, password, clientAddress(request.headers));
        if (!result.ok) {
          if (result.reason === 'locked') throw new LockedError();
          return null;
        }
        return {
          id: String(result.user.id),
          name: result.user.fullName,
          email: null,
          credentialVersion: result.user.credentialVersion,
        };
      },
    }),
  ],
  callbacks: {
    jwt: ({ token, user, trigger, session }) => nextSessionToken(secret, token, { user, trigger, session }),
    session: ({ session, token }) => {
      const claims = session as unknown as { uid?: number; cv?: number };
      claims.uid = typeof token.uid === 'number' ? token.uid : undefined;
      claims.cv = typeof token.cv === 'number' ? token.cv : undefined;
      return session;
    },
  },
});

/**
 * Moves the current request's session to the user's new credential version after they changed their own
 * password, so this session stays signed in while every other one is refused.
 */
export async function renewSession(uid: number, credentialVersion: number): Promise<void> {
  await unstable_update({ renewal: signRenewal(secret, uid, credentialVersion) } as Parameters<
    typeof unstable_update
  >[0]);
}
