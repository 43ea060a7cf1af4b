import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, NoSchemaIntrospectionCustomRule, validate } from 'graphql';
import type { GraphQLContext } from '@/graphql/context';
import {
  ANONYMOUS_RATE_LIMIT,
  consumeAnonymousOperation,
  type RateLimitOptions,
} from '@/services/limits/anonymous-rate.service';
import { AppError } from '@/services/errors';

export interface LimitsPluginOptions {
  /** Production hides the schema from anonymous callers; development keeps introspection for tools. */
  production: boolean;
  /** Anonymous operations per address and window (the service's default when absent). */
  anonymousRate?: RateLimitOptions;
}

const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/**
 * Per-request limits that depend on who is asking, which validation rules cannot see: the anonymous rate
 * limit, and — in production, for anonymous callers — no introspection and no "did you mean" hints that
 * would spell out the schema field by field (the committed schema.graphql is the published contract).
 */
export function limitsPlugin(options: LimitsPluginOptions): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart({ contextValue }) {
      const anonymous = !contextValue.actor;
      const hideSchema = anonymous && options.production;
      return {
        async didResolveOperation({ document, schema }) {
          if (hideSchema && validate(schema, document, [NoSchemaIntrospectionCustomRule]).length > 0) {
            throw new GraphQLError('Không hỗ trợ truy vấn cấu trúc API; xem tài liệu schema.graphql đã công bố.', {
              extensions: { code: 'INTROSPECTION_DISABLED', http: { status: 400 } },
            });
          }
          if (!anonymous) return;
          try {
            await consumeAnonymousOperation(contextValue.db, contextValue.ip, options.anonymousRate);
          } catch (error) {
            if (error instanceof AppError && error.code === 'RATE_LIMITED') {
              const retryAfter = String((options.anonymousRate ?? ANONYMOUS_RATE_LIMIT).windowSeconds);
              throw new GraphQLError(error.message, {
                extensions: {
                  code: error.code,
                  http: { status: 429, headers: new HeaderMap([['retry-after', retryAfter]]) },
                },
              });
            }
            throw error;
          }
        },
        async willSendResponse({ response }) {
          if (!hideSchema || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (!result.errors) return;
          result.errors = result.errors.map((e) => ({ ...e, message: e.message.replace(SUGGESTION, '') }));
        },
      };
    },
  };
}
