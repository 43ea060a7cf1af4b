import { errorResponse, contentDisposition, jsonError, parseId, unauthenticatedResponse } from '@/app/api/_lib/http';
import { getRequestContext } from '@/app/server/request-context';
import { exportBookWorkbook } from '@/services/customers/book-export.service';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * GET /api/books/<id>/export → the book's customers as `so-<code>.xlsx`. The export right is checked by the
 * service (canOnBook); 401 signed out, 404 for a book the user does not hold, 403 without the export right.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const ctx = await getRequestContext();
  if (!ctx.actor) return unauthenticatedResponse();
  const bookId = parseId(id);
  if (bookId === null) return jsonError(404, 'NOT_FOUND', 'Không tìm thấy sổ đọc.');
  try {
    const { fileName, buffer } = await exportBookWorkbook(ctx.db, ctx.actor, bookId);
    return new Response(new Uint8Array(buffer), {
      status: 200,
      headers: {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': contentDisposition('attachment', fileName),
        'content-length': String(buffer.byteLength),
        'cache-control': 'no-store',
      },
    });
  } catch (error) {
    return errorResponse(error, 'book export');
  }
}
