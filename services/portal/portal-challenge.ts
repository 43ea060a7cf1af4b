/**
 * Flood protection of the portal's forms without a CAPTCHA: a proof of work plus a honeypot field.
 *
 * Why these two: a CAPTCHA asks every citizen to solve puzzles (and the usual ones send visitors' data to a foreign
 * service), while a scripted flood is the thing to stop. The proof of work makes each submission cost the sender
 * ~0.2–1 s of hashing on a phone — nothing to a person who just spent minutes on a form, but a cost per request to a
 * script that wants thousands; the honeypot (a field people never see) catches the cheap form-filling bots that do
 * not run the page's script at all. Neither stops a determined attacker alone, so per-address budgets
 * (portal-limits.ts) cap what even a solver can send.
 *
 * A challenge is `<difficulty>.<expiresAt>.<id>.<mac>`, signed with a key derived from AUTH_SECRET: nothing is stored
 * when one is handed out (any instance verifies it), and a solved challenge is consumed once by recording its id in
 * `request_counters` inside the submission's transaction, so a replay of a proof is refused.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { rowsOf } from '@/db/sql';
import { meetsDifficulty, NONCE_PATTERN, proofMessage } from '@/domain/portal/proof-of-work';
import { AppError } from '@/services/errors';
import { portalKey } from './portal-keys';

/**
 * Leading zero bits asked for: 8,192 SHA-256 on average. Measured with crypto.subtle in batches of 256 in headless
 * Chromium on the 2-core build machine: median 0.14 s unthrottled, 0.9 s at 4× CPU throttling (Lighthouse's
 * mid-range phone) for 14 bits, so 13 bits gives ~0.45 s there. The search time is exponentially distributed: one
 * submission in twenty takes about three times the median.
 */
export const PORTAL_POW_DIFFICULTY = 13;
/** Long enough to solve and send; the page asks for a fresh challenge at each submission. */
const PORTAL_CHALLENGE_TTL_SECONDS = 10 * 60;

const PORTAL_CHALLENGE_FAILED_MESSAGE =
  'Không xác nhận được lượt gửi biểu mẫu. Vui lòng tải lại trang và gửi lại; nếu vẫn lỗi, hãy gọi tổng đài của công ty.';

export interface PortalChallenge {
  challenge: string;
  difficulty: number;
  expiresAt: Date;
}

/** What a form sends with a submission: the solved challenge and the honeypot field as the browser filled it. */
export interface PortalProof {
  challenge: string;
  nonce: string;
  /** The honeypot: a person never sees the field, so anything in it is a bot's. */
  website?: string | null | undefined;
}

const CHALLENGE_PATTERN = /^(\d{1,2})\.(\d{10})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

function mac(difficulty: number, expiresAt: number, id: string): Buffer {
  return createHmac('sha256', portalKey('portal-challenge/v1'))
    .update(`challenge:${difficulty}:${expiresAt}:${id}`)
    .digest();
}

export function issuePortalChallenge(
  options: { difficulty?: number; now?: Date; ttlSeconds?: number } = {},
): PortalChallenge {
  const difficulty = options.difficulty ?? PORTAL_POW_DIFFICULTY;
  const now = options.now ?? new Date();
  const expiresAt = Math.floor(now.getTime() / 1000) + (options.ttlSeconds ?? PORTAL_CHALLENGE_TTL_SECONDS);
  const id = randomBytes(16).toString('base64url');
  return {
    challenge: `${difficulty}.${expiresAt}.${id}.${mac(difficulty, expiresAt, id).toString('base64url')}`,
    difficulty,
    expiresAt: new Date(expiresAt * 1000),
  };
}

/**
 * The id of a challenge this server signed that has not expired, or null. Used alone (without a solution) by the
 * upload route as its anti-forgery token: a cross-site page cannot read one, and it must travel in a header.
 */
export function verifyPortalChallenge(challenge: string | null | undefined, now: Date = new Date()): string | null {
  const m = CHALLENGE_PATTERN.exec(challenge ?? '');
  if (!m) return null;
  const difficulty = Number(m[1]);
  const expiresAt = Number(m[2]);
  const given = Buffer.from(m[4]!, 'base64url');
  const expected = mac(difficulty, expiresAt, m[3]!);
  const isGenuine = given.length === expected.length && timingSafeEqual(given, expected);
  return isGenuine && expiresAt * 1000 > now.getTime() ? m[3]! : null;
}

const refuse = () => new AppError('PORTAL_CHALLENGE_FAILED', PORTAL_CHALLENGE_FAILED_MESSAGE);

/**
 * Checks a submission's proof without touching the database: the honeypot is empty, the challenge is genuine and
 * unexpired, asks at least the server's difficulty, and the nonce solves it. Every failure is one answer
 * (PORTAL_CHALLENGE_FAILED): a bot learns nothing about which guard caught it. Returns the challenge's id.
 */
export function checkPortalProof(proof: PortalProof, options: { minDifficulty?: number; now?: Date } = {}): string {
  if ((proof.website ?? '').trim() !== '') throw refuse();
  const id = verifyPortalChallenge(proof.challenge, options.now);
  if (!id || !NONCE_PATTERN.test(proof.nonce)) throw refuse();
  const difficulty = Number(proof.challenge.split('.', 1)[0]);
  if (difficulty < (options.minDifficulty ?? PORTAL_POW_DIFFICULTY)) throw refuse();
  const digest = createHash('sha256').update(proofMessage(proof.challenge, proof.nonce)).digest();
  if (!meetsDifficulty(digest, difficulty)) throw refuse();
  return id;
}

/**
 * Marks a challenge used; false when it was used before. Run inside the submission's transaction: a submission
 * that fails later gives the challenge back with its rollback, and two concurrent uses of one challenge serialize on
 * the key, the second seeing the first's row.
 */
export async function consumePortalChallenge(tx: DbOrTx, id: string): Promise<boolean> {
  const rows = rowsOf<{ key: string }>(
    await tx.execute(sql`
      insert into request_counters (key, count, window_started_at) values (${`portal-pow:${id}`}, 1, now())
      on conflict (key) do nothing returning key`),
  );
  return rows.length === 1;
}

export { refuse as portalChallengeFailed };
