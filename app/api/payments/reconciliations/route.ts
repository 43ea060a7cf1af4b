import { errorResponse, jsonError, unauthenticatedResponse } from '@/app/api/_lib/http';
import { readUploadForm } from '@/app/api/_lib/limited-body';
import { getRequestContext } from '@/app/server/request-context';
import { isCalendarDate } from '@/domain/time/calendar';
import { RECONCILIATION_MAX_BYTES, importReconciliation } from '@/services/payments/reconciliation.service';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const TOO_LARGE = 'Tệp đối soát vượt quá 5 MB.';

/**
 * POST /api/payments/reconciliations (multipart: `file` the partner's CSV, `partnerId`, `day` YYYY-MM-DD) → the
 * reconciliation as JSON: `{ alreadyImported, reconciliation, totals, exceptions }`, the exceptions being those the
 * caller may see. A file with any bad line is refused whole (400 INVALID_FILE, the lines in the message). The same
 * file again for the same partner and day answers the first import with `alreadyImported: true`.
 */
export async function POST(request: Request): Promise<Response> {
  const ctx = await getRequestContext();
  if (!ctx.actor) return unauthenticatedResponse();
  const { form, response } = await readUploadForm(request, RECONCILIATION_MAX_BYTES, TOO_LARGE);
  if (response) return response;
  const file = form.get('file');
  if (!(file instanceof File) || file.size === 0) return jsonError(400, 'FILE_REQUIRED', 'Chưa chọn tệp đối soát.');
  if (file.size > RECONCILIATION_MAX_BYTES) return jsonError(413, 'FILE_TOO_LARGE', TOO_LARGE);
  const rawPartner = String(form.get('partnerId') ?? '');
  const partnerId = /^\d{1,9}$/.test(rawPartner) ? Number(rawPartner) : 0;
  if (partnerId <= 0) return jsonError(400, 'VALIDATION_FAILED', 'Thiếu hoặc sai mã đối tác (partnerId).');
  const day = String(form.get('day') ?? '');
  if (!isCalendarDate(day))
    return jsonError(400, 'INVALID_DATE', 'Ngày không hợp lệ: cần một ngày có thật dạng YYYY-MM-DD, năm 1900–2100.');
  try {
    const result = await importReconciliation(ctx.db, ctx.actor, {
      partnerId,
      day,
      fileName: file.name,
      content: new Uint8Array(await file.arrayBuffer()),
    });
    return Response.json(result, { status: 200, headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return errorResponse(error, 'reconciliation import');
  }
}
