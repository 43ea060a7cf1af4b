import { contentDisposition, errorResponse, jsonError, parseId, unauthenticatedResponse } from '@/app/api/_lib/http';
import { getRequestContext } from '@/app/server/request-context';
import { renderReceiptPdf } from '@/pdf/render';
import { printableReceipt } from '@/services/payments/receipt.service';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * GET /api/payments/<id>/receipt → the payment's receipt (phiếu thu) as a PDF, shown in the browser; `?download=1`
 * saves it. A reversed payment's receipt is marked "ĐÃ HỦY". 404 for another book's payment exactly as for a missing
 * one; 403 without the payments print right.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const ctx = await getRequestContext();
  if (!ctx.actor) return unauthenticatedResponse();
  const paymentId = parseId(id);
  if (paymentId === null) return jsonError(404, 'NOT_FOUND', 'Không tìm thấy khoản thu.');
  const url = new URL(request.url);
  try {
    const doc = await printableReceipt(ctx.db, ctx.actor, paymentId);
    const pdf = await renderReceiptPdf(doc);
    const name = `phieu-thu-${doc.receiptNumber}${doc.cancelled ? '-da-huy' : ''}.pdf`;
    return new Response(new Uint8Array(pdf), {
      status: 200,
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': contentDisposition(url.searchParams.get('download') ? 'attachment' : 'inline', name),
        'content-length': String(pdf.byteLength),
        'cache-control': 'no-store',
      },
    });
  } catch (error) {
    return errorResponse(error, 'payment receipt');
  }
}
