import { partnerPaymentStatus } from '@/services/payments/partner-payment.service';
import { handlePartnerRequest } from '../../_lib/partner-auth';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * GET /api/partners/v1/payments/{transactionId} → the payment's status (POSTED or REVERSED), amount and what it
 * holds on which invoice; 404 PARTNER_TRANSACTION_NOT_FOUND when this partner never made it. Signed over an empty
 * body: `{timestamp}.`.
 */
export async function GET(request: Request, { params }: { params: Promise<{ transactionId: string }> }) {
  const { transactionId } = await params;
  return handlePartnerRequest(request, 'partner payment status', ({ db, partner }) =>
    partnerPaymentStatus(db, partner, transactionId),
  );
}
