import 'server-only';
import { headers } from 'next/headers';
import { cache } from 'react';
import { auth, renewSession } from '@/auth';
import type { GraphQLContext } from '@/graphql/context';
import { currentPortalAccountId } from '@/portal-auth';
import { actorForSession, type SessionClaims } from '@/services/auth/session';
import { getAppDatabase } from './app-database';
import { clientAddress } from './client-address';

/**
 * The GraphQL context of the current request: database plus the signed-in staff member, if any, and the portal
 * account of a customer's session, if any (another cookie, another next-auth instance: neither stands for the
 * other). Built once per server render (React `cache`), so the layout, the page and the in-process queries share
 * one session read and one actor load.
 */
export const getRequestContext: () => Promise<GraphQLContext> = cache(buildRequestContext);

async function buildRequestContext(): Promise<GraphQLContext> {
  const { db } = await getAppDatabase();
  const session = await auth();
  const actor = await actorForSession(db, session as SessionClaims | null);
  const portalAccountId = await currentPortalAccountId(db);
  const h = await headers();
  return {
    db,
    actor,
    portalAccountId,
    ip: clientAddress(h),
    renewSession: actor ? (credentialVersion) => renewSession(actor.userId, credentialVersion) : undefined,
  };
}
