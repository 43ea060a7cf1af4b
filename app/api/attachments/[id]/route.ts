import { contentDisposition, errorResponse, jsonError, parseId, unauthenticatedResponse } from '@/app/api/_lib/http';
import { getRequestContext } from '@/app/server/request-context';
import { readAttachment } from '@/services/customers/attachment.service';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * GET /api/attachments/<id> → the stored file with its (sniffed) mime type, shown inline; `?download=1` asks
 * the browser to save it. readAttachment checks the access right on the customer's book (404 otherwise).
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const ctx = await getRequestContext();
  if (!ctx.actor) return unauthenticatedResponse();
  const attachmentId = parseId(id);
  if (attachmentId === null) return jsonError(404, 'NOT_FOUND', 'Không tìm thấy tệp đính kèm.');
  try {
    const a = await readAttachment(ctx.db, ctx.actor, attachmentId);
    const download = new URL(request.url).searchParams.get('download') === '1';
    return new Response(new Uint8Array(a.data), {
      status: 200,
      headers: {
        'content-type': a.mimeType,
        'content-length': String(a.data.byteLength),
        'content-disposition': contentDisposition(download ? 'attachment' : 'inline', a.fileName),
        'cache-control': 'private, no-store',
        // The type was sniffed from the bytes at upload (PDF/JPEG/PNG/TIFF only); never let the browser guess another.
        'x-content-type-options': 'nosniff',
        // Uploaded bytes are someone else's content: opened directly they run with no origin (no scripts against
        // our API, no cookies), and other sites cannot embed them.
        'content-security-policy': 'sandbox',
        'cross-origin-resource-policy': 'same-origin',
      },
    });
  } catch (error) {
    return errorResponse(error, 'attachment read');
  }
}
