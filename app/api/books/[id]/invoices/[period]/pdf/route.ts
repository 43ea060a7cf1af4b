import { PassThrough, Readable } from 'node:stream';
import { contentDisposition, errorResponse, jsonError, parseId, unauthenticatedResponse } from '@/app/api/_lib/http';
import { getRequestContext } from '@/app/server/request-context';
import { isCalendarPeriod } from '@/domain/time/calendar';
import { renderInvoiceBook } from '@/pdf/render';
import { logUnexpectedError } from '@/services/error-summary';
import { paperOf, printableBook } from '@/services/invoices/invoice-print.service';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const seqParam = (v: string | null) => (v !== null && /^\d{1,9}$/.test(v) ? Number(v) : null);

/**
 * GET /api/books/<id>/invoices/<YYYY-MM>/pdf → the book's invoices of the period as ONE PDF in sequence order,
 * streamed as it renders (chunks of 100 invoices joined page by page, so memory stays flat for a 2,000-invoice book);
 * `?fromSeq=&toSeq=` prints a range of sequence numbers, `?copy=2` marks every page "Liên 2 – bản sao".
 */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ id: string; period: string }> },
): Promise<Response> {
  const { id, period } = await params;
  const ctx = await getRequestContext();
  if (!ctx.actor) return unauthenticatedResponse();
  const bookId = parseId(id);
  if (bookId === null) return jsonError(404, 'NOT_FOUND', 'Không tìm thấy sổ đọc.');
  if (!isCalendarPeriod(period)) return jsonError(400, 'INVALID_PERIOD', 'Kỳ phải có dạng YYYY-MM.');
  const url = new URL(request.url);
  try {
    const book = await printableBook(ctx.db, ctx.actor, {
      bookId,
      period,
      fromSeq: seqParam(url.searchParams.get('fromSeq')),
      toSeq: seqParam(url.searchParams.get('toSeq')),
    });
    const out = new PassThrough();
    renderInvoiceBook(
      book.documents(),
      {
        paper: paperOf(book.settings.paper),
        copy: url.searchParams.get('copy') === '2' ? 2 : 1,
        title: `Hóa đơn sổ ${book.bookCode} kỳ ${period}`,
      },
      out,
    ).then(
      () => out.end(),
      (error: unknown) => {
        // Headers are gone by now: the broken stream is all the client can be told.
        logUnexpectedError('book invoices pdf', error);
        out.destroy(error instanceof Error ? error : new Error(String(error)));
      },
    );
    return new Response(Readable.toWeb(out) as ReadableStream<Uint8Array>, {
      status: 200,
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': contentDisposition('inline', `hoa-don-so-${book.bookCode}-${period}.pdf`),
        'cache-control': 'no-store',
      },
    });
  } catch (error) {
    return errorResponse(error, 'book invoices pdf');
  }
}
