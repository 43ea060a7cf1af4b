import { partnerBills } from '@/services/payments/partner-payment.service';
import { handlePartnerRequest } from '../_lib/partner-auth';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * POST /api/partners/v1/bills `{ "customerCode" }` → the customer's open invoices (id, period, series, number,
 * amountDue), totalDue and credit, with the customer's name and address masked. Signed like every partner call.
 */
export function POST(request: Request): Promise<Response> {
  return handlePartnerRequest(request, 'partner bills', ({ db, partner, json }) => partnerBills(db, partner, json()));
}
