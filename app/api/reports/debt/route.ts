import { errorResponse, unauthenticatedResponse } from '@/app/api/_lib/http';
import { getRequestContext } from '@/app/server/request-context';
import { todayInVietnam } from '@/domain/billing/periods';
import { renderDebtReportPdf } from '@/pdf/render';
import { debtReport } from '@/services/reports/debt.service';
import { debtReportWorkbook } from '@/services/reports/report-xlsx';
import { choiceParam, dateParam, reportFileResponse, reportFormat } from '../report-file';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * GET /api/reports/debt?asOf=YYYY-MM-DD&groupBy=book|route&format=pdf|xlsx → the debt report over the books where the
 * user holds the debt report's print (PDF) or export (Excel) right. 401 signed out, 403 without the right anywhere.
 */
export async function GET(request: Request): Promise<Response> {
  const ctx = await getRequestContext();
  if (!ctx.actor) return unauthenticatedResponse();
  const url = new URL(request.url);
  const format = reportFormat(url);
  if (format instanceof Response) return format;
  const asOf = dateParam(url, 'asOf', todayInVietnam(new Date()));
  if (asOf instanceof Response) return asOf;
  const groupBy = choiceParam(url, 'groupBy', ['book', 'route'] as const, 'book');
  if (groupBy instanceof Response) return groupBy;
  try {
    const doc = await debtReport(ctx.db, ctx.actor, { asOf, groupBy }, format === 'pdf' ? 'print' : 'export');
    const data = format === 'pdf' ? await renderDebtReportPdf(doc) : await debtReportWorkbook(doc);
    return reportFileResponse(data, format, `cong-no-theo-${groupBy === 'book' ? 'so' : 'tuyen'}-${asOf}`);
  } catch (error) {
    return errorResponse(error, 'debt report');
  }
}
