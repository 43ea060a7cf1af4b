/**
 * The portal's budgets, counted in `request_counters` like the anonymous GraphQL limit
 * (services/limits/anonymous-rate.service.ts): one upsert per count, so every app instance shares them and
 * concurrent requests cannot slip past a check made before the count.
 *
 * - lookups per client address: every bill lookup counts, right or wrong;
 * - proofs per customer code: a lookup reserves one attempt of the code BEFORE the code is looked up and gives it
 *   back when the proof was right, so only wrong proofs stay counted, and a burst of parallel guesses cannot run
 *   more than the budget. The code string is counted whether or not a customer has it: an unknown code locks
 *   exactly like a real one, so the lock tells nothing about which codes exist;
 * - document downloads per client address (PDF rendering is the heaviest thing a visitor can ask for).
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { rowsOf } from '@/db/sql';
import { AppError } from '@/services/errors';

interface PortalBudget {
  operations: number;
  windowSeconds: number;
}

export interface PortalLimits {
  lookupsPerAddress: PortalBudget;
  failedProofsPerCode: PortalBudget;
  downloadsPerAddress: PortalBudget;
}

export const PORTAL_LIMITS: PortalLimits = {
  lookupsPerAddress: { operations: 10, windowSeconds: 10 * 60 },
  failedProofsPerCode: { operations: 5, windowSeconds: 60 * 60 },
  downloadsPerAddress: { operations: 30, windowSeconds: 10 * 60 },
};

/** RATE_LIMITED with the seconds until the budget's window ends, for the Retry-After header. */
export class PortalRateLimitedError extends AppError {
  readonly retryAfterSeconds: number;

  constructor(message: string, retryAfterSeconds: number) {
    super('RATE_LIMITED', message);
    this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
  }
}

const minutes = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));

const portalKeys = {
  lookup: (ip: string | null) => `portal-lookup:${ip ?? 'unknown'}`.slice(0, 128),
  code: (normalizedCode: string) => `portal-code:${normalizedCode}`.slice(0, 128),
  download: (ip: string | null) => `portal-download:${ip ?? 'unknown'}`.slice(0, 128),
};

/** Adds one to `key`'s window (a new window once the old one ended); the count and the seconds left in the window. */
async function countOne(db: DbOrTx, key: string, budget: PortalBudget): Promise<{ count: number; retryAfter: number }> {
  const window = `${budget.windowSeconds} seconds`;
  const [row] = rowsOf<{ count: number; retry_after: number }>(
    await db.execute(sql`
      insert into request_counters as c (key, count, window_started_at)
      values (${key}, 1, now())
      on conflict (key) do update set
        count = case when c.window_started_at < now() - ${window}::interval then 1 else c.count + 1 end,
        window_started_at = case when c.window_started_at < now() - ${window}::interval then now() else c.window_started_at end
      returning count,
        ceil(extract(epoch from (window_started_at + ${window}::interval - now())))::int as retry_after`),
  );
  return { count: Number(row?.count ?? 0), retryAfter: Number(row?.retry_after ?? budget.windowSeconds) };
}

/** Counts one lookup from `ip`; RATE_LIMITED once the address has spent its budget. */
export async function consumeLookup(db: DbOrTx, ip: string | null, limits: PortalLimits = PORTAL_LIMITS) {
  const { count, retryAfter } = await countOne(db, portalKeys.lookup(ip), limits.lookupsPerAddress);
  if (count > limits.lookupsPerAddress.operations) {
    throw new PortalRateLimitedError(
      `Bạn đã tra cứu quá nhiều lần. Vui lòng thử lại sau ${minutes(retryAfter)} phút.`,
      retryAfter,
    );
  }
}

/**
 * Reserves one proof attempt of a customer code; RATE_LIMITED while the code is locked (its budget of wrong proofs
 * spent in this window), for everyone and whether or not the code exists.
 */
export async function reserveProofAttempt(db: DbOrTx, normalizedCode: string, limits: PortalLimits = PORTAL_LIMITS) {
  const { count, retryAfter } = await countOne(db, portalKeys.code(normalizedCode), limits.failedProofsPerCode);
  if (count > limits.failedProofsPerCode.operations) {
    throw new PortalRateLimitedError(
      `Mã khách hàng này đang tạm khóa tra cứu vì xác minh sai quá nhiều lần. Vui lòng thử lại sau ${minutes(retryAfter)} phút hoặc gọi tổng đài của công ty.`,
      retryAfter,
    );
  }
}

/** A right proof gives its reserved attempt back: only wrong proofs count towards the lock. */
export async function releaseProofAttempt(db: DbOrTx, normalizedCode: string): Promise<void> {
  await db.execute(
    sql`update request_counters set count = greatest(count - 1, 0) where key = ${portalKeys.code(normalizedCode)}`,
  );
}

/** Counts one document download from `ip`; RATE_LIMITED once the address has spent its budget. */
export async function consumeDownload(db: DbOrTx, ip: string | null, limits: PortalLimits = PORTAL_LIMITS) {
  const { count, retryAfter } = await countOne(db, portalKeys.download(ip), limits.downloadsPerAddress);
  if (count > limits.downloadsPerAddress.operations) {
    throw new PortalRateLimitedError(
      `Bạn đã tải quá nhiều tệp. Vui lòng thử lại sau ${minutes(retryAfter)} phút.`,
      retryAfter,
    );
  }
}
