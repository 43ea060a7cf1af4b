/**
 * The next-auth adapter of the customers' portal instance (portal-auth.ts): only what the email provider needs with
 * JWT sessions. Users are rows of portal_accounts (the id as a string, as next-auth wants it); there are no linked
 * OAuth accounts and no database sessions. Verification tokens arrive already hashed by next-auth (SHA-256 of the
 * token and the secret), so the table never holds a usable link.
 *
 * Accounts are created by next-auth only when a sign-in link is used, so an address that never proved it receives
 * mail has no account; asking for a link answers the same either way.
 */
import { and, eq, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { portalAccounts, portalVerificationTokens } from '@/db/schema/portal';

// next-auth's AdapterUser and VerificationToken, written out: services/ does not import next-auth, and
// portal-auth.ts passes this adapter where next-auth's Adapter type is checked against these shapes.
interface PortalAuthUser {
  id: string;
  email: string;
  emailVerified: Date | null;
  name?: string | null;
}

interface PortalVerificationToken {
  identifier: string;
  token: string;
  expires: Date;
}

export interface PortalAuthAdapter {
  createUser(user: PortalAuthUser): Promise<PortalAuthUser>;
  getUser(id: string): Promise<PortalAuthUser | null>;
  getUserByEmail(email: string): Promise<PortalAuthUser | null>;
  getUserByAccount(account: { provider: string; providerAccountId: string }): null;
  updateUser(user: Partial<PortalAuthUser> & { id: string }): Promise<PortalAuthUser>;
  linkAccount(account: unknown): undefined;
  createVerificationToken(token: PortalVerificationToken): Promise<PortalVerificationToken>;
  useVerificationToken(params: { identifier: string; token: string }): Promise<PortalVerificationToken | null>;
}

type AccountRow = typeof portalAccounts.$inferSelect;

const toUser = (row: AccountRow): PortalAuthUser => ({
  id: String(row.id),
  email: row.email,
  emailVerified: row.emailVerifiedAt,
  name: row.name,
});

/** next-auth hands ids back as strings; anything that is not one of ours finds nothing. */
const accountId = (id: string): number | null => (/^[1-9]\d{0,9}$/.test(id) ? Number(id) : null);

export const normalizePortalEmail = (email: string) => email.normalize('NFKC').trim().toLowerCase();

export function portalAuthAdapter(db: DbOrTx): PortalAuthAdapter {
  return {
    async createUser(user) {
      const email = normalizePortalEmail(user.email);
      // Two links of one address used at once both reach here; the second finds the first's row.
      const [row] = await db
        .insert(portalAccounts)
        .values({ email, name: user.name ?? null, emailVerifiedAt: user.emailVerified, lastSignInAt: sql`now()` })
        .onConflictDoUpdate({
          target: portalAccounts.email,
          set: { emailVerifiedAt: user.emailVerified, lastSignInAt: sql`now()` },
        })
        .returning();
      return toUser(row!);
    },

    async getUser(id) {
      const key = accountId(id);
      if (key === null) return null;
      const [row] = await db.select().from(portalAccounts).where(eq(portalAccounts.id, key)).limit(1);
      return row ? toUser(row) : null;
    },

    async getUserByEmail(email) {
      const [row] = await db
        .select()
        .from(portalAccounts)
        .where(eq(portalAccounts.email, normalizePortalEmail(email)))
        .limit(1);
      return row ? toUser(row) : null;
    },

    // Email sign-in links no provider account; nothing is ever found or stored.
    getUserByAccount: () => null,
    linkAccount: () => undefined,

    /** next-auth calls this with `emailVerified` after a link was used: that is a sign-in. */
    async updateUser(user) {
      const key = accountId(user.id);
      if (key === null) throw new Error(`portal account id ${user.id} is not ours`);
      const [row] = await db
        .update(portalAccounts)
        .set({
          ...(user.emailVerified !== undefined ? { emailVerifiedAt: user.emailVerified } : {}),
          ...(user.name !== undefined ? { name: user.name } : {}),
          lastSignInAt: sql`now()`,
        })
        .where(eq(portalAccounts.id, key))
        .returning();
      if (!row) throw new Error(`portal account ${key} is gone`);
      return toUser(row);
    },

    async createVerificationToken(token) {
      // Links nobody used would otherwise stay forever; expired ones are swept whenever a new one is made.
      await db.delete(portalVerificationTokens).where(lt(portalVerificationTokens.expires, sql`now()`));
      await db.insert(portalVerificationTokens).values({
        identifier: normalizePortalEmail(token.identifier),
        token: token.token,
        expires: token.expires,
      });
      return token;
    },

    /**
     * Deletes and returns the token in one statement: of two requests with the same link, exactly one gets it.
     * The identifier is optional in next-auth's own call (a link without `email`), the hashed token alone is unique.
     */
    async useVerificationToken({ identifier, token }) {
      const [row] = await db
        .delete(portalVerificationTokens)
        .where(
          identifier
            ? and(
                eq(portalVerificationTokens.token, token),
                eq(portalVerificationTokens.identifier, normalizePortalEmail(identifier)),
              )
            : eq(portalVerificationTokens.token, token),
        )
        .returning();
      return row
        ? ({ identifier: row.identifier, token: row.token, expires: row.expires } satisfies PortalVerificationToken)
        : null;
    },
  };
}
