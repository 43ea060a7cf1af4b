import { errorResponse, jsonError, parseId, unauthenticatedResponse } from '@/app/api/_lib/http';
import { readUploadForm } from '@/app/api/_lib/limited-body';
import { getRequestContext } from '@/app/server/request-context';
import { toNfc } from '@/domain/text/nfc';
import { WORK_ORDER_DOCUMENT_KINDS, type WorkOrderDocumentKind } from '@/domain/work-orders/kinds';
import { addWorkOrderDocument, MAX_WORK_ORDER_DOCUMENT_BYTES } from '@/services/work-orders/documents.service';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * POST /api/work-orders/<id>/documents (multipart: `file`, optional `kind` CITIZEN_ID | LAND_PAPER | RESIDENCE |
 * PHOTO | QUOTE | OTHER) → the new document as JSON. addWorkOrderDocument checks the edit right on the order, the
 * size (≤ 10 MB) and the real file type (PDF, JPEG, PNG, WebP).
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const ctx = await getRequestContext();
  if (!ctx.actor) return unauthenticatedResponse();
  const workOrderId = parseId(id);
  if (workOrderId === null) return jsonError(404, 'NOT_FOUND', 'Không tìm thấy phiếu yêu cầu.');
  const { form, response } = await readUploadForm(
    request,
    MAX_WORK_ORDER_DOCUMENT_BYTES,
    'Tệp đính kèm vượt quá 10 MB.',
  );
  if (response) return response;
  const file = form.get('file');
  if (!(file instanceof File)) return jsonError(400, 'FILE_REQUIRED', 'Chưa chọn tệp đính kèm.');
  if (file.size > MAX_WORK_ORDER_DOCUMENT_BYTES)
    return jsonError(413, 'FILE_TOO_LARGE', 'Tệp đính kèm vượt quá 10 MB.');
  const rawKind = form.get('kind');
  const kind = (WORK_ORDER_DOCUMENT_KINDS as readonly string[]).includes(String(rawKind ?? ''))
    ? (rawKind as WorkOrderDocumentKind)
    : 'OTHER';
  try {
    const row = await addWorkOrderDocument(ctx.db, ctx.actor, {
      workOrderId,
      kind,
      // Form fields bypass the GraphQL NFC mapper: compose here so names compare like the rest.
      fileName: toNfc(file.name) || 'tai-lieu',
      data: new Uint8Array(await file.arrayBuffer()),
    });
    return Response.json(
      {
        id: row.id,
        kind: row.kind,
        fileName: row.fileName,
        mimeType: row.mimeType,
        sizeBytes: row.sizeBytes,
        uploadedAt: row.uploadedAt,
        url: `/api/work-order-documents/${row.id}`,
      },
      { status: 201, headers: { 'cache-control': 'no-store' } },
    );
  } catch (error) {
    return errorResponse(error, 'work order document upload');
  }
}
