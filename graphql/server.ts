import { execute, GraphQLError, parse, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import type { GraphQLContext } from './context';
import { formatError } from './errors';
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
  const first = result.errors?.[0];
  if (first) {
    // Callers show `message` on the page: an unexpected error's own message can hold a failed query's values.
    const formatted = formatError(first.toJSON(), first);
    throw new GraphQLError(formatted.message, { extensions: formatted.extensions });
  }
  return result.data as T;
}

/**
 * Executes a parsed (typed) document in-process and formats its errors exactly as the HTTP endpoint does, so a
 * server-rendered screen shows the same Vietnamese message and `extensions.code` as a browser request would.
 */
export async function executeDocument(
  ctx: GraphQLContext,
  document: DocumentNode,
  variables?: Record<string, unknown>,
): Promise<{ data: Record<string, unknown> | null; errors: GraphQLFormattedError[] }> {
  const result = await execute({ schema, document, contextValue: ctx, variableValues: variables });
  const errors = (result.errors ?? []).map((e) => formatError(e.toJSON(), e));
  return { data: (result.data as Record<string, unknown> | null | undefined) ?? null, errors };
}
