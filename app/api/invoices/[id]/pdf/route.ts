import { contentDisposition, errorResponse, jsonError, parseId, unauthenticatedResponse } from '@/app/api/_lib/http';
import { getRequestContext } from '@/app/server/request-context';
import { formatInvoiceNumber } from '@/domain/invoices/series';
import { renderInvoicePdf } from '@/pdf/render';
import { paperOf, printableInvoice } from '@/services/invoices/invoice-print.service';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * GET /api/invoices/<id>/pdf → the invoice as a PDF, shown in the browser (preview, then print); `?copy=2` marks it
 * "Liên 2 – bản sao" for a customer who lost theirs; `?download=1` saves it. 404 for another book's invoice exactly
 * as for a missing one; 403 without the print right.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const ctx = await getRequestContext();
  if (!ctx.actor) return unauthenticatedResponse();
  const invoiceId = parseId(id);
  if (invoiceId === null) return jsonError(404, 'NOT_FOUND', 'Không tìm thấy hóa đơn.');
  const url = new URL(request.url);
  const copy = url.searchParams.get('copy') === '2' ? 2 : 1;
  try {
    const { doc, settings } = await printableInvoice(ctx.db, ctx.actor, invoiceId);
    const pdf = await renderInvoicePdf(doc, { copy, paper: paperOf(settings.paper) });
    const name =
      doc.number === null
        ? `hoa-don-nhap-${doc.buyer.customerCode}-${doc.water.period}.pdf`
        : `hoa-don-${doc.templateSymbol}${doc.invoiceSymbol}-${formatInvoiceNumber(doc.number)}${copy === 2 ? '-lien-2' : ''}.pdf`;
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
    return errorResponse(error, 'invoice pdf');
  }
}
