import 'server-only';
import { jsonError, parseId } from '@/app/api/_lib/http';
import { getAppDatabase } from '@/app/server/app-database';
import { clientAddress } from '@/app/server/client-address';
import type { Db } from '@/db/client';
import { consumeDownload, PortalRateLimitedError } from '@/services/portal/portal-limits';
import { verifyPortalLink } from '@/services/portal/portal-token';

const LINK_INVALID_MESSAGE =
  'Liên kết tải hóa đơn không hợp lệ hoặc đã hết hạn. Vui lòng tra cứu lại để nhận liên kết mới.';

/**
 * The gate of a portal download: a budget per client address, then the link's token for exactly this invoice. A
 * missing, forged or expired token and another invoice's token get one answer (403 PORTAL_LINK_INVALID), and an id
 * that is not an invoice gets it too, so the route tells nothing about which invoices exist. No session is read:
 * the token is the visitor's only right, and a signed-in staff member is answered the same.
 */
export async function openPortalDownload(
  request: Request,
  rawId: string,
): Promise<{ db: Db; invoiceId: number } | Response> {
  const { db } = await getAppDatabase();
  try {
    await consumeDownload(db, clientAddress(request.headers));
  } catch (error) {
    if (error instanceof PortalRateLimitedError) {
      return Response.json(
        { code: error.code, message: error.message },
        {
          status: 429,
          headers: { 'cache-control': 'no-store', 'retry-after': String(error.retryAfterSeconds) },
        },
      );
    }
    throw error;
  }
  const invoiceId = parseId(rawId);
  const token = new URL(request.url).searchParams.get('token');
  if (invoiceId === null || !verifyPortalLink(invoiceId, token)) {
    return jsonError(403, 'PORTAL_LINK_INVALID', LINK_INVALID_MESSAGE);
  }
  return { db, invoiceId };
}

/** Headers of every portal download: never cached (the link is a credential), never sniffed, no referrer leak. */
export const PORTAL_DOWNLOAD_HEADERS = {
  'cache-control': 'private, no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
} as const;
