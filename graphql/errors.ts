import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { logUnexpectedError } from '@/services/error-summary';
import { AppError, pgErrorCode } from '@/services/errors';

const PG_MESSAGES: Record<string, { code: string; message: string }> = {
  '23505': { code: 'DUPLICATE', message: 'Dữ liệu bị trùng với một bản ghi đã có.' },
  '23503': { code: 'IN_USE', message: 'Dữ liệu đang được sử dụng hoặc tham chiếu không tồn tại.' },
  '23514': { code: 'CONSTRAINT_VIOLATION', message: 'Dữ liệu không hợp lệ.' },
};

/** Maps any thrown error to `{ message (Vietnamese), extensions.code }`; internals never reach the client. */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError && error.originalError ? error.originalError : error;
  if (original instanceof AppError) {
    return {
      ...formatted,
      message: original.message,
      extensions: { code: original.code, ...(original.field ? { field: original.field } : {}) },
    };
  }
  if (original instanceof GraphQLError && original !== error && typeof original.extensions.code === 'string') {
    // A scalar refused a variable: graphql-js prefixes our Vietnamese message with an English
    // "Variable "$x" got invalid value …"; the scalar's own message and code are the contract.
    return { ...formatted, message: original.message, extensions: { ...original.extensions } };
  }
  if (original instanceof GraphQLError || (error instanceof GraphQLError && !error.originalError)) {
    const code = (formatted.extensions?.code as string | undefined) ?? 'BAD_REQUEST';
    return { ...formatted, extensions: { ...formatted.extensions, code } };
  }
  const pg = pgErrorCode(original);
  if (pg && PG_MESSAGES[pg.code]) {
    const m = PG_MESSAGES[pg.code]!;
    // The constraint name stays out of the answer: it names tables and columns, and the stable code is the contract.
    return { message: m.message, path: formatted.path, extensions: { code: m.code } };
  }
  logUnexpectedError('graphql', original);
  return { message: 'Đã có lỗi hệ thống, vui lòng thử lại.', path: formatted.path, extensions: { code: 'INTERNAL' } };
}
