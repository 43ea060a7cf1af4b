import { eq } from 'drizzle-orm';
import { contentDisposition, errorResponse, jsonError, unauthenticatedResponse } from '@/app/api/_lib/http';
import { getRequestContext } from '@/app/server/request-context';
import { readingBooks } from '@/db/schema/org';
import { buildReadingTemplate } from '@/services/readings/reading-import.service';
import { isCalendarPeriod } from '@/domain/time/calendar';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * GET /api/readings/template?bookId=<id>&period=YYYY-MM → the Excel sheet readers fill for that book and period
 * (`chi-so-<book>-<period>.xlsx`): customers in sequence order with the previous index filled. The service
 * checks the readings right on the book; 401 signed out, 403 without the right, 400 on a bad query string.
 */
export async function GET(request: Request): Promise<Response> {
  const ctx = await getRequestContext();
  if (!ctx.actor) return unauthenticatedResponse();
  const url = new URL(request.url);
  const rawBook = url.searchParams.get('bookId') ?? '';
  const period = url.searchParams.get('period') ?? '';
  const bookId = /^\d{1,9}$/.test(rawBook) ? Number(rawBook) : 0;
  if (bookId <= 0) return jsonError(400, 'VALIDATION_FAILED', 'Thiếu hoặc sai mã sổ đọc (bookId).');
  if (!isCalendarPeriod(period))
    return jsonError(400, 'VALIDATION_FAILED', 'Kỳ không hợp lệ: cần dạng YYYY-MM, năm 1900–2100.');
  try {
    const buffer = await buildReadingTemplate(ctx.db, ctx.actor, bookId, period);
    const [book] = await ctx.db
      .select({ code: readingBooks.code })
      .from(readingBooks)
      .where(eq(readingBooks.id, bookId))
      .limit(1);
    const fileName = `chi-so-${book?.code ?? bookId}-${period}.xlsx`;
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
    return errorResponse(error, 'reading template');
  }
}
