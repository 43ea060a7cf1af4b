import { partnerBankTransaction } from '@/services/payments/partner-bank.service';
import { handlePartnerRequest } from '../_lib/partner-auth';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * POST /api/partners/v1/bank-transactions `{ "transactionId", "account", "amount", "receivedAt", "description" }`:
 * the bank's notification of money credited to the company's account, signed like every partner call. Answers
 * `{ transactionId, status: MATCHED | SUSPENSE | DUPLICATE, receiptNumber }`.
 */
export function POST(request: Request): Promise<Response> {
  return handlePartnerRequest(request, 'partner bank transaction', ({ db, partner, json }) =>
    partnerBankTransaction(db, partner, json()),
  );
}
