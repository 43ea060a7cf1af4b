import { errorResponse, jsonError, unauthenticatedResponse } from '@/app/api/_lib/http';
import { BodyTooLargeError, readBodyWithin, readUploadForm } from '@/app/api/_lib/limited-body';
import { getRequestContext } from '@/app/server/request-context';
import { importBankStatement } from '@/services/payments/bank-statement.service';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const MAX_BYTES = 10 * 1024 * 1024;
const TOO_LARGE = 'Tệp sao kê vượt quá 10 MB: hãy chia thành nhiều tệp.';

/**
 * POST /api/payments/bank-statements: a bank statement of the company's receiving account, as multipart (`file`:
 * .xlsx or .csv) or as the raw file body. Answers the counts (matched, suspense, duplicate, rejected, skipped
 * debits) and the rejected lines with their reason. Needs the payments add right on some branch: bank money belongs
 * to no book until it is matched, and each payment made is stamped with its customer's current book.
 */
export async function POST(request: Request): Promise<Response> {
  const ctx = await getRequestContext();
  if (!ctx.actor) return unauthenticatedResponse();
  let bytes: Uint8Array;
  if ((request.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data')) {
    const { form, response } = await readUploadForm(request, MAX_BYTES, TOO_LARGE);
    if (response) return response;
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0) return jsonError(400, 'FILE_REQUIRED', 'Chưa chọn tệp sao kê.');
    if (file.size > MAX_BYTES) return jsonError(413, 'FILE_TOO_LARGE', TOO_LARGE);
    bytes = new Uint8Array(await file.arrayBuffer());
  } else {
    try {
      bytes = await readBodyWithin(request, MAX_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return jsonError(413, 'FILE_TOO_LARGE', TOO_LARGE);
      return jsonError(400, 'BAD_REQUEST', 'Không đọc được dữ liệu gửi lên.');
    }
    if (bytes.byteLength === 0) return jsonError(400, 'FILE_REQUIRED', 'Chưa chọn tệp sao kê.');
  }
  try {
    const result = await importBankStatement(ctx.db, ctx.actor, bytes);
    return Response.json(result, { status: 200, headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return errorResponse(error, 'bank statement import');
  }
}
