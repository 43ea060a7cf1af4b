import { startServerAndCreateNextHandler } from '@as-integrations/next';
import { NextRequest } from 'next/server';
import { BodyTooLargeError, readBodyWithin } from '@/app/api/_lib/limited-body';
import { getRequestContext } from '@/app/server/request-context';
import { serverEnv } from '@/config/env';
import type { GraphQLContext } from '@/graphql/context';
import { createApolloServer } from '@/graphql/apollo-server';
import { API_LIMITS, PAYLOAD_TOO_LARGE_MESSAGE } from '@/graphql/limits/api-limits';

const server = createApolloServer({ production: serverEnv().NODE_ENV === 'production' });

const handler = startServerAndCreateNextHandler<NextRequest, GraphQLContext>(server, {
  context: async () => getRequestContext(),
});

export async function GET(request: NextRequest) {
  return queryStringTooLarge(request) ?? handler(request);
}

export async function POST(request: NextRequest) {
  const bounded = await boundedRequest(request);
  if (bounded instanceof Response) return bounded;
  try {
    return await handler(bounded);
  } catch (error) {
    // The integration parses the JSON body itself and lets a SyntaxError escape (a bare 500 otherwise).
    if (error instanceof SyntaxError)
      return graphqlRefusal(400, 'BAD_REQUEST', 'Dữ liệu gửi lên không phải JSON hợp lệ.');
    throw error;
  }
}

/** A refusal made before GraphQL runs, shaped like a GraphQL error so every client reads it the same way. */
function graphqlRefusal(status: number, code: string, message: string): Response {
  return Response.json(
    { errors: [{ message, extensions: { code } }] },
    { status, headers: { 'cache-control': 'no-store' } },
  );
}

const payloadTooLarge = () => graphqlRefusal(413, 'PAYLOAD_TOO_LARGE', PAYLOAD_TOO_LARGE_MESSAGE);

/**
 * The request with its body read into memory, at most API_LIMITS.maxBodyBytes of it, or the 413 to send.
 * Bytes are counted on the stream (a chunked or lying body included) before any JSON parsing.
 */
async function boundedRequest(request: NextRequest): Promise<NextRequest | Response> {
  let body: Uint8Array;
  try {
    body = await readBodyWithin(request, API_LIMITS.maxBodyBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return payloadTooLarge();
    throw error;
  }
  return new NextRequest(request.url, { method: request.method, headers: request.headers, body: body as BodyInit });
}

/** GET carries the document in the query string: the same byte limit applies to it. */
function queryStringTooLarge(request: NextRequest): Response | null {
  const search = new URL(request.url).search;
  return Buffer.byteLength(search, 'utf8') > API_LIMITS.maxBodyBytes ? payloadTooLarge() : null;
}
