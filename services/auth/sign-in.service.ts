import { eq, like, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { signInAttempts, users } from '@/db/schema/users';
import { getDummyHash, verifyPassword } from './password';

/**
 * Failures allowed in a window before a key is locked for `lockMinutes`. Failures lock an account only from the
 * address they came from (`pair`), so nobody can lock a colleague or the admin out by typing wrong passwords;
 * an address that tries many accounts is locked whole (`address`).
 */
export const SIGN_IN_LIMITS = { pair: 5, address: 20, windowMinutes: 15, lockMinutes: 15 } as const;

export type SignInResult =
  | { ok: true; user: { id: number; login: string; fullName: string; isAdmin: boolean; credentialVersion: number } }
  | { ok: false; reason: 'invalid' | 'locked' };

async function isLocked(db: DbOrTx, key: string): Promise<boolean> {
  const [row] = await db.select().from(signInAttempts).where(eq(signInAttempts.key, key)).limit(1);
  return !!row?.lockedUntil && row.lockedUntil.getTime() > Date.now();
}

/** Counts a failure in a sliding window; reaching the limit locks the key. One statement, so concurrent failures all count. */
async function recordFailure(db: DbOrTx, key: string, limit: number): Promise<void> {
  const window = `${SIGN_IN_LIMITS.windowMinutes} minutes`;
  const lock = `${SIGN_IN_LIMITS.lockMinutes} minutes`;
  await db.execute(sql`
    insert into sign_in_attempts as a (key, failures, window_started_at)
    values (${key}, 1, now())
    on conflict (key) do update set
      failures = case when a.window_started_at < now() - ${window}::interval then 1 else a.failures + 1 end,
      window_started_at = case when a.window_started_at < now() - ${window}::interval then now() else a.window_started_at end,
      locked_until = case
        when a.window_started_at >= now() - ${window}::interval and a.failures + 1 >= ${limit} then now() + ${lock}::interval
        else a.locked_until end`);
}

/** Logins that cannot exist share one counter per address, so junk logins neither overflow the key nor multiply keys. */
const loginKeyPart = (login: string) => (/^[a-z0-9]{1,16}$/.test(login) ? login : '*');
const pairKey = (login: string, ip: string | null) => `pair:${loginKeyPart(login)}@${ip ?? 'unknown'}`;
// Requests of unknown address share one budget, so not knowing the address never lifts the limit.
const addressKey = (ip: string | null) => `address:${ip ?? 'unknown'}`;

/** Whether password attempts for this login from this address are refused for now. */
export async function isPasswordLocked(db: DbOrTx, login: string, ip: string | null): Promise<boolean> {
  return (await isLocked(db, pairKey(login, ip))) || (await isLocked(db, addressKey(ip)));
}

/** Counts a wrong password for this login from this address: sign-in and a password change share the counters. */
export async function recordWrongPassword(db: DbOrTx, login: string, ip: string | null): Promise<void> {
  await recordFailure(db, pairKey(login, ip), SIGN_IN_LIMITS.pair);
  await recordFailure(db, addressKey(ip), SIGN_IN_LIMITS.address);
}

/** Lifts every lock and counter of one login, from every address (the `user:unlock` script). */
export async function unlockLogin(db: DbOrTx, login: string): Promise<number> {
  const rows = await db
    .delete(signInAttempts)
    .where(like(signInAttempts.key, `pair:${loginKeyPart(login.trim().toLowerCase())}@%`))
    .returning({ key: signInAttempts.key });
  return rows.length;
}

/**
 * Checks a login and password. Unknown login and wrong password give the same answer and take the same
 * time (a dummy hash is verified); failures are limited per login-and-address pair and per client address.
 */
export async function checkCredentials(
  db: DbOrTx,
  login: string,
  password: string,
  ip: string | null,
): Promise<SignInResult> {
  const normalized = login.trim().toLowerCase();
  if (await isPasswordLocked(db, normalized, ip)) return { ok: false, reason: 'locked' };
  const valid = /^[a-z0-9]{1,16}$/.test(normalized) && password.length > 0 && password.length <= 200;
  const [user] = valid ? await db.select().from(users).where(eq(users.login, normalized)).limit(1) : [];
  const matches = await verifyPassword(password, user?.passwordHash ?? (await getDummyHash()));
  if (!user || !user.isActive || !matches) {
    await recordWrongPassword(db, normalized, ip);
    return { ok: false, reason: 'invalid' };
  }
  await db.delete(signInAttempts).where(eq(signInAttempts.key, pairKey(normalized, ip)));
  return {
    ok: true,
    user: {
      id: user.id,
      login: user.login,
      fullName: user.fullName,
      isAdmin: user.isAdmin,
      credentialVersion: user.credentialVersion,
    },
  };
}
