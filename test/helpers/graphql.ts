import { execute, parse, type GraphQLFormattedError } from 'graphql';
import type { Db } from '@/db/client';
import type { GraphQLContext } from '@/graphql/context';
import { formatError } from '@/graphql/errors';
import { schema } from '@/graphql/schema';
import type { Actor } from '@/services/auth/actor';

export interface GqlResult<T> {
  data: T | null;
  errors: GraphQLFormattedError[];
  /** extensions.code of the first error, for concise assertions. */
  code: string | undefined;
}

/** Executes a document against the real schema as `actor`, formatting errors the way the endpoint does. */
export async function gql<T = Record<string, any>>(
  db: Db,
  actor: Actor | null,
  query: string,
  variables?: Record<string, unknown>,
  /** Overrides of the request context: another client address, a session renewal hook. */
  context: Partial<GraphQLContext> = {},
): Promise<GqlResult<T>> {
  const contextValue: GraphQLContext = { db, actor, ip: '127.0.0.1', ...context };
  const result = await execute({
    schema,
    document: parse(query),
    contextValue,
    variableValues: variables,
  });
  const errors = (result.errors ?? []).map((e) => formatError(e.toJSON(), e));
  return { data: (result.data as T) ?? null, errors, code: errors[0]?.extensions?.code as string | undefined };
}
