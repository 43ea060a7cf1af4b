'use client';

/** A GraphQL error as the endpoint formats it: Vietnamese message plus a stable code. */
export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly field?: string,
    readonly issues?: { path: string; message: string }[],
  ) {
    super(message);
  }
}

/**
 * An error as form errors: a GraphQLRequestError's issues and `field` under their input (last path segment),
 * anything else under `_` (the line above the buttons), `fallback` when the error has no message.
 */
export function formErrorsOf(e: unknown, fallback: string): Record<string, string> {
  if (e instanceof GraphQLRequestError) {
    const out: Record<string, string> = {};
    for (const i of e.issues ?? []) out[i.path.split('.').pop() ?? '_'] = i.message;
    if (e.field) out[e.field] = e.message;
    if (Object.keys(out).length === 0) out._ = e.message;
    return out;
  }
  return { _: e instanceof Error && e.message ? e.message : fallback };
}

/** A GraphQL error as the API sends it (`extensions` from AppError in services/errors.ts). */
interface WireError {
  message: string;
  extensions?: { code?: string; field?: string; issues?: { path: string; message: string }[] };
}

/** Posts a query to /api/graphql with the session cookie; throws the first error as GraphQLRequestError. */
export async function gqlFetch<T = unknown>(query: string, variables?: Record<string, unknown>): Promise<T> {
  let res: Response;
  try {
    res = await fetch('/api/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new GraphQLRequestError('Không kết nối được máy chủ. Kiểm tra mạng và thử lại.', 'NETWORK');
  }
  const body = (await res.json().catch(() => null)) as { data?: T; errors?: WireError[] } | null;
  if (!body) throw new GraphQLRequestError(`Máy chủ trả lời lỗi ${res.status}.`, 'HTTP_' + res.status);
  const e = body.errors?.[0];
  if (e) throw new GraphQLRequestError(e.message, e.extensions?.code ?? 'ERROR', e.extensions?.field, e.extensions?.issues);
  return body.data as T;
}
