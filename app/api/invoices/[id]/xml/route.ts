import { contentDisposition, errorResponse, jsonError, parseId, unauthenticatedResponse } from '@/app/api/_lib/http';
import { getRequestContext } from '@/app/server/request-context';
import { getInvoiceXml } from '@/services/einvoices/einvoice-store.service';
import { AppError } from '@/services/errors';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * GET /api/invoices/<id>/xml → the invoice's e-invoice XML as `<series>-<number>.xml` (signed on the spot when the
 * job has not reached it yet). 401 signed out; 404 for a missing invoice and for another book's alike; 409
 * EINVOICE_NOT_ISSUED for a draft.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const ctx = await getRequestContext();
  if (!ctx.actor) return unauthenticatedResponse();
  const invoiceId = parseId(id);
  if (invoiceId === null) return jsonError(404, 'NOT_FOUND', 'Không tìm thấy hóa đơn.');
  try {
    const file = await getInvoiceXml(ctx.db, ctx.actor, invoiceId);
    const body = Buffer.from(file.xml, 'utf8');
    return new Response(new Uint8Array(body), {
      status: 200,
      headers: {
        'content-type': 'application/xml; charset=utf-8',
        'content-length': String(body.byteLength),
        'content-disposition': contentDisposition('attachment', file.fileName),
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
        etag: `"${file.sha256}"`,
      },
    });
  } catch (error) {
    if (error instanceof AppError && error.code === 'EINVOICE_NOT_ISSUED') {
      return jsonError(409, error.code, error.message);
    }
    return errorResponse(error, 'invoice xml');
  }
}
