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
 * - document downloads per client address (PDF rendering is the heaviest thing a visitor can ask for);
 * - request submissions (registrations and service requests) per client address per hour, counted before anything
 *   is checked, so a flood of refused forms spends the budget too. Generous enough for a family or a shop behind
 *   one carrier-grade NAT address, as Vietnamese mobile networks give out;
 * - upload requests per client address (each up to 5 files of 10 MB);
 * - tracking-page lookups per client address, and wrong proofs per tracking code (reserved and given back as for
 *   customer codes, so an unknown tracking code locks exactly like a real one).
 */
import { createHash } from 'node:crypto';
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
  submissionsPerAddress: PortalBudget;
  uploadsPerAddress: PortalBudget;
  statusLookupsPerAddress: PortalBudget;
  failedProofsPerTrackingCode: PortalBudget;
  signInLinksPerAddress: PortalBudget;
  signInLinksPerEmail: PortalBudget;
}

export const PORTAL_LIMITS: PortalLimits = {
  lookupsPerAddress: { operations: 10, windowSeconds: 10 * 60 },
  failedProofsPerCode: { operations: 5, windowSeconds: 60 * 60 },
  downloadsPerAddress: { operations: 30, windowSeconds: 10 * 60 },
  submissionsPerAddress: { operations: 10, windowSeconds: 60 * 60 },
  uploadsPerAddress: { operations: 20, windowSeconds: 60 * 60 },
  statusLookupsPerAddress: { operations: 20, windowSeconds: 10 * 60 },
  failedProofsPerTrackingCode: { operations: 5, windowSeconds: 60 * 60 },
  signInLinksPerAddress: { operations: 10, windowSeconds: 60 * 60 },
  signInLinksPerEmail: { operations: 5, windowSeconds: 60 * 60 },
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
  submission: (ip: string | null) => `portal-submit:${ip ?? 'unknown'}`.slice(0, 128),
  upload: (ip: string | null) => `portal-upload-ip:${ip ?? 'unknown'}`.slice(0, 128),
  status: (ip: string | null) => `portal-status:${ip ?? 'unknown'}`.slice(0, 128),
  tracking: (normalizedCode: string) => `portal-tracking:${normalizedCode}`.slice(0, 128),
  signInAddress: (ip: string | null) => `portal-signin-ip:${ip ?? 'unknown'}`.slice(0, 128),
  // Hashed: an address can be longer than a key, and the counters table need not hold customers' addresses.
  signInEmail: (email: string) => `portal-signin-email:${createHash('sha256').update(email).digest('hex')}`,
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

/** Counts one submission (registration or service request) from `ip`; RATE_LIMITED past the hourly budget. */
export async function consumeSubmission(db: DbOrTx, ip: string | null, limits: PortalLimits = PORTAL_LIMITS) {
  const { count, retryAfter } = await countOne(db, portalKeys.submission(ip), limits.submissionsPerAddress);
  if (count > limits.submissionsPerAddress.operations) {
    throw new PortalRateLimitedError(
      `Bạn đã gửi quá nhiều yêu cầu. Vui lòng thử lại sau ${minutes(retryAfter)} phút hoặc gọi tổng đài của công ty.`,
      retryAfter,
    );
  }
}

/** Counts one upload request from `ip`; RATE_LIMITED past the hourly budget. */
export async function consumeUpload(db: DbOrTx, ip: string | null, limits: PortalLimits = PORTAL_LIMITS) {
  const { count, retryAfter } = await countOne(db, portalKeys.upload(ip), limits.uploadsPerAddress);
  if (count > limits.uploadsPerAddress.operations) {
    throw new PortalRateLimitedError(
      `Bạn đã tải lên quá nhiều tệp. Vui lòng thử lại sau ${minutes(retryAfter)} phút.`,
      retryAfter,
    );
  }
}

/** Counts one tracking-page lookup from `ip`; RATE_LIMITED once the address has spent its budget. */
export async function consumeStatusLookup(db: DbOrTx, ip: string | null, limits: PortalLimits = PORTAL_LIMITS) {
  const { count, retryAfter } = await countOne(db, portalKeys.status(ip), limits.statusLookupsPerAddress);
  if (count > limits.statusLookupsPerAddress.operations) {
    throw new PortalRateLimitedError(
      `Bạn đã tra cứu quá nhiều lần. Vui lòng thử lại sau ${minutes(retryAfter)} phút.`,
      retryAfter,
    );
  }
}

/** Reserves one proof attempt of a tracking code, as reserveProofAttempt does for customer codes. */
export async function reserveTrackingAttempt(db: DbOrTx, code: string, limits: PortalLimits = PORTAL_LIMITS) {
  const { count, retryAfter } = await countOne(db, portalKeys.tracking(code), limits.failedProofsPerTrackingCode);
  if (count > limits.failedProofsPerTrackingCode.operations) {
    throw new PortalRateLimitedError(
      `Mã theo dõi này đang tạm khóa tra cứu vì xác minh sai quá nhiều lần. Vui lòng thử lại sau ${minutes(retryAfter)} phút hoặc gọi tổng đài của công ty.`,
      retryAfter,
    );
  }
}

/** A right proof gives its reserved attempt back. */
export async function releaseTrackingAttempt(db: DbOrTx, code: string): Promise<void> {
  await db.execute(
    sql`update request_counters set count = greatest(count - 1, 0) where key = ${portalKeys.tracking(code)}`,
  );
}

/**
 * Counts one sign-in link asked for from `ip` to `email` (both budgets count every request, whether or not the
 * address has an account, so neither the answer nor the lock tells which addresses have one); RATE_LIMITED past
 * either. The per-email budget keeps a stranger from filling someone's mailbox from many addresses.
 */
export async function consumeSignInLink(
  db: DbOrTx,
  ip: string | null,
  email: string,
  limits: PortalLimits = PORTAL_LIMITS,
) {
  const byAddress = await countOne(db, portalKeys.signInAddress(ip), limits.signInLinksPerAddress);
  const byEmail = await countOne(db, portalKeys.signInEmail(email), limits.signInLinksPerEmail);
  const over = [
    byAddress.count > limits.signInLinksPerAddress.operations ? byAddress.retryAfter : 0,
    byEmail.count > limits.signInLinksPerEmail.operations ? byEmail.retryAfter : 0,
  ];
  const retryAfter = Math.max(...over);
  if (retryAfter > 0) {
    throw new PortalRateLimitedError(
      `Đã gửi quá nhiều liên kết đăng nhập. Vui lòng thử lại sau ${minutes(retryAfter)} phút.`,
      retryAfter,
    );
  }
}

/**
 * Deletes single-use marks that can no longer matter: used challenges after their challenge expired (10 minutes),
 * claimed upload tokens after their token expired (2 hours), idempotency keys after a day (a later resend is
 * answered from the work order's own unique key). Submissions call it now and then; it is idempotent and cheap.
 */
export async function sweepUsedMarks(db: DbOrTx): Promise<void> {
  await db.execute(sql`delete from request_counters where
    (key like 'portal-pow:%' and window_started_at < now() - interval '20 minutes')
    or (key like 'portal-upload:%' and window_started_at < now() - interval '3 hours')
    or (key like 'portal-idem:%' and window_started_at < now() - interval '1 day')`);
}
