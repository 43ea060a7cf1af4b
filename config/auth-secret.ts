import { developmentAuthSecret } from '@/config/development-secret';
import { appEnv } from '@/config/env';

/**
 * The secret both next-auth instances (staff in auth.ts, customers in portal-auth.ts) sign their sessions with.
 * Production must set AUTH_SECRET; a development machine gets one generated once and kept in .data/; tests get a
 * fixed one instead of writing into the checkout. The two instances never read each other's session: next-auth
 * derives each cookie's key from this secret AND the cookie's name.
 */
export function sessionSecret(): string {
  // appEnv() refuses a production server without AUTH_SECRET.
  const env = appEnv();
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  if (env.NODE_ENV === 'production') {
    // `next build` loads the auth modules to collect route data; no session is signed then.
    return 'build-phase-placeholder';
  }
  if (env.NODE_ENV === 'test') return 'capnuoc-test-only-session-secret';
  return developmentAuthSecret();
}
