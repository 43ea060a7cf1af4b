import { contentDisposition, errorResponse } from '@/app/api/_lib/http';
import { openPortalDownload, PORTAL_DOWNLOAD_HEADERS } from '@/app/api/portal/_lib/portal-download';
import { portalInvoiceXml } from '@/services/portal/portal-documents.service';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * GET /api/portal/invoices/<id>/xml?token=… → the invoice's signed e-invoice XML for a portal visitor, with a token a
 * successful `portalBills` handed out for this invoice. 403 PORTAL_LINK_INVALID for any other token; 429 past the
 * address's download budget. The staff route /api/invoices/<id>/xml is unchanged.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const opened = await openPortalDownload(request, id);
  if (opened instanceof Response) return opened;
  try {
    const file = await portalInvoiceXml(opened.db, opened.invoiceId);
    const body = Buffer.from(file.xml, 'utf8');
    return new Response(new Uint8Array(body), {
      status: 200,
      headers: {
        ...PORTAL_DOWNLOAD_HEADERS,
        'content-type': 'application/xml; charset=utf-8',
        'content-length': String(body.byteLength),
        'content-disposition': contentDisposition('attachment', file.fileName),
        etag: `"${file.sha256}"`,
      },
    });
  } catch (error) {
    return errorResponse(error, 'portal invoice xml');
  }
}
