/**
 * Documents attached to portal requests. A visitor uploads first (POST /api/portal/uploads) and submits the form
 * later, so an upload is staged: the bytes go to the file storage under a key the server makes
 * (`staging/portal/<random id>`, next to a small JSON with the sniffed type, size and cleaned name), and the visitor
 * gets a signed token `<id>.<expiresAt>.<mac>` instead of any path. A submission names its documents by token; the
 * token is checked, claimed once (its id recorded in `request_counters` inside the submission's transaction, so a
 * token cannot attach one file to two requests), and the file is stored on the work order.
 *
 * Staged files whose token is never used stay under `staging/portal/` until a sweep removes them (not yet written:
 * see the report of issue 10); nothing links to them and nothing can guess their keys.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { rowsOf } from '@/db/sql';
import {
  PORTAL_MAX_FILE_BYTES,
  PORTAL_MAX_FILES_PER_UPLOAD,
  portalFileName,
  sniffPortalUpload,
  type PortalUploadType,
} from '@/domain/portal/upload-type';
import type { WorkOrderDocumentKind } from '@/domain/work-orders/kinds';
import { AppError } from '@/services/errors';
import { getStorage, type FileStorage } from '@/services/storage/storage';
import { portalKey } from './portal-keys';

/** Long enough to fill in the rest of a registration after uploading its papers. */
const PORTAL_UPLOAD_TTL_SECONDS = 2 * 60 * 60;

const PORTAL_UPLOAD_INVALID_MESSAGE =
  'Tệp đính kèm không còn hiệu lực (đã hết hạn hoặc đã dùng cho một yêu cầu khác). Vui lòng tải tệp lên lại.';

export interface StagedUpload {
  token: string;
  fileName: string;
  mimeType: PortalUploadType;
  sizeBytes: number;
}

/** A claimed upload, ready to be stored on a work order. */
export interface ClaimedUpload {
  kind: WorkOrderDocumentKind;
  fileName: string;
  mimeType: PortalUploadType;
  sizeBytes: number;
  data: Uint8Array;
  /** The staging keys, removed once the submission committed. */
  stagingKeys: string[];
}

const TOKEN_PATTERN = /^([0-9a-f]{32})\.(\d{10})\.([A-Za-z0-9_-]{43})$/;
const stagingKey = (id: string) => `staging/portal/${id}`;

function mac(id: string, expiresAt: number): Buffer {
  return createHmac('sha256', portalKey('portal-upload/v1')).update(`upload:${id}:${expiresAt}`).digest();
}

/** The id of a genuine unexpired upload token, or null. */
function verifyUploadToken(token: string, now: Date = new Date()): string | null {
  const m = TOKEN_PATTERN.exec(token);
  if (!m) return null;
  const expiresAt = Number(m[2]);
  const given = Buffer.from(m[3]!, 'base64url');
  const expected = mac(m[1]!, expiresAt);
  const isGenuine = given.length === expected.length && timingSafeEqual(given, expected);
  return isGenuine && expiresAt * 1000 > now.getTime() ? m[1]! : null;
}

/**
 * Checks and stages the files of one upload request (the route has counted it against the address's budget with
 * consumeUpload before reading the body): TOO_MANY_FILES
 * past 5, EMPTY_FILE, FILE_TOO_LARGE past 10 MB, FILE_TYPE_NOT_ALLOWED unless the bytes are PDF, JPEG, PNG or WebP.
 * Every file is checked before any is stored: a request with one bad file stages nothing.
 */
export async function stagePortalUploads(
  files: { name: string; data: Uint8Array }[],
  options: { storage?: FileStorage; now?: Date } = {},
): Promise<StagedUpload[]> {
  if (files.length === 0) throw new AppError('FILE_REQUIRED', 'Chưa chọn tệp để tải lên.');
  if (files.length > PORTAL_MAX_FILES_PER_UPLOAD) {
    throw new AppError('TOO_MANY_FILES', `Mỗi lần chỉ tải lên tối đa ${PORTAL_MAX_FILES_PER_UPLOAD} tệp.`);
  }
  const checked = files.map((file) => {
    if (file.data.byteLength === 0) throw new AppError('EMPTY_FILE', `Tệp “${file.name}” rỗng.`);
    if (file.data.byteLength > PORTAL_MAX_FILE_BYTES) {
      throw new AppError('FILE_TOO_LARGE', `Tệp “${file.name}” vượt quá 10 MB.`);
    }
    const mimeType = sniffPortalUpload(file.data);
    if (!mimeType) {
      throw new AppError(
        'FILE_TYPE_NOT_ALLOWED',
        `Tệp “${file.name}” không phải PDF hoặc ảnh (JPEG, PNG, WebP). Vui lòng chụp hoặc quét lại giấy tờ.`,
      );
    }
    return { fileName: portalFileName(file.name, mimeType), mimeType, data: file.data };
  });
  const storage = options.storage ?? getStorage();
  const expiresAt = Math.floor((options.now ?? new Date()).getTime() / 1000) + PORTAL_UPLOAD_TTL_SECONDS;
  const staged: StagedUpload[] = [];
  for (const file of checked) {
    const id = randomBytes(16).toString('hex');
    const meta = { fileName: file.fileName, mimeType: file.mimeType, sizeBytes: file.data.byteLength };
    await storage.put(stagingKey(id), file.data);
    await storage.put(`${stagingKey(id)}.json`, new TextEncoder().encode(JSON.stringify(meta)));
    staged.push({ token: `${id}.${expiresAt}.${mac(id, expiresAt).toString('base64url')}`, ...meta });
  }
  return staged;
}

const invalid = () => new AppError('PORTAL_UPLOAD_INVALID', PORTAL_UPLOAD_INVALID_MESSAGE);

/**
 * Claims the uploads a submission names, inside its transaction: each token must be genuine, unexpired and unused
 * (PORTAL_UPLOAD_INVALID otherwise, and the rollback frees the ones claimed before it). Returns the files' bytes.
 */
export async function claimPortalUploads(
  tx: DbOrTx,
  documents: readonly { token: string; kind: WorkOrderDocumentKind }[],
  options: { storage?: FileStorage; now?: Date } = {},
): Promise<ClaimedUpload[]> {
  const storage = options.storage ?? getStorage();
  const claimed: ClaimedUpload[] = [];
  const seen = new Set<string>();
  for (const doc of documents) {
    const id = verifyUploadToken(doc.token, options.now);
    if (!id || seen.has(id)) throw invalid();
    seen.add(id);
    const rows = rowsOf<{ key: string }>(
      await tx.execute(sql`
        insert into request_counters (key, count, window_started_at) values (${`portal-upload:${id}`}, 1, now())
        on conflict (key) do nothing returning key`),
    );
    if (rows.length !== 1) throw invalid();
    let meta: { fileName: string; mimeType: PortalUploadType; sizeBytes: number };
    let data: Uint8Array;
    try {
      meta = JSON.parse(new TextDecoder().decode(await storage.get(`${stagingKey(id)}.json`))) as typeof meta;
      data = await storage.get(stagingKey(id));
    } catch {
      throw invalid();
    }
    // The staged bytes are checked again: the storage is trusted, but a document's type decides how staff open it.
    if (sniffPortalUpload(data) !== meta.mimeType || data.byteLength !== meta.sizeBytes) throw invalid();
    claimed.push({
      kind: doc.kind,
      fileName: meta.fileName,
      mimeType: meta.mimeType,
      sizeBytes: meta.sizeBytes,
      data,
      stagingKeys: [stagingKey(id), `${stagingKey(id)}.json`],
    });
  }
  return claimed;
}

/** Removes the staged copies of claimed uploads once their submission committed; a failure only leaves litter. */
export async function removeStagedUploads(claimed: readonly ClaimedUpload[], storage: FileStorage = getStorage()) {
  await Promise.all(claimed.flatMap((c) => c.stagingKeys.map((k) => storage.remove(k).catch(() => {}))));
}
