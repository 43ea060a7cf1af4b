import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { getAppDatabase } from '@/app/server/app-database';
import { checkCredentials } from '@/services/auth/sign-in.service';

class LockedError extends CredentialsSignin {
  override code = 'locked';
}

/** Production must set AUTH_SECRET; a development machine gets one generated once and kept in .data/. */
function authSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  if (process.env.NODE_ENV === 'production') {
    // `next build` loads this module to collect route data; no session is signed then.
    if (process.env.NEXT_PHASE === 'phase-production-build') return 'build-phase-placeholder';
    throw new Error('AUTH_SECRET must be set in production');
  }
  const file = path.join(process.cwd(), '.data', 'auth-secret');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

export function clientAddress(headers: Headers): string | null {
  return headers.get('x-forwarded-for')?.split(',')[0]?.trim() || headers.get('x-real-ip') || null;
}

/**
 * Staff sign in with the standard credentials provider (fields `username`, `password`), so scripts can
 * sign in through next-auth's own endpoints. Sessions are JWTs holding the user id; rights are re-read
 * from the database on every request, so a revoked right takes effect at once.
 */
export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  secret: authSecret(),
  session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
  pages: { signIn: '/login' },
  providers: [
    Credentials({
      credentials: { username: { label: 'Tên đăng nhập' }, password: { label: 'Mật khẩu', type: 'password' } },
      authorize: async (credentials, request) => {
        const username = typeof credentials.username === 'string' ? credentials.username : '';
        const password = typeof credentials.password === 'string' ? credentials.password : '';
        const { db } = await getAppDatabase();
        const result = await checkCredentials(db, username, password, clientAddress(request.headers));
        if (!result.ok) {
          if (result.reason === 'locked') throw new LockedError();
          return null;
        }
        return { id: String(result.user.id), name: result.user.fullName, email: null };
      },
    }),
  ],
  callbacks: {
    jwt: ({ token, user }) => {
      if (user?.id) token.uid = Number(user.id);
      return token;
    },
    session: ({ session, token }) => {
      (session as unknown as { uid?: number }).uid = typeof token.uid === 'number' ? token.uid : undefined;
      return session;
    },
  },
});
