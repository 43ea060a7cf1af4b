import { partnerReverse } from '@/services/payments/partner-payment.service';
import { handlePartnerRequest } from '../../../_lib/partner-auth';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * POST /api/partners/v1/payments/{transactionId}/reverse `{ "reason"? }` → the reversed payment's status. Only on
 * the business day of the payment (422 PAYMENT_REVERSAL_DAY_PASSED after); a second reverse answers the same state.
 */
export async function POST(request: Request, { params }: { params: Promise<{ transactionId: string }> }) {
  const { transactionId } = await params;
  return handlePartnerRequest(request, 'partner reversal', ({ db, partner, json }) =>
    partnerReverse(db, partner, transactionId, json()),
  );
}
