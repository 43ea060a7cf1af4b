import { pdfResponse } from '@/app/api/_lib/file-responses';
import { staffRecordResponse } from '@/app/api/_lib/staff-record';
import { renderReceiptPdf } from '@/pdf/render';
import { printableReceipt } from '@/services/payments/receipt.service';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * GET /api/payments/<id>/receipt → the payment's receipt (phiếu thu) as a PDF, shown in the browser; `?download=1`
 * saves it. A reversed payment's receipt is marked "ĐÃ HỦY". 404 for another book's payment exactly as for a missing
 * one; 403 without the payments print right.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return staffRecordResponse(id, 'Không tìm thấy khoản thu.', 'payment receipt', async (db, actor, paymentId) => {
    const doc = await printableReceipt(db, actor, paymentId);
    const name = `phieu-thu-${doc.receiptNumber}${doc.cancelled ? '-da-huy' : ''}.pdf`;
    return pdfResponse(request, await renderReceiptPdf(doc), name);
  });
}
