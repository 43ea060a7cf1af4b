import { contentDisposition, errorResponse } from '@/app/api/_lib/http';
import { openPortalDownload, PORTAL_DOWNLOAD_HEADERS } from '@/app/api/portal/_lib/portal-download';
import { formatInvoiceNumber } from '@/domain/invoices/series';
import { renderInvoicePdf } from '@/pdf/render';
import { paperOf } from '@/services/invoices/invoice-print.service';
import { portalInvoiceDocument } from '@/services/portal/portal-documents.service';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * GET /api/portal/invoices/<id>/pdf?token=… → the invoice as a PDF for a portal visitor, with a token a successful
 * `portalBills` handed out for this invoice (15 minutes). 403 PORTAL_LINK_INVALID for any other token; 429 past the
 * address's download budget. The staff route /api/invoices/<id>/pdf is unchanged.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const opened = await openPortalDownload(request, id);
  if (opened instanceof Response) return opened;
  try {
    const { doc, settings } = await portalInvoiceDocument(opened.db, opened.invoiceId);
    const pdf = await renderInvoicePdf(doc, { paper: paperOf(settings.paper) });
    const name = `hoa-don-${doc.templateSymbol}${doc.invoiceSymbol}-${formatInvoiceNumber(doc.number ?? 0)}.pdf`;
    return new Response(new Uint8Array(pdf), {
      status: 200,
      headers: {
        ...PORTAL_DOWNLOAD_HEADERS,
        'content-type': 'application/pdf',
        'content-disposition': contentDisposition('inline', name),
        'content-length': String(pdf.byteLength),
      },
    });
  } catch (error) {
    return errorResponse(error, 'portal invoice pdf');
  }
}
