/**
 * The bank's credit notification over the partner API (POST /api/partners/v1/bank-transactions): signed like any
 * partner call, then handed to the bank-transfer ingestion, which dedupes on (account, bank transaction id), pays the
 * customer its payment code names, or parks the money in suspense. A repeated notification answers `DUPLICATE`
 * with the payment the first one made.
 */
import type { Db } from '@/db/client';
import { AppError } from '@/services/errors';
import { ingestBankTransactions } from './bank-transfer.service';
import {
  asObject,
  canonicalJson,
  parsePaidAt,
  parseTransactionId,
  type PartnerAnswer,
  type RequestingPartner,
} from './partner-payment.service';
import { receiptNumber } from './payment.service';

const DESCRIPTION_MAX = 1000;

export async function partnerBankTransaction(
  db: Db,
  partner: RequestingPartner,
  body: unknown,
  now: Date = new Date(),
): Promise<PartnerAnswer> {
  // A store or an e-wallet could otherwise invent a transfer to the company's account and have it paid.
  if (!partner.notifiesBank)
    throw new AppError(
      'PARTNER_NOT_A_BANK',
      'Đối tác này không phải ngân hàng nhận tiền của công ty: không được gửi thông báo chuyển khoản.',
    );
  const o = asObject(body);
  const transactionId = parseTransactionId(o.transactionId);
  if (typeof o.account !== 'string' || o.account.trim() === '' || o.account.length > 40)
    throw new AppError('VALIDATION_FAILED', 'Thiếu số tài khoản nhận tiền.', { field: 'account' });
  if (typeof o.amount !== 'number')
    throw new AppError('PAYMENT_INVALID_AMOUNT', 'Số tiền ghi có phải là số nguyên dương (đồng).', { field: 'amount' });
  const receivedAt = parsePaidAt(o.receivedAt, now, 'receivedAt');
  if (typeof o.description !== 'string' || o.description.length > DESCRIPTION_MAX)
    throw new AppError('VALIDATION_FAILED', `Nội dung chuyển khoản là chuỗi tối đa ${DESCRIPTION_MAX} ký tự.`, {
      field: 'description',
    });
  const [result] = await ingestBankTransactions(
    db,
    [{ bankAccount: o.account, externalId: transactionId, amount: o.amount, receivedAt, description: o.description }],
    'webhook',
  );
  return {
    status: 200,
    body: canonicalJson({
      transactionId,
      status: result!.status.toUpperCase(),
      receiptNumber: result!.paymentId === null ? null : receiptNumber(result!.paymentId),
    }),
  };
}
