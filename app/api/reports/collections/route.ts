import { errorResponse, unauthenticatedResponse } from '@/app/api/_lib/http';
import { getRequestContext } from '@/app/server/request-context';
import { renderCollectionReportPdf } from '@/pdf/render';
import { collectionReport } from '@/services/reports/collections.service';
import { collectionReportWorkbook } from '@/services/reports/report-xlsx';
import { choiceParam, dateParam, reportFileResponse, reportFormat } from '../report-file';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * GET /api/reports/collections?from=YYYY-MM-DD&to=YYYY-MM-DD&groupBy=channel|collector|day&format=pdf|xlsx →
 * collections over the customers of the books where the user holds the collection report's print (PDF) or export
 * (Excel) right. 401 signed out, 403 without the right anywhere, 400 for a bad or too long range.
 */
export async function GET(request: Request): Promise<Response> {
  const ctx = await getRequestContext();
  if (!ctx.actor) return unauthenticatedResponse();
  const url = new URL(request.url);
  const format = reportFormat(url);
  if (format instanceof Response) return format;
  const from = dateParam(url, 'from');
  if (from instanceof Response) return from;
  const to = dateParam(url, 'to');
  if (to instanceof Response) return to;
  const groupBy = choiceParam(url, 'groupBy', ['channel', 'collector', 'day'] as const, 'channel');
  if (groupBy instanceof Response) return groupBy;
  try {
    const doc = await collectionReport(ctx.db, ctx.actor, { from, to, groupBy }, format === 'pdf' ? 'print' : 'export');
    const data = format === 'pdf' ? await renderCollectionReportPdf(doc) : await collectionReportWorkbook(doc);
    return reportFileResponse(data, format, `thu-tien-${from}-${to}`);
  } catch (error) {
    return errorResponse(error, 'collection report');
  }
}
