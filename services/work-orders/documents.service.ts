/**
 * Papers and photos of a work order. The type is read from the bytes (PDF, JPEG, PNG, WebP), at most 10 MB, and the
 * file is stored under a key the server makes (`work-orders/<order id>/<uuid>`), so nothing a visitor types reaches
 * a storage path. Reading follows the order's own rights.
 */
import { randomUUID } from 'node:crypto';
import { asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { workOrderDocuments } from '@/db/schema/work-orders';
import { PORTAL_MAX_FILE_BYTES, portalFileName, sniffPortalUpload } from '@/domain/portal/upload-type';
import { WORK_ORDER_DOCUMENT_KINDS, type WorkOrderDocumentKind } from '@/domain/work-orders/kinds';
import type { Actor } from '@/services/auth/actor';
import { AppError, notFound } from '@/services/errors';
import { getStorage, type FileStorage } from '@/services/storage/storage';
import { getWorkOrderForActor } from './access';

export const MAX_WORK_ORDER_DOCUMENT_BYTES = PORTAL_MAX_FILE_BYTES;

export type WorkOrderDocumentRow = typeof workOrderDocuments.$inferSelect;

export interface WorkOrderFile {
  kind: WorkOrderDocumentKind;
  fileName: string;
  data: Uint8Array;
}

/** A staff member's user id, or the portal account (null: an anonymous visitor). */
export type DocumentUploader = { userId: number } | { portalAccountId: number | null };

/** Throws EMPTY_FILE, FILE_TOO_LARGE or FILE_TYPE_NOT_ALLOWED; returns the sniffed type and the cleaned name. */
function checkWorkOrderFile(file: { fileName: string; data: Uint8Array }) {
  if (file.data.byteLength === 0) throw new AppError('EMPTY_FILE', 'Tệp đính kèm rỗng.');
  if (file.data.byteLength > MAX_WORK_ORDER_DOCUMENT_BYTES)
    throw new AppError('FILE_TOO_LARGE', 'Tệp đính kèm vượt quá 10 MB.');
  const mimeType = sniffPortalUpload(file.data);
  if (!mimeType) throw new AppError('FILE_TYPE_NOT_ALLOWED', 'Chỉ nhận tệp PDF hoặc ảnh JPEG, PNG, WebP.');
  return { mimeType, fileName: portalFileName(file.fileName, mimeType) };
}

/**
 * Stores one document of an order inside the caller's transaction (the portal's submission calls it with a visitor's
 * upload, the back office through `addWorkOrderDocument`). The bytes are written before the row; if the caller's
 * transaction then rolls back, the returned `storageKey` is what to remove.
 */
export async function storeWorkOrderDocument(
  tx: DbOrTx,
  workOrderId: number,
  file: WorkOrderFile,
  uploadedBy: DocumentUploader,
  storage: FileStorage = getStorage(),
): Promise<WorkOrderDocumentRow> {
  const { mimeType, fileName } = checkWorkOrderFile(file);
  if (!WORK_ORDER_DOCUMENT_KINDS.includes(file.kind))
    throw new AppError('VALIDATION_FAILED', 'Loại giấy tờ không hợp lệ.', { field: 'kind' });
  const storageKey = `work-orders/${workOrderId}/${randomUUID()}`;
  await storage.put(storageKey, file.data);
  try {
    const [row] = await tx
      .insert(workOrderDocuments)
      .values({
        workOrderId,
        kind: file.kind,
        fileName,
        mimeType,
        sizeBytes: file.data.byteLength,
        storageKey,
        uploadedBy: 'userId' in uploadedBy ? uploadedBy.userId : null,
        uploadedByPortal: 'portalAccountId' in uploadedBy ? uploadedBy.portalAccountId : null,
      })
      .returning();
    return row!;
  } catch (e) {
    await storage.remove(storageKey).catch(() => {});
    throw e;
  }
}

/** Staff attach a document: the `edit` right on the order. */
export async function addWorkOrderDocument(
  db: DbOrTx,
  actor: Actor,
  input: { workOrderId: number } & WorkOrderFile,
  storage: FileStorage = getStorage(),
): Promise<WorkOrderDocumentRow> {
  await getWorkOrderForActor(db, actor, input.workOrderId, 'edit');
  let storedKey: string | null = null;
  try {
    return await db.transaction(async (tx) => {
      const row = await storeWorkOrderDocument(tx, input.workOrderId, input, { userId: actor.userId }, storage);
      storedKey = row.storageKey;
      return row;
    });
  } catch (e) {
    if (storedKey) await storage.remove(storedKey).catch(() => {});
    throw e;
  }
}

/** The documents of orders the caller has already read with the actor's rights, in one query. */
export async function listWorkOrderDocuments(
  db: DbOrTx,
  workOrderIds: readonly number[],
): Promise<Map<number, WorkOrderDocumentRow[]>> {
  const out = new Map<number, WorkOrderDocumentRow[]>(workOrderIds.map((id) => [id, []]));
  if (workOrderIds.length === 0) return out;
  const rows = await db
    .select()
    .from(workOrderDocuments)
    .where(inArray(workOrderDocuments.workOrderId, [...workOrderIds]))
    .orderBy(asc(workOrderDocuments.id));
  for (const r of rows) out.get(r.workOrderId)?.push(r);
  return out;
}

/** A document with its bytes, for a user who may read its order (otherwise it is missing). */
export async function readWorkOrderDocument(
  db: DbOrTx,
  actor: Actor,
  id: number,
  storage: FileStorage = getStorage(),
): Promise<WorkOrderDocumentRow & { data: Uint8Array }> {
  const [row] = await db.select().from(workOrderDocuments).where(eq(workOrderDocuments.id, id)).limit(1);
  if (!row) throw notFound('tài liệu');
  await getWorkOrderForActor(db, actor, row.workOrderId, 'access', { what: 'tài liệu' });
  return { ...row, data: await storage.get(row.storageKey) };
}
