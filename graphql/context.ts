import type { Db } from '@/db/client';
import type { Actor } from '@/services/auth/actor';

/** Per-request context: the database and who is asking (null for anonymous visitors of the portal). */
export interface GraphQLContext {
  db: Db;
  actor: Actor | null;
  /**
   * The portal account of a customer's session (portal-auth.ts), checked to exist; absent or null without one. A
   * separate identity from `actor`: a customer session never makes an actor, so it reaches no staff field, and a
   * staff session never sets this, so it reaches no customer's own field.
   */
  portalAccountId?: number | null;
  /** Client address, for rate limits and audit. */
  ip: string | null;
  /**
   * Re-signs the caller's own session at their new credential version after they changed their password, so
   * that session survives while the others are refused. Absent outside an HTTP request (tests, scripts).
   */
  renewSession?: ((credentialVersion: number) => Promise<void>) | undefined;
}

/** The context of a field whose auth scopes passed: only a signed-in actor satisfies a scope other than `public`. */
export type StaffContext = GraphQLContext & { actor: Actor };

/** The context of a field of the `portalCustomer` scope: a signed-in portal customer. */
export type PortalCustomerContext = GraphQLContext & { portalAccountId: number };
