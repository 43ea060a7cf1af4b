import type { Db } from '@/db/client';
import type { Actor } from '@/services/auth/actor';

/** Per-request context: the database and who is asking (null for anonymous visitors of the portal). */
export interface GraphQLContext {
  db: Db;
  actor: Actor | null;
  /** Client address, for rate limits and audit. */
  ip: string | null;
}
