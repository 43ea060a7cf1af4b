import { errorResponse, jsonError, unauthenticatedResponse } from '@/app/api/_lib/http';
import { readUploadForm } from '@/app/api/_lib/limited-body';
import { getRequestContext } from '@/app/server/request-context';
import { importReadings } from '@/services/readings/reading-import.service';
import { isCalendarPeriod } from '@/domain/time/calendar';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const MAX_BYTES = 10 * 1024 * 1024;

/**
 * POST /api/readings/import (multipart: `file` .xlsx, `bookId`, `period` YYYY-MM, `acceptValid` 1/0) → the
 * import result as JSON: counts and the per-row errors with their Vietnamese reason. Nothing is written while
 * a row is wrong unless `acceptValid` is set (then only the valid rows are). Rights, period lock and every
 * row are checked by the service; a locked period answers 400 PERIOD_LOCKED with the reason.
 */
export async function POST(request: Request): Promise<Response> {
  const ctx = await getRequestContext();
  if (!ctx.actor) return unauthenticatedResponse();
  const { form, response } = await readUploadForm(request, MAX_BYTES, 'Tệp Excel vượt quá 10 MB.');
  if (response) return response;
  const file = form.get('file');
  if (!(file instanceof File) || file.size === 0) return jsonError(400, 'FILE_REQUIRED', 'Chưa chọn tệp Excel.');
  if (file.size > MAX_BYTES) return jsonError(413, 'FILE_TOO_LARGE', 'Tệp Excel vượt quá 10 MB.');
  const rawBook = String(form.get('bookId') ?? '');
  const period = String(form.get('period') ?? '');
  const bookId = /^\d{1,9}$/.test(rawBook) ? Number(rawBook) : 0;
  if (bookId <= 0) return jsonError(400, 'VALIDATION_FAILED', 'Thiếu hoặc sai mã sổ đọc (bookId).');
  if (!isCalendarPeriod(period))
    return jsonError(400, 'VALIDATION_FAILED', 'Kỳ không hợp lệ: cần dạng YYYY-MM, năm 1900–2100.');
  const accept = String(form.get('acceptValid') ?? '');
  const acceptValid = accept === '1' || accept === 'true';

  try {
    const result = await importReadings(ctx.db, ctx.actor, {
      bookId,
      period,
      file: Buffer.from(await file.arrayBuffer()),
      acceptValid,
    });
    return Response.json(result, { status: 200, headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return errorResponse(error, 'reading import');
  }
}
