import { contentDisposition, errorResponse, jsonError, parseId, unauthenticatedResponse } from '@/app/api/_lib/http';
import { getRequestContext } from '@/app/server/request-context';
import { readWorkOrderDocument } from '@/services/work-orders/documents.service';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * GET /api/work-order-documents/<id> → the stored file with its sniffed type, inline; `?download=1` saves it.
 * readWorkOrderDocument applies the order's rights (404 for an order the user may not read).
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const ctx = await getRequestContext();
  if (!ctx.actor) return unauthenticatedResponse();
  const documentId = parseId(id);
  if (documentId === null) return jsonError(404, 'NOT_FOUND', 'Không tìm thấy tài liệu.');
  try {
    const d = await readWorkOrderDocument(ctx.db, ctx.actor, documentId);
    const download = new URL(request.url).searchParams.get('download') === '1';
    return new Response(new Uint8Array(d.data), {
      status: 200,
      headers: {
        'content-type': d.mimeType,
        'content-length': String(d.data.byteLength),
        'content-disposition': contentDisposition(download ? 'attachment' : 'inline', d.fileName),
        'cache-control': 'private, no-store',
        // A visitor's upload: the type was sniffed at upload; never let the browser guess another, never run it.
        'x-content-type-options': 'nosniff',
        'content-security-policy': 'sandbox',
        'cross-origin-resource-policy': 'same-origin',
      },
    });
  } catch (error) {
    return errorResponse(error, 'work order document read');
  }
}
