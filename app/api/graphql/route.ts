import { ApolloServer } from '@apollo/server';
import { startServerAndCreateNextHandler } from '@as-integrations/next';
import type { NextRequest } from 'next/server';
import { getRequestContext } from '@/app/server/request-context';
import type { GraphQLContext } from '@/graphql/context';
import { formatError } from '@/graphql/errors';
import { schema } from '@/graphql/schema';

const server = new ApolloServer<GraphQLContext>({
  schema,
  formatError,
  introspection: true,
  // Staff screens post JSON; CSRF protection stays on for everything else.
  csrfPrevention: true,
});

const handler = startServerAndCreateNextHandler<NextRequest, GraphQLContext>(server, {
  context: async () => getRequestContext(),
});

export async function GET(request: NextRequest) {
  return handler(request);
}

export async function POST(request: NextRequest) {
  return handler(request);
}
