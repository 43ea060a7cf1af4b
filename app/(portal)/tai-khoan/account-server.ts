import 'server-only';
import { headers } from 'next/headers';
import { cache } from 'react';
import { getAppDatabase } from '@/app/server/app-database';
import { clientAddress } from '@/app/server/client-address';
import type { GraphQLContext } from '@/graphql/context';
import { currentPortalAccountId } from '@/portal-auth';

/**
 * The context of the signed-in customer's pages and actions: the portal session's account and never a staff actor,
 * so a staff member signed in on the same browser acts here only as the customer (if at all). Once per request.
 */
export const getPortalAccountContext: () => Promise<GraphQLContext> = cache(async () => {
  const { db } = await getAppDatabase();
  return {
    db,
    actor: null,
    portalAccountId: await currentPortalAccountId(db),
    ip: clientAddress(await headers()),
  };
});
