import { storedFileResponse } from '@/app/api/_lib/file-responses';
import { staffRecordResponse } from '@/app/api/_lib/staff-record';
import { readAttachment } from '@/services/customers/attachment.service';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * GET /api/attachments/<id> → the stored file with its (sniffed) mime type, shown inline; `?download=1` asks
 * the browser to save it. readAttachment checks the access right on the customer's book (404 otherwise).
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return staffRecordResponse(id, 'Không tìm thấy tệp đính kèm.', 'attachment read', async (db, actor, attachmentId) =>
    storedFileResponse(request, await readAttachment(db, actor, attachmentId)),
  );
}
