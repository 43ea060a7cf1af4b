import SchemaBuilder from '@pothos/core';
import DrizzlePlugin from '@pothos/plugin-drizzle';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { GraphQLError } from 'graphql';
import { relations } from '@/db/relations';
import type { Right } from '@/domain/auth/permissions';
import type { PermissionGroup } from '@/domain/auth/permissions';
import { MONEY_PROBLEM_MESSAGES, moneyFromStored, parseMoneyInput } from '@/domain/money/money-value';
import { isCalendarDate, isCalendarPeriod, parseInstant } from '@/domain/time/calendar';
import { canOnBook, hasRight } from '@/services/auth/actor';
import type { GraphQLContext, PortalCustomerContext, StaffContext } from './context';
import NfcArgsPlugin from './nfc-plugin';

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
 * who sends malformed input gets VALIDATION_FAILED — never data, and nothing is written. The NFC plugin's arg
 * mapper runs before the validation plugin's, so lengths and patterns are checked on composed text.
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
    /** A customer signed in on the portal (their own account's fields); never satisfied by a staff session. */
    portalCustomer: boolean;
  };
  // Every staff scope needs a signed-in actor: a field declared with t.withAuth(scopes) gets it non-null.
  AuthContexts: {
    portalCustomer: PortalCustomerContext;
    staff: StaffContext;
    admin: StaffContext;
    permission: StaffContext;
    book: StaffContext;
  };
  Scalars: {
    Date: { Input: string; Output: string };
    DateTime: { Input: Date; Output: Date | string };
    Period: { Input: string; Output: string };
    Money: { Input: number; Output: number | bigint | string };
    JSON: { Input: unknown; Output: unknown };
  };
  DefaultFieldNullability: false;
}>({
  plugins: [ScopeAuthPlugin, ValidationPlugin, DrizzlePlugin, NfcArgsPlugin],
  defaultFieldNullability: false,
  drizzle: { client: (ctx: GraphQLContext) => ctx.db, getTableConfig, relations },
  scopeAuth: {
    authScopes: (ctx) => ({
      public: true,
      staff: ctx.actor !== null,
      admin: ctx.actor?.isAdmin ?? false,
      permission: (s) => (ctx.actor ? hasRight(ctx.actor, s.group, s.object, s.right) : false),
      book: (s) => (ctx.actor ? canOnBook(ctx.actor, s.bookId, s.object, s.right) : false),
      portalCustomer: typeof ctx.portalAccountId === 'number',
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

const invalid = (code: string, message: string) => new GraphQLError(message, { extensions: { code } });

builder.scalarType('Date', {
  description: 'Calendar date YYYY-MM-DD, years 1900–2100 (business dates are in Asia/Ho_Chi_Minh).',
  serialize: (v) => String(v),
  parseValue: (v) => {
    if (!isCalendarDate(v))
      throw invalid('INVALID_DATE', 'Ngày không hợp lệ: cần một ngày có thật dạng YYYY-MM-DD, năm 1900–2100.');
    return v;
  },
});
builder.scalarType('DateTime', {
  description: 'An instant, RFC 3339 with an offset (e.g. 2026-03-01T08:00:00+07:00).',
  serialize: (v) => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString()),
  parseValue: (v) => {
    const instant = parseInstant(v);
    if (!instant)
      throw invalid(
        'INVALID_DATETIME',
        'Thời điểm không hợp lệ: cần dạng YYYY-MM-DDTHH:MM:SS kèm múi giờ (ví dụ +07:00), năm 1900–2100.',
      );
    return instant;
  },
});
builder.scalarType('Period', {
  description: 'Billing period YYYY-MM, years 1900–2100.',
  serialize: (v) => String(v),
  parseValue: (v) => {
    if (!isCalendarPeriod(v)) throw invalid('INVALID_PERIOD', 'Kỳ không hợp lệ: cần dạng YYYY-MM, năm 1900–2100.');
    return v;
  },
});
builder.scalarType('Money', {
  description: 'An amount in whole VND: a JSON number, an integer within ±(2^53 − 1).',
  serialize: (v) => {
    const parsed = moneyFromStored(v);
    // An amount the client cannot hold exactly is a server-side defect: fail the field, never round it.
    if (!parsed.ok) throw invalid('INVALID_MONEY', MONEY_PROBLEM_MESSAGES[parsed.problem]);
    return parsed.value;
  },
  parseValue: (v) => {
    const parsed = parseMoneyInput(v);
    if (!parsed.ok) throw invalid('INVALID_MONEY', MONEY_PROBLEM_MESSAGES[parsed.problem]);
    return parsed.value;
  },
});
builder.scalarType('JSON', { serialize: (v) => v, parseValue: (v) => v });

builder.queryType({});
builder.mutationType({});
