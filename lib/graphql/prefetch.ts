import 'server-only';
import { createRequest, formatDocument, type AnyVariables, type SSRData, type TypedDocumentNode } from '@urql/core';
import type { GraphQLContext } from '@/graphql/context';
import { executeDocument } from '@/graphql/server';
import type { ApiError } from './errors';

export interface Prefetched<Data> {
  /** The result, as plain objects a Client Component may receive; `null` when the query failed. */
  data: Data | null;
  error: ApiError | null;
  /** The same result for the client cache: pass it to the screen, which hands it to `useHydrate`. */
  ssr: SSRData;
}

/**
 * Runs a typed document in-process with the request's own context (same actor, same authorization as the
 * HTTP endpoint) and packs the result under the key the client cache will look it up by.
 */
export async function prefetch<Data, Variables extends AnyVariables>(
  ctx: GraphQLContext,
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
): Promise<Prefetched<Data>> {
  const { key } = createRequest(document, variables);
  // The client's document cache adds __typename to every selection to know what a mutation invalidates; the
  // server runs the same formatted document so the hydrated result carries them too.
  const { data, errors } = await executeDocument(
    ctx,
    formatDocument(document),
    variables as Record<string, unknown> | undefined,
  );
  const json = data === null ? undefined : JSON.stringify(data);
  const first = errors[0];
  return {
    // graphql-js builds null-prototype objects, which React will not pass to a Client Component.
    data: json === undefined ? null : (JSON.parse(json) as Data),
    error: first
      ? { message: first.message, code: typeof first.extensions?.code === 'string' ? first.extensions.code : 'ERROR' }
      : null,
    ssr: {
      [key]: {
        data: json,
        ...(first ? { error: { graphQLErrors: errors.map((e) => ({ ...e })) } } : {}),
        hasNext: false,
      },
    },
  };
}
