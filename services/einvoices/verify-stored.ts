/**
 * Checks every stored e-invoice XML: its SHA-256 against the one stored beside it, and its seller signature. Read
 * in pages by invoice id (keyset, never OFFSET), so two million invoices are checked in flat memory.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { rowsOf } from '@/db/sql';
import { verifyInvoiceXml } from './einvoice-signature';
import { sha256Hex } from './einvoice-store.service';

interface StoredEinvoiceFailure {
  invoiceId: number;
  /** Why, in Vietnamese (several reasons joined). */
  reason: string;
}

export interface VerifyStoredResult {
  checked: number;
  valid: number;
  failed: StoredEinvoiceFailure[];
}

export interface VerifyStoredOptions {
  pageSize?: number;
  /** Called after each page, for a progress line. */
  onPage?: (progress: { checked: number; failed: number; lastInvoiceId: number }) => void;
}

export async function verifyStoredEinvoices(
  db: DbOrTx,
  options: VerifyStoredOptions = {},
): Promise<VerifyStoredResult> {
  const pageSize = options.pageSize ?? 500;
  const result: VerifyStoredResult = { checked: 0, valid: 0, failed: [] };
  let after = 0;
  for (;;) {
    const rows = rowsOf<{ invoice_id: number; xml: string; sha256: string }>(
      await db.execute(sql`
        select invoice_id, xml, sha256 from einvoices where invoice_id > ${after} order by invoice_id limit ${pageSize}`),
    );
    if (rows.length === 0) break;
    for (const row of rows) {
      const invoiceId = Number(row.invoice_id);
      const reasons: string[] = [];
      if (sha256Hex(row.xml) !== String(row.sha256).trim()) {
        reasons.push('Mã băm SHA-256 không khớp: tệp XML đã bị thay đổi sau khi lưu.');
      }
      const signature = verifyInvoiceXml(row.xml);
      if (!signature.valid) reasons.push(signature.reason ?? 'Chữ ký không hợp lệ.');
      result.checked += 1;
      if (reasons.length === 0) result.valid += 1;
      else result.failed.push({ invoiceId, reason: reasons.join(' ') });
    }
    after = Number(rows[rows.length - 1]!.invoice_id);
    options.onPage?.({ checked: result.checked, failed: result.failed.length, lastInvoiceId: after });
    if (rows.length < pageSize) break;
  }
  return result;
}
