import SchemaBuilder from '@pothos/core';
import DrizzlePlugin from '@pothos/plugin-drizzle';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { GraphQLError } from 'graphql';
import { relations } from '@/db/relations';
import type { Right } from '@/domain/auth/permissions';
import type { PermissionGroup } from '@/domain/auth/permissions';
import { canOnBook, hasRight } from '@/services/auth/actor';
import type { GraphQLContext } from './context';

export interface PermissionScope {
  group: PermissionGroup;
  object: string;
  right: Right;
}

export interface BookScope {
  bookId: number;
  object: string;
  right: Right;
}

/*
 * Plugin order: scope-auth first so its wrapper is the outermost around every resolver (including the
 * drizzle plugin's relation resolvers) and refuses before any query is planned. Note that argument
 * validation (the validation plugin's arg mappers) runs before resolver wrappers: a caller without rights
 * who sends malformed input gets VALIDATION_FAILED — never data, and nothing is written.
 * Errors are thrown as AppError / GraphQLError with a stable `extensions.code` (see graphql/errors.ts);
 * one thrown-error contract serves the staff UI, the portal and partners alike.
 */
export const builder = new SchemaBuilder<{
  Context: GraphQLContext;
  DrizzleRelations: typeof relations;
  AuthScopes: {
    public: boolean;
    staff: boolean;
    admin: boolean;
    permission: PermissionScope;
    book: BookScope;
  };
  Scalars: {
    Date: { Input: string; Output: string };
    DateTime: { Input: Date; Output: Date | string };
    Period: { Input: string; Output: string };
    JSON: { Input: unknown; Output: unknown };
  };
  DefaultFieldNullability: false;
}>({
  plugins: [ScopeAuthPlugin, ValidationPlugin, DrizzlePlugin],
  defaultFieldNullability: false,
  drizzle: { client: (ctx: GraphQLContext) => ctx.db, getTableConfig, relations },
  scopeAuth: {
    authScopes: (ctx) => ({
      public: true,
      staff: ctx.actor !== null,
      admin: ctx.actor?.isAdmin ?? false,
      permission: (s) => (ctx.actor ? hasRight(ctx.actor, s.group, s.object, s.right) : false),
      book: (s) => (ctx.actor ? canOnBook(ctx.actor, s.bookId, s.object, s.right) : false),
    }),
    unauthorizedError: (_parent, ctx) =>
      ctx.actor
        ? new GraphQLError('Bạn không có quyền thực hiện thao tác này.', { extensions: { code: 'FORBIDDEN' } })
        : new GraphQLError('Vui lòng đăng nhập.', { extensions: { code: 'UNAUTHENTICATED' } }),
  },
  validation: {
    validationError: (result) => {
      const issues = result.issues.map((i) => ({
        path: (i.path ?? []).map((p) => (typeof p === 'object' ? String(p.key) : String(p))).join('.'),
        message: i.message,
      }));
      return new GraphQLError(issues.map((i) => i.message).join('; '), {
        extensions: { code: 'VALIDATION_FAILED', issues },
      });
    },
  },
});

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
builder.scalarType('Date', {
  description: 'Calendar date YYYY-MM-DD (business dates are in Asia/Ho_Chi_Minh).',
  serialize: (v) => String(v),
  parseValue: (v) => {
    if (typeof v !== 'string' || !DATE_RE.test(v) || Number.isNaN(Date.parse(v)))
      throw new GraphQLError('Ngày không hợp lệ (định dạng YYYY-MM-DD).', { extensions: { code: 'INVALID_DATE' } });
    return v;
  },
});
builder.scalarType('DateTime', {
  serialize: (v) => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString()),
  parseValue: (v) => new Date(String(v)),
});
builder.scalarType('Period', {
  description: 'Billing period YYYY-MM.',
  serialize: (v) => String(v),
  parseValue: (v) => {
    if (typeof v !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])$/.test(v))
      throw new GraphQLError('Kỳ không hợp lệ (định dạng YYYY-MM).', { extensions: { code: 'INVALID_PERIOD' } });
    return v;
  },
});
builder.scalarType('JSON', { serialize: (v) => v, parseValue: (v) => v });

builder.queryType({});
builder.mutationType({});
