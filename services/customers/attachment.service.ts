import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { attachments } from '@/db/schema/customers';
import { fileNameForType, MAX_ATTACHMENT_BYTES, sniffAttachmentType } from '@/domain/customers/file-type';
import type { Actor } from '@/services/auth/actor';
import { AppError, notFound } from '@/services/errors';
import { getStorage, type FileStorage } from '@/services/storage/storage';
import { getCustomerForActor } from './customer.service';
import { recordHistory } from './history';

export async function addAttachment(
  db: DbOrTx,
  actor: Actor,
  input: { customerId: number; fileName: string; title?: string | null; data: Uint8Array },
  storage: FileStorage = getStorage(),
) {
  await getCustomerForActor(db, actor, input.customerId, 'edit');
  if (input.data.byteLength === 0) throw new AppError('EMPTY_FILE', 'Tệp đính kèm rỗng.');
  if (input.data.byteLength > MAX_ATTACHMENT_BYTES)
    throw new AppError('FILE_TOO_LARGE', `Tệp đính kèm vượt quá ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB.`);
  const mimeType = sniffAttachmentType(input.data);
  if (!mimeType) throw new AppError('FILE_TYPE_NOT_ALLOWED', 'Chỉ nhận tệp PDF, JPEG, PNG hoặc TIFF.');
  const fileName = fileNameForType(input.fileName.replace(/[\\/]/g, '_').slice(0, 200), mimeType);
  const key = `attachments/${input.customerId}/${randomUUID()}`;
  await storage.put(key, input.data);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(attachments)
        .values({
          customerId: input.customerId,
          fileName,
          mimeType,
          sizeBytes: input.data.byteLength,
          storageKey: key,
          title: input.title?.trim() || null,
          uploadedBy: actor.userId,
        })
        .returning();
      await recordHistory(tx, actor, [
        { customerId: input.customerId, kind: 'attachment', after: { fileName }, note: 'Đính kèm tài liệu' },
      ]);
      return row!;
    });
  } catch (e) {
    await storage.remove(key);
    throw e;
  }
}

export async function readAttachment(db: DbOrTx, actor: Actor, id: number, storage: FileStorage = getStorage()) {
  const [row] = await db.select().from(attachments).where(eq(attachments.id, id)).limit(1);
  if (!row) throw notFound('tệp đính kèm');
  await getCustomerForActor(db, actor, row.customerId, 'access', 'tệp đính kèm');
  // Rows stored before names followed the sniffed type still carry the uploader's extension.
  return { ...row, fileName: fileNameForType(row.fileName, row.mimeType), data: await storage.get(row.storageKey) };
}

export async function deleteAttachment(db: DbOrTx, actor: Actor, id: number, storage: FileStorage = getStorage()) {
  const [row] = await db.select().from(attachments).where(eq(attachments.id, id)).limit(1);
  if (!row) throw notFound('tệp đính kèm');
  await getCustomerForActor(db, actor, row.customerId, 'edit', 'tệp đính kèm');
  await db.transaction(async (tx) => {
    await tx.delete(attachments).where(eq(attachments.id, id));
    await recordHistory(tx, actor, [
      { customerId: row.customerId, kind: 'attachment', before: { fileName: row.fileName }, note: 'Xóa tài liệu' },
    ]);
  });
  await storage.remove(row.storageKey);
}
