import { errorResponse, jsonError, parseId, unauthenticatedResponse } from '@/app/api/_lib/http';
import { readUploadForm } from '@/app/api/_lib/limited-body';
import { getRequestContext } from '@/app/server/request-context';
import { MAX_ATTACHMENT_BYTES } from '@/domain/customers/file-type';
import { toNfc } from '@/domain/text/nfc';
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
  const { form, response } = await readUploadForm(request, MAX_ATTACHMENT_BYTES, 'Tệp đính kèm vượt quá 10 MB.');
  if (response) return response;
  const file = form.get('file');
  if (!(file instanceof File)) return jsonError(400, 'FILE_REQUIRED', 'Chưa chọn tệp đính kèm.');
  if (file.size > MAX_ATTACHMENT_BYTES) return jsonError(413, 'FILE_TOO_LARGE', 'Tệp đính kèm vượt quá 10 MB.');
  const rawTitle = form.get('title');
  // Form fields bypass the GraphQL NFC mapper: compose here so file names and titles compare and sort like the rest.
  const title = typeof rawTitle === 'string' ? toNfc(rawTitle).slice(0, 200) : null;

  try {
    const row = await addAttachment(ctx.db, ctx.actor, {
      customerId,
      fileName: toNfc(file.name) || 'tep-dinh-kem',
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
