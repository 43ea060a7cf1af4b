import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { signInAttempts, users } from '@/db/schema/users';
import { getDummyHash, verifyPassword } from './password';

/** Failures allowed in a window before the key is locked for LOCK_MINUTES. */
export const SIGN_IN_LIMITS = { account: 5, address: 20, windowMinutes: 15, lockMinutes: 15 } as const;

export type SignInResult =
  | { ok: true; user: { id: number; login: string; fullName: string; isAdmin: boolean } }
  | { ok: false; reason: 'invalid' | 'locked' };

async function isLocked(db: Db, key: string): Promise<boolean> {
  const [row] = await db.select().from(signInAttempts).where(eq(signInAttempts.key, key)).limit(1);
  return !!row?.lockedUntil && row.lockedUntil.getTime() > Date.now();
}

/** Counts a failure in a sliding window; reaching the limit locks the key. One statement, so concurrent failures all count. */
async function recordFailure(db: Db, key: string, limit: number): Promise<void> {
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

/**
 * Checks a login and password. Unknown login and wrong password give the same answer and take the same
 * time (a dummy hash is verified); failures are limited per account and per client address.
 */
export async function checkCredentials(db: Db, login: string, password: string, ip: string | null): Promise<SignInResult> {
  const normalized = login.trim().toLowerCase();
  const accountKey = `account:${normalized}`;
  const addressKey = ip ? `address:${ip}` : null;
  if ((await isLocked(db, accountKey)) || (addressKey && (await isLocked(db, addressKey)))) {
    return { ok: false, reason: 'locked' };
  }
  const valid = /^[a-z0-9]{1,16}$/.test(normalized) && password.length > 0 && password.length <= 200;
  const [user] = valid ? await db.select().from(users).where(eq(users.login, normalized)).limit(1) : [];
  const matches = await verifyPassword(password, user?.passwordHash ?? (await getDummyHash()));
  if (!user || !user.isActive || !matches) {
    await recordFailure(db, accountKey, SIGN_IN_LIMITS.account);
    if (addressKey) await recordFailure(db, addressKey, SIGN_IN_LIMITS.address);
    return { ok: false, reason: 'invalid' };
  }
  await db.delete(signInAttempts).where(eq(signInAttempts.key, accountKey));
  return { ok: true, user: { id: user.id, login: user.login, fullName: user.fullName, isAdmin: user.isAdmin } };
}
