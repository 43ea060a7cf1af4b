/**
 * Money arriving on the company's bank account (VietQR transfers): a bank's notification (the webhook) or a line of
 * an imported statement. Each transaction is written once per (account, bank transaction id); one whose description
 * carries the payment code of a known customer becomes a bank-transfer payment at once, the rest waits in suspense
 * for a cashier (bank-suspense.service.ts).
 *
 * Only the company's own receiving account (companies.bank_account, printed in every VietQR code) is taken: money
 * reported for any other account means a misconfigured bank feed or a wrong statement, so the whole call is refused
 * (BANK_ACCOUNT_MISMATCH) before anything is written, rather than parked where nobody expects it.
 */
import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db/client';
import { pgArray, rowsOf } from '@/db/sql';
import { findPaymentCodes } from '@/domain/invoices/vietqr';
import { AppError } from '@/services/errors';
import { MAX_PAYMENT, postPayment } from './payment.service';

type Row = Record<string, unknown>;

export interface BankTransactionInput {
  bankAccount: string;
  /** The bank's transaction id (reference): unique per account. */
  externalId: string;
  /** Whole VND credited. */
  amount: number;
  receivedAt: Date;
  description: string;
}

type BankIngestStatus = 'matched' | 'suspense' | 'duplicate';

interface BankIngestResult {
  externalId: string;
  status: BankIngestStatus;
  /** The payment made (matched), or the one an earlier copy made (duplicate); null in suspense. */
  paymentId: number | null;
}

/** What the statement import also needs to know about a line it sent. */
export interface BankIngestDetail extends BankIngestResult {
  /** A duplicate whose first copy carried another amount: the bank's id was reused or the file is wrong. */
  amountDiffers: boolean;
}

const EXTERNAL_ID_MAX = 64;
/** Bank descriptions are about 200 characters; more is kept cut, the match reads the whole text. */
const DESCRIPTION_MAX = 1000;

/** Account numbers as banks print them: "0011 0012 3456", "0011-001-23456". */
export function normalizeBankAccount(account: string): string {
  return account.replace(/[\s.-]/g, '').toUpperCase();
}

/** The company's receiving account, normalised; refused when the company has not set one. */
export async function companyBankAccount(db: DbOrTx): Promise<string> {
  const [row] = rowsOf<Row>(await db.execute(sql`select bank_account from companies order by id limit 1`));
  const account = row?.bank_account == null ? '' : normalizeBankAccount(String(row.bank_account));
  if (!account)
    throw new AppError(
      'BANK_ACCOUNT_NOT_CONFIGURED',
      'Chưa khai báo tài khoản ngân hàng nhận tiền của công ty (Thiết lập hóa đơn), nên chưa thể nhận tiền chuyển khoản.',
    );
  return account;
}

function assertCompanyAccount(account: string, companyAccount: string, field = 'bankAccount'): void {
  if (normalizeBankAccount(account) !== companyAccount)
    throw new AppError(
      'BANK_ACCOUNT_MISMATCH',
      `Tài khoản ${account.slice(0, 40)} không phải tài khoản nhận tiền của công ty (${companyAccount}).`,
      { field },
    );
}

function validateItem(item: BankTransactionInput, at: number): void {
  const field = (name: string) => `items.${at}.${name}`;
  const externalId = typeof item.externalId === 'string' ? item.externalId.trim() : '';
  if (!externalId || externalId.length > EXTERNAL_ID_MAX)
    throw new AppError('VALIDATION_FAILED', `Mã giao dịch ngân hàng phải có từ 1 đến ${EXTERNAL_ID_MAX} ký tự.`, {
      field: field('externalId'),
    });
  if (!Number.isSafeInteger(item.amount) || item.amount <= 0 || item.amount > MAX_PAYMENT)
    throw new AppError('PAYMENT_INVALID_AMOUNT', 'Số tiền ghi có phải là số nguyên dương (đồng), tối đa 100 tỷ.', {
      field: field('amount'),
    });
  if (!(item.receivedAt instanceof Date) || Number.isNaN(item.receivedAt.getTime()))
    throw new AppError('VALIDATION_FAILED', 'Thời điểm nhận tiền không hợp lệ.', { field: field('receivedAt') });
  if (typeof item.description !== 'string')
    throw new AppError('VALIDATION_FAILED', 'Thiếu nội dung chuyển khoản.', { field: field('description') });
}

/** The invoice of a period that can take money (issued or adjusted; a replaced one's replacement). */
export async function periodInvoice(tx: DbOrTx, customerId: number, period: string): Promise<number | null> {
  const [row] = rowsOf<Row>(
    await tx.execute(sql`select id from invoices where customer_id = ${customerId} and period = ${period}
      and status in ('issued', 'adjusted') and kind <> 'adjustment' order by id limit 1`),
  );
  return row ? Number(row.id) : null;
}

interface Line {
  item: BankTransactionInput;
  externalId: string;
  description: string;
  /** The customer the payment code names (the first reading naming a real customer) and the period. */
  match: { customerId: number; period: string } | null;
}

/** Every customer any reading of the descriptions names, in one query: code → id. */
async function customersNamed(db: DbOrTx, descriptions: readonly string[]): Promise<Map<string, number>> {
  const codes = [...new Set(descriptions.flatMap((d) => findPaymentCodes(d).map((r) => r.customerCode)))];
  if (codes.length === 0) return new Map();
  const rows = rowsOf<Row>(
    await db.execute(sql`select id, code from customers where code = any(${pgArray(codes)}::text[])`),
  );
  return new Map(rows.map((r) => [String(r.code), Number(r.id)]));
}

/** What is already recorded of these bank ids: amount and payment, by id. */
async function recorded(
  db: DbOrTx,
  account: string,
  externalIds: readonly string[],
): Promise<Map<string, { amount: number; paymentId: number | null }>> {
  if (externalIds.length === 0) return new Map();
  const rows = rowsOf<Row>(
    await db.execute(sql`select external_id, amount, payment_id from bank_transactions
      where bank_account = ${account} and external_id = any(${pgArray(externalIds)}::text[])`),
  );
  return new Map(
    rows.map((r) => [
      String(r.external_id),
      { amount: Number(r.amount), paymentId: r.payment_id == null ? null : Number(r.payment_id) },
    ]),
  );
}

const duplicateOf = (
  line: Line,
  first: { amount: number; paymentId: number | null } | undefined,
): BankIngestDetail => ({
  externalId: line.externalId,
  status: 'duplicate',
  paymentId: first?.paymentId ?? null,
  amountDiffers: first !== undefined && first.amount !== line.item.amount,
});

/** Rows of one multi-row insert of suspense lines: a few hundred parameters' worth of arrays, never 65,534. */
const SUSPENSE_CHUNK = 1000;

/**
 * Money no code matched, written in bulk (a statement is mostly this or duplicates). ON CONFLICT DO NOTHING: a line
 * another writer recorded meanwhile is not returned, and is answered as a duplicate of that writer's.
 */
async function insertSuspense(
  db: Db,
  account: string,
  lines: readonly Line[],
  source: 'webhook' | 'statement',
): Promise<BankIngestDetail[]> {
  const inserted = new Set<string>();
  for (let at = 0; at < lines.length; at += SUSPENSE_CHUNK) {
    const chunk = lines.slice(at, at + SUSPENSE_CHUNK);
    // The instants travel as text[]: postgres.js does not serialize a timestamptz[] parameter of strings.
    const rows = rowsOf<Row>(
      await db.execute(sql`insert into bank_transactions (bank_account, external_id, amount, received_at, description,
          source, status)
        select ${account}, x.external_id, x.amount, x.received_at::timestamptz, x.description, ${source}, 'suspense'
        from unnest(${pgArray(chunk.map((l) => l.externalId))}::text[], ${pgArray(chunk.map((l) => l.item.amount))}::int8[],
          ${pgArray(chunk.map((l) => l.item.receivedAt.toISOString()))}::text[],
          ${pgArray(chunk.map((l) => l.description))}::text[]) as x(external_id, amount, received_at, description)
        on conflict (bank_account, external_id) do nothing
        returning external_id`),
    );
    for (const r of rows) inserted.add(String(r.external_id));
  }
  const raced = await recorded(
    db,
    account,
    lines.filter((l) => !inserted.has(l.externalId)).map((l) => l.externalId),
  );
  return lines.map((line) =>
    inserted.has(line.externalId)
      ? { externalId: line.externalId, status: 'suspense', paymentId: null, amountDiffers: false }
      : duplicateOf(line, raced.get(line.externalId)),
  );
}

/** A line naming a customer: its row and its payment in one transaction. */
async function insertMatched(
  db: Db,
  account: string,
  line: Line & { match: NonNullable<Line['match']> },
  source: 'webhook' | 'statement',
  recordedBy: number | null,
): Promise<BankIngestDetail> {
  const { item, externalId, match } = line;
  return db.transaction(async (tx) => {
    // ON CONFLICT DO NOTHING waits for a concurrent inserter of the same id and then does nothing: a notification
    // delivered twice at once, or a statement imported while the webhook writes, makes one row and one payment.
    const [inserted] = rowsOf<Row>(
      await tx.execute(sql`insert into bank_transactions (bank_account, external_id, amount, received_at, description,
          source, status)
        values (${account}, ${externalId}, ${item.amount}, ${item.receivedAt.toISOString()}, ${line.description},
          ${source}, 'suspense')
        on conflict (bank_account, external_id) do nothing
        returning id`),
    );
    if (!inserted) return duplicateOf(line, (await recorded(tx, account, [externalId])).get(externalId));
    const { payment } = await postPayment(tx, {
      customerId: match.customerId,
      amount: item.amount,
      channel: 'bank_transfer',
      paidAt: item.receivedAt,
      externalId,
      bankAccount: account,
      recordedBy,
      preferredInvoiceId: await periodInvoice(tx, match.customerId, match.period),
      note: `Chuyển khoản ${externalId}`,
    });
    await tx.execute(sql`update bank_transactions set status = 'matched', payment_id = ${payment.id}
      where id = ${Number(inserted.id)}`);
    return { externalId, status: 'matched', paymentId: payment.id, amountDiffers: false };
  });
}

/** ingestBankTransactions with what the statement import needs besides (an amount differing from a first copy). */
export async function ingestBankTransactionDetails(
  db: Db,
  items: readonly BankTransactionInput[],
  source: 'webhook' | 'statement',
  options: { recordedBy?: number | null } = {},
): Promise<BankIngestDetail[]> {
  if (source !== 'webhook' && source !== 'statement')
    throw new AppError('VALIDATION_FAILED', 'Nguồn giao dịch không hợp lệ.', { field: 'source' });
  items.forEach(validateItem);
  if (items.length === 0) return [];
  const account = await companyBankAccount(db);
  items.forEach((item, at) => assertCompanyAccount(item.bankAccount, account, `items.${at}.bankAccount`));

  const customers = await customersNamed(
    db,
    items.map((i) => i.description),
  );
  const lines: Line[] = items.map((item) => {
    const reading = findPaymentCodes(item.description).find((r) => customers.has(r.customerCode));
    return {
      item,
      externalId: item.externalId.trim(),
      description: item.description.slice(0, DESCRIPTION_MAX),
      match: reading ? { customerId: customers.get(reading.customerCode)!, period: reading.period } : null,
    };
  });
  const results = new Array<BankIngestDetail>(lines.length);
  // Seen before (the usual case for a statement after the day's notifications, or a notification retried): answered
  // from one query, nothing written. A bank id twice in the same batch: the first copy counts.
  const known = await recorded(
    db,
    account,
    lines.map((l) => l.externalId),
  );
  const firstAt = new Map<string, number>();
  const suspense: number[] = [];
  const matched: number[] = [];
  lines.forEach((line, at) => {
    const earlier = firstAt.get(line.externalId);
    if (known.has(line.externalId)) results[at] = duplicateOf(line, known.get(line.externalId));
    else if (earlier !== undefined)
      results[at] = duplicateOf(line, { amount: lines[earlier]!.item.amount, paymentId: null });
    else {
      firstAt.set(line.externalId, at);
      (line.match ? matched : suspense).push(at);
    }
  });
  const parked = await insertSuspense(
    db,
    account,
    suspense.map((at) => lines[at]!),
    source,
  );
  suspense.forEach((at, i) => (results[at] = parked[i]!));
  // One transaction per paying line: a line that fails (a constraint, a lock time-out) leaves the lines before it
  // written, and a retry of the whole batch dedupes them.
  for (const at of matched) {
    const line = lines[at]!;
    results[at] = await insertMatched(db, account, { ...line, match: line.match! }, source, options.recordedBy ?? null);
  }
  // A repeat within the batch of a line that made a payment answers with that payment.
  lines.forEach((line, at) => {
    const first = firstAt.get(line.externalId);
    if (first !== undefined && first !== at && results[at]!.status === 'duplicate' && !known.has(line.externalId))
      results[at] = { ...results[at]!, paymentId: results[first]!.paymentId };
  });
  return results;
}

/**
 * Takes bank transactions (a notification's or a statement's lines), answering each in order: 'duplicate' when the
 * (account, bank id) was seen before or earlier in the batch (nothing written; the earlier payment's id when it made
 * one), 'matched' when the description's payment code names a known customer (a bank-transfer payment, that
 * period's invoice paid first, each in its own transaction), else 'suspense' (written in bulk). Every item is
 * checked before anything is written: whole positive VND up to 100 billion, an id of 1–64 characters, a real date,
 * and the company's own receiving account.
 */
export async function ingestBankTransactions(
  db: Db,
  items: { bankAccount: string; externalId: string; amount: number; receivedAt: Date; description: string }[],
  source: 'webhook' | 'statement',
  options: { recordedBy?: number | null } = {},
): Promise<{ externalId: string; status: 'matched' | 'suspense' | 'duplicate'; paymentId: number | null }[]> {
  const details = await ingestBankTransactionDetails(db, items, source, options);
  return details.map(({ externalId, status, paymentId }) => ({ externalId, status, paymentId }));
}
