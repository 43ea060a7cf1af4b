import { contentDisposition, errorResponse, jsonError, parseId, unauthenticatedResponse } from '@/app/api/_lib/http';
import { getRequestContext } from '@/app/server/request-context';
import { isCalendarPeriod } from '@/domain/time/calendar';
import { renderListingPdf } from '@/pdf/render';
import { invoiceListingWorkbook } from '@/services/invoices/invoice-listing-xlsx';
import { invoiceListing } from '@/services/invoices/invoice-print.service';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * GET /api/invoices/listing?period=YYYY-MM[&bookId=N][&format=pdf|xlsx] → the invoice listing (bảng kê hóa đơn) of
 * a book, or of the period over every book the user may print, as PDF (default) or Excel.
 */
export async function GET(request: Request): Promise<Response> {
  const ctx = await getRequestContext();
  if (!ctx.actor) return unauthenticatedResponse();
  const url = new URL(request.url);
  const period = url.searchParams.get('period') ?? '';
  if (!isCalendarPeriod(period)) return jsonError(400, 'INVALID_PERIOD', 'Kỳ phải có dạng YYYY-MM.');
  const rawBook = url.searchParams.get('bookId');
  const bookId = rawBook === null ? null : parseId(rawBook);
  if (rawBook !== null && bookId === null) return jsonError(404, 'NOT_FOUND', 'Không tìm thấy sổ đọc.');
  const xlsx = url.searchParams.get('format') === 'xlsx';
  try {
    const listing = await invoiceListing(ctx.db, ctx.actor, { period, bookId });
    const data = xlsx ? await invoiceListingWorkbook(listing) : await renderListingPdf(listing);
    const name = `bang-ke-hoa-don-${listing.book ? `so-${listing.book.code}-` : ''}${period}.${xlsx ? 'xlsx' : 'pdf'}`;
    return new Response(new Uint8Array(data), {
      status: 200,
      headers: {
        'content-type': xlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'application/pdf',
        'content-disposition': contentDisposition(xlsx ? 'attachment' : 'inline', name),
        'content-length': String(data.byteLength),
        'cache-control': 'no-store',
      },
    });
  } catch (error) {
    return errorResponse(error, 'invoice listing');
  }
}
