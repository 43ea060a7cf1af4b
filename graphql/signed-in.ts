import { unauthenticated } from '@/services/errors';
import type { Actor } from '@/services/auth/actor';
import type { GraphQLContext } from './context';

/**
 * The actor of a field whose auth scopes are computed from its arguments. `t.withAuth` types its scopes'
 * arguments loosely, so such fields keep `authScopes` in their options and take the actor here: the scopes
 * already refused anonymous callers, and this makes that guarantee a checked one instead of a `!`.
 */
export function signedIn(ctx: GraphQLContext): Actor {
  if (!ctx.actor) throw unauthenticated();
  return ctx.actor;
}
