import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { rowsOf } from '@/db/sql';
import { AppError } from '@/services/errors';

/** Anonymous operations one client address may run per window; staff callers are not counted. */
export const ANONYMOUS_RATE_LIMIT = { operations: 60, windowSeconds: 60 } as const;

export interface RateLimitOptions {
  operations: number;
  windowSeconds: number;
}

/**
 * Counts one anonymous operation for `ip` and refuses with RATE_LIMITED once the window's budget is spent.
 * One upsert statement, so concurrent requests on several instances all count; a request without a known
 * address shares one bucket rather than escaping the limit.
 */
export async function consumeAnonymousOperation(
  db: Db,
  ip: string | null,
  limits: RateLimitOptions = ANONYMOUS_RATE_LIMIT,
): Promise<void> {
  const key = `anonymous:${ip ?? 'unknown'}`.slice(0, 128);
  const window = `${limits.windowSeconds} seconds`;
  const [row] = rowsOf<{ count: number }>(
    await db.execute(sql`
      insert into request_counters as c (key, count, window_started_at)
      values (${key}, 1, now())
      on conflict (key) do update set
        count = case when c.window_started_at < now() - ${window}::interval then 1 else c.count + 1 end,
        window_started_at = case when c.window_started_at < now() - ${window}::interval then now() else c.window_started_at end
      returning count`),
  );
  if (Number(row?.count ?? 0) > limits.operations) {
    throw new AppError('RATE_LIMITED', 'Bạn đã gửi quá nhiều yêu cầu. Vui lòng thử lại sau ít phút.');
  }
}
