import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { getAppDatabase } from '@/app/server/app-database';
import { clientAddress } from '@/app/server/client-address';
import { developmentAuthSecret } from '@/config/development-secret';
import { appEnv } from '@/config/env';
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

/** Production must set AUTH_SECRET; a development machine gets one generated once and kept in .data/. */
function authSecret(): string {
  // appEnv() refuses a production server without AUTH_SECRET.
  const env = appEnv();
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  if (env.NODE_ENV === 'production') {
    // `next build` loads this module to collect route data; no session is signed then.
    return 'build-phase-placeholder';
  }
  return developmentAuthSecret();
}

const secret = authSecret();

/**
 * Staff sign in with the standard credentials provider (fields `username`, `password`), so scripts can
 * sign in through next-auth's own endpoints. Sessions are JWTs holding the user id and credential version;
 * the user, rights and version are re-read from the database on every request, so a revoked right or a
 * changed password takes effect at once.
 */
export const { handlers, auth, signIn, signOut, unstable_update } = NextAuth({
  trustHost: true,
  secret,
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
