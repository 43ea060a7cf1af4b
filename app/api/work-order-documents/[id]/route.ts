import { storedFileResponse } from '@/app/api/_lib/file-responses';
import { staffRecordResponse } from '@/app/api/_lib/staff-record';
import { readWorkOrderDocument } from '@/services/work-orders/documents.service';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * GET /api/work-order-documents/<id> → the stored file with its sniffed type, inline; `?download=1` saves it.
 * readWorkOrderDocument applies the order's rights (404 for an order the user may not read).
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return staffRecordResponse(
    id,
    'Không tìm thấy tài liệu.',
    'work order document read',
    async (db, actor, documentId) => storedFileResponse(request, await readWorkOrderDocument(db, actor, documentId)),
  );
}
