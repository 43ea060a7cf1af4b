import { errorResponse, jsonError, parseId, unauthenticatedResponse } from '@/app/api/_lib/http';
import { getRequestContext } from '@/app/server/request-context';
import { MAX_ATTACHMENT_BYTES } from '@/domain/customers/file-type';
import { addAttachment } from '@/services/customers/attachment.service';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * POST /api/customers/<id>/attachments (multipart: `file`, optional `title`) → the new attachment as JSON.
 * addAttachment checks the edit right on the customer's book, the size (≤ 10 MB) and the real file type.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const ctx = await getRequestContext();
  if (!ctx.actor) return unauthenticatedResponse();
  const customerId = parseId(id);
  if (customerId === null) return jsonError(404, 'NOT_FOUND', 'Không tìm thấy khách hàng.');
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_ATTACHMENT_BYTES + 64 * 1024) return jsonError(413, 'FILE_TOO_LARGE', 'Tệp đính kèm vượt quá 10 MB.');

  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return jsonError(400, 'BAD_REQUEST', 'Dữ liệu gửi lên không phải biểu mẫu tệp hợp lệ.');
  }
  const file = form.get('file');
  if (!(file instanceof File)) return jsonError(400, 'FILE_REQUIRED', 'Chưa chọn tệp đính kèm.');
  if (file.size > MAX_ATTACHMENT_BYTES) return jsonError(413, 'FILE_TOO_LARGE', 'Tệp đính kèm vượt quá 10 MB.');
  const rawTitle = form.get('title');
  const title = typeof rawTitle === 'string' ? rawTitle.slice(0, 200) : null;

  try {
    const row = await addAttachment(ctx.db, ctx.actor, {
      customerId,
      fileName: file.name || 'tep-dinh-kem',
      title,
      data: new Uint8Array(await file.arrayBuffer()),
    });
    return Response.json(
      {
        id: row.id,
        fileName: row.fileName,
        mimeType: row.mimeType,
        sizeBytes: row.sizeBytes,
        title: row.title,
        uploadedAt: row.uploadedAt,
        url: `/api/attachments/${row.id}`,
      },
      { status: 201, headers: { 'cache-control': 'no-store' } },
    );
  } catch (error) {
    return errorResponse(error, 'attachment upload');
  }
}
