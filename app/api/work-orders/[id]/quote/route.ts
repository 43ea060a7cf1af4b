import { contentDisposition, errorResponse, jsonError, parseId, unauthenticatedResponse } from '@/app/api/_lib/http';
import { getRequestContext } from '@/app/server/request-context';
import { renderWorkOrderQuotePdf } from '@/pdf/render';
import { printableQuote } from '@/services/work-orders/quote-document.service';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * GET /api/work-orders/<id>/quote → the installation quote as a PDF, shown in the browser; `?download=1` saves it.
 * 404 for an order the user may not read (or one without a quote), 403 without the print right.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const ctx = await getRequestContext();
  if (!ctx.actor) return unauthenticatedResponse();
  const workOrderId = parseId(id);
  if (workOrderId === null) return jsonError(404, 'NOT_FOUND', 'Không tìm thấy phiếu yêu cầu.');
  const url = new URL(request.url);
  try {
    const doc = await printableQuote(ctx.db, ctx.actor, workOrderId);
    const pdf = await renderWorkOrderQuotePdf(doc);
    return new Response(new Uint8Array(pdf), {
      status: 200,
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': contentDisposition(
          url.searchParams.get('download') ? 'attachment' : 'inline',
          `bao-gia-${doc.trackingCode}.pdf`,
        ),
        'content-length': String(pdf.byteLength),
        'cache-control': 'no-store',
      },
    });
  } catch (error) {
    return errorResponse(error, 'work order quote');
  }
}
