import { partnerPay } from '@/services/payments/partner-payment.service';
import { handlePartnerRequest } from '../_lib/partner-auth';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * POST /api/partners/v1/payments `{ "transactionId", "customerCode", "amount", "paidAt" }` → 201 with the payment
 * and what it paid. Idempotent on (partner, transactionId): a retry gets the first answer again, byte for byte; the
 * same id with other data gets 409 IDEMPOTENCY_CONFLICT.
 */
export function POST(request: Request): Promise<Response> {
  return handlePartnerRequest(request, 'partner payment', ({ db, partner, json }) => partnerPay(db, partner, json()));
}
