import { pdfResponse } from '@/app/api/_lib/file-responses';
import { staffRecordResponse } from '@/app/api/_lib/staff-record';
import { renderWorkOrderQuotePdf } from '@/pdf/render';
import { printableQuote } from '@/services/work-orders/quote-document.service';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * GET /api/work-orders/<id>/quote → the installation quote as a PDF, shown in the browser; `?download=1` saves it.
 * 404 for an order the user may not read (or one without a quote), 403 without the print right.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return staffRecordResponse(
    id,
    'Không tìm thấy phiếu yêu cầu.',
    'work order quote',
    async (db, actor, workOrderId) => {
      const doc = await printableQuote(db, actor, workOrderId);
      return pdfResponse(request, await renderWorkOrderQuotePdf(doc), `bao-gia-${doc.trackingCode}.pdf`);
    },
  );
}
