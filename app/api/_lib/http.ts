import 'server-only';
import { logUnexpectedError } from '@/services/error-summary';
import { AppError } from '@/services/errors';

const STATUS: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BOOK_FORBIDDEN: 403,
  NOT_FOUND: 404,
  FILE_TOO_LARGE: 413,
  FILE_TYPE_NOT_ALLOWED: 415,
};

/** A JSON error body `{ code, message }` (message in Vietnamese), never cached. */
export function jsonError(status: number, code: string, message: string): Response {
  return Response.json({ code, message }, { status, headers: { 'cache-control': 'no-store' } });
}

export const unauthenticatedResponse = () => jsonError(401, 'UNAUTHENTICATED', 'Vui lòng đăng nhập.');

/** Maps a service error to its HTTP answer; unexpected errors are logged and answered with a generic 500. */
export function errorResponse(error: unknown, where: string): Response {
  if (error instanceof AppError) return jsonError(STATUS[error.code] ?? 400, error.code, error.message);
  logUnexpectedError(where, error);
  return jsonError(500, 'INTERNAL', 'Đã có lỗi hệ thống, vui lòng thử lại.');
}

/** A positive integer path id, or null. */
export function parseId(raw: string): number | null {
  if (!/^\d{1,9}$/.test(raw)) return null;
  const n = Number(raw);
  return n > 0 ? n : null;
}

/** RFC 5987 `ext-value` characters: encodeURIComponent leaves `'()*` alone, which attr-char does not allow. */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `attachment`/`inline` Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const ascii =
    fileName
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[đĐ]/g, 'd')
      .replace(/[^\x20-\x7e]|["\\]/g, '_') || 'tep';
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${rfc5987(fileName)}`;
}
