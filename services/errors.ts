import type { ErrorCode } from './error-codes';

/**
 * The one error type services throw. `code` is stable (clients and tests key on it);
 * `message` is the Vietnamese text a user may read; `detail` stays in the logs.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly detail: string | undefined;
  readonly field: string | undefined;

  constructor(code: ErrorCode, message: string, options: { detail?: string; field?: string } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.detail = options.detail;
    this.field = options.field;
  }
}

export const forbidden = (what = 'thực hiện thao tác này') => new AppError('FORBIDDEN', `Bạn không có quyền ${what}.`);
export const notFound = (what: string) => new AppError('NOT_FOUND', `Không tìm thấy ${what}.`);
export const unauthenticated = () => new AppError('UNAUTHENTICATED', 'Vui lòng đăng nhập.');

/** Postgres unique/check violations surface as AppErrors so a race that slips past a pre-check still reads well. */
export function pgErrorCode(error: unknown): { code: string; constraint: string | undefined } | null {
  let e: unknown = error;
  for (let depth = 0; depth < 4 && e && typeof e === 'object'; depth++) {
    const rec = e as { code?: unknown; constraint?: unknown; constraint_name?: unknown; cause?: unknown };
    if (typeof rec.code === 'string' && /^[0-9A-Z]{5}$/.test(rec.code)) {
      const constraint = (rec.constraint_name ?? rec.constraint) as string | undefined;
      return { code: rec.code, constraint };
    }
    e = rec.cause;
  }
  return null;
}
