import { errorResponse, jsonError } from '@/app/api/_lib/http';
import { readUploadForm } from '@/app/api/_lib/limited-body';
import { getAppDatabase } from '@/app/server/app-database';
import { clientAddress } from '@/app/server/client-address';
import { PORTAL_MAX_FILE_BYTES, PORTAL_MAX_FILES_PER_UPLOAD } from '@/domain/portal/upload-type';
import { toNfc } from '@/domain/text/nfc';
import { verifyPortalChallenge } from '@/services/portal/portal-challenge';
import { consumeUpload, PortalRateLimitedError } from '@/services/portal/portal-limits';
import { stagePortalUploads } from '@/services/portal/portal-uploads.service';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const CROSS_SITE_MESSAGE = 'Yêu cầu tải tệp không hợp lệ. Vui lòng tải lại trang và thử lại.';

/**
 * Refuses an upload that a page of another site could have made the visitor's browser send. A multipart POST is a
 * "simple" request that browsers send cross-site without asking, so the route checks, in this order:
 * - Sec-Fetch-Site, which every current browser sets and no page can forge: only `same-origin` passes;
 * - Origin, for browsers without it: when present it must be this site's;
 * - the X-Portal-Token header: a genuine, unexpired portalChallenge. A custom header makes a cross-site fetch
 *   preflighted (and refused, the site allows no other origin), and a plain HTML form cannot send one at all.
 * No cookie is read: the portal has no session to ride on, what is protected is the visitor's address (its budgets)
 * and our storage.
 */
function isSameSite(request: Request): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin') return false;
  const origin = request.headers.get('origin');
  if (origin !== null) {
    const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host') ?? new URL(request.url).host;
    try {
      if (new URL(origin).host !== host) return false;
    } catch {
      return false;
    }
  }
  return verifyPortalChallenge(request.headers.get('x-portal-token')) !== null;
}

const rateLimited = (error: PortalRateLimitedError) =>
  Response.json(
    { code: error.code, message: error.message },
    { status: 429, headers: { 'cache-control': 'no-store', 'retry-after': String(error.retryAfterSeconds) } },
  );

/**
 * POST /api/portal/uploads (multipart: up to 5 `file` parts of at most 10 MB, PDF, JPEG, PNG or WebP by their
 * bytes) → 201 `{ files: [{ token, fileName, mimeType, sizeBytes }] }`: tokens for the `documents` of
 * submitConnectionRequest / submitServiceRequest (single use, 2 hours). 403 CROSS_SITE_REQUEST, 413 FILE_TOO_LARGE,
 * 415 FILE_TYPE_NOT_ALLOWED, 400 TOO_MANY_FILES / EMPTY_FILE / FILE_REQUIRED, 429 RATE_LIMITED (Retry-After).
 */
export async function POST(request: Request): Promise<Response> {
  if (!isSameSite(request)) return jsonError(403, 'CROSS_SITE_REQUEST', CROSS_SITE_MESSAGE);
  const { db } = await getAppDatabase();
  try {
    // Counted before the body is read: a refused address never gets 50 MB buffered.
    await consumeUpload(db, clientAddress(request.headers));
  } catch (error) {
    if (error instanceof PortalRateLimitedError) return rateLimited(error);
    throw error;
  }
  const { form, response } = await readUploadForm(
    request,
    PORTAL_MAX_FILE_BYTES * PORTAL_MAX_FILES_PER_UPLOAD,
    'Tổng dung lượng tệp vượt quá giới hạn (mỗi tệp tối đa 10 MB, tối đa 5 tệp).',
  );
  if (response) return response;
  const parts = form.getAll('file').filter((f): f is File => f instanceof File);
  try {
    const files = await Promise.all(
      parts.map(async (f) => ({ name: toNfc(f.name) || 'tai-lieu', data: new Uint8Array(await f.arrayBuffer()) })),
    );
    const staged = await stagePortalUploads(files);
    return Response.json({ files: staged }, { status: 201, headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return errorResponse(error, 'portal upload');
  }
}
