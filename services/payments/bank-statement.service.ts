/**
 * Importing a bank statement (sao kê) of the company's receiving account: its credit lines go through the same
 * ingestion as the bank's notifications, so a line the webhook already delivered is a duplicate and a line imported
 * twice makes one payment. A statement of another account is refused whole.
 */
import type { Db } from '@/db/client';
import type { StatementRejection } from '@/domain/payments/bank-statement';
import type { Actor } from '@/services/auth/actor';
import { AppError } from '@/services/errors';
import { assertBankRight } from './bank-access';
import { parseStatementFile, type StatementFormat } from './bank-statement-file';
import { companyBankAccount, ingestBankTransactionDetails, normalizeBankAccount } from './bank-transfer.service';

/** The rejections listed back in full; a file with more is wrong as a whole and the count says so. */
const REJECTIONS_SHOWN = 200;

export interface StatementImportResult {
  format: StatementFormat;
  /** The company's account the lines were taken for. */
  account: string;
  /** Credit lines read (matched + suspense + duplicate + rejected). */
  lines: number;
  matched: number;
  suspense: number;
  duplicate: number;
  rejected: number;
  /** Debits and lines without a credit, passed over. */
  skippedDebits: number;
  matchedAmount: number;
  suspenseAmount: number;
  rejections: StatementRejection[];
}

/** Account numbers compared as banks print them, leading zeros aside (Excel drops them from a number cell). */
const sameAccount = (a: string, b: string) =>
  normalizeBankAccount(a).replace(/^0+/, '') === normalizeBankAccount(b).replace(/^0+/, '');

export async function importBankStatement(db: Db, actor: Actor, file: Uint8Array): Promise<StatementImportResult> {
  assertBankRight(actor, 'add', 'nhập sao kê ngân hàng');
  const account = await companyBankAccount(db);
  const { format, statement } = await parseStatementFile(file);
  if (statement.account && !sameAccount(statement.account, account))
    throw new AppError(
      'BANK_ACCOUNT_MISMATCH',
      `Sao kê là của tài khoản ${statement.account}, không phải tài khoản nhận tiền của công ty (${account}).`,
    );
  const results = await ingestBankTransactionDetails(
    db,
    statement.lines.map((l) => ({ ...l, bankAccount: account })),
    'statement',
    { recordedBy: actor.userId },
  );
  const rejections = [...statement.rejected];
  const counts = { matched: 0, suspense: 0, duplicate: 0, matchedAmount: 0, suspenseAmount: 0 };
  results.forEach((r, i) => {
    const line = statement.lines[i]!;
    if (r.status === 'duplicate' && r.amountDiffers) {
      rejections.push({
        row: line.row,
        externalId: line.externalId,
        reason: 'Số tham chiếu này đã nhận trước đó với số tiền khác: kiểm tra lại với ngân hàng.',
      });
      return;
    }
    counts[r.status]++;
    if (r.status === 'matched') counts.matchedAmount += line.amount;
    if (r.status === 'suspense') counts.suspenseAmount += line.amount;
  });
  rejections.sort((a, b) => a.row - b.row);
  return {
    format,
    account,
    lines: statement.lines.length + statement.rejected.length,
    ...counts,
    rejected: rejections.length,
    skippedDebits: statement.skippedDebits,
    rejections: rejections.slice(0, REJECTIONS_SHOWN),
  };
}
