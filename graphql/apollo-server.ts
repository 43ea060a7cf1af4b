import { ApolloServer } from '@apollo/server';
import type { GraphQLContext } from './context';
import { formatError } from './errors';
import { documentLimitRules, limitParseOptions } from './limits/document-rules';
import { formatLimitError } from './limits/api-limits';
import { limitsPlugin, type LimitsPluginOptions } from './limits/limits-plugin';
import { schema } from './schema';

/** The HTTP GraphQL server with every limit of the endpoint; the route and the tests build it the same way. */
export function createApolloServer(options: LimitsPluginOptions): ApolloServer<GraphQLContext> {
  return new ApolloServer<GraphQLContext>({
    schema,
    formatError: (formatted, error) => formatLimitError(formatted, error) ?? formatError(formatted, error),
    // Staff tools may introspect; the limits plugin refuses it to anonymous callers in production.
    introspection: true,
    // Staff screens post JSON; CSRF protection stays on for everything else.
    csrfPrevention: true,
    parseOptions: limitParseOptions,
    validationRules: documentLimitRules,
    plugins: [limitsPlugin(options)],
  });
}
