import { execute, parse, type DocumentNode } from 'graphql';
import type { GraphQLContext } from './context';
import { schema } from './schema';

const cache = new Map<string, DocumentNode>();

/**
 * In-process execution of the same schema, for server components and route handlers,
 * so every read passes the same authorization as the HTTP endpoint.
 */
export async function runQuery<T = Record<string, unknown>>(
  ctx: GraphQLContext,
  query: string,
  variables?: Record<string, unknown>,
): Promise<T> {
  let doc = cache.get(query);
  if (!doc) {
    doc = parse(query);
    cache.set(query, doc);
  }
  const result = await execute({ schema, document: doc, contextValue: ctx, variableValues: variables });
  if (result.errors?.length) throw result.errors[0];
  return result.data as T;
}
