import 'server-only';
import { headers } from 'next/headers';
import { auth, clientAddress } from '@/auth';
import type { GraphQLContext } from '@/graphql/context';
import { loadActor } from '@/services/auth/actor';
import { getAppDatabase } from './app-database';

/** Builds the GraphQL context of the current request: database plus the signed-in staff member, if any. */
export async function getRequestContext(): Promise<GraphQLContext> {
  const { db } = await getAppDatabase();
  const session = await auth();
  const uid = (session as unknown as { uid?: number } | null)?.uid;
  const actor = typeof uid === 'number' ? await loadActor(db, uid) : null;
  const h = await headers();
  return { db, actor, ip: clientAddress(h) };
}
