import { errorResponse, jsonError, parseId, unauthenticatedResponse } from '@/app/api/_lib/http';
import { getRequestContext } from '@/app/server/request-context';
import { renderCollectorSettlementPdf } from '@/pdf/render';
import { collectorSettlementSheet } from '@/services/reports/collections.service';
import { collectorSettlementWorkbook } from '@/services/reports/report-xlsx';
import { dateParam, reportFileResponse, reportFormat } from '../report-file';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * GET /api/reports/collector-settlement?collectorId=N&day=YYYY-MM-DD&format=pdf|xlsx → a collector's settlement
 * sheet, to a user holding the collection report's print (PDF) or export (Excel) right on every book of the day's
 * payments. 401 signed out, 403 otherwise, 404 for an unknown collector.
 */
export async function GET(request: Request): Promise<Response> {
  const ctx = await getRequestContext();
  if (!ctx.actor) return unauthenticatedResponse();
  const url = new URL(request.url);
  const format = reportFormat(url);
  if (format instanceof Response) return format;
  const collectorId = parseId(url.searchParams.get('collectorId') ?? '');
  if (collectorId === null) return jsonError(404, 'NOT_FOUND', 'Không tìm thấy thu ngân viên.');
  const day = dateParam(url, 'day');
  if (day instanceof Response) return day;
  try {
    const doc = await collectorSettlementSheet(
      ctx.db,
      ctx.actor,
      { collectorId, day },
      format === 'pdf' ? 'print' : 'export',
    );
    const data = format === 'pdf' ? await renderCollectorSettlementPdf(doc) : await collectorSettlementWorkbook(doc);
    return reportFileResponse(data, format, `quyet-toan-${doc.collector.login}-${day}`);
  } catch (error) {
    return errorResponse(error, 'collector settlement sheet');
  }
}
