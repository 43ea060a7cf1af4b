/**
 * Verifies every stored e-invoice XML (SHA-256 and seller signature):
 *   npm run einvoice:verify
 * Prints the counts and the ids of the invoices that fail; exits 1 when any fails.
 * Uses DATABASE_URL, or else the embedded database (stop the server first: it allows one process at a time).
 */
import { serverEnv } from '@/config/env';
import { openDatabase } from '@/db/client';
import { verifyStoredEinvoices } from '@/services/einvoices/verify-stored';

const database = await openDatabase({ url: serverEnv().DATABASE_URL });
let exitCode = 0;
try {
  const result = await verifyStoredEinvoices(database.db, {
    onPage: ({ checked, failed }) => {
      if (checked % 10_000 === 0) process.stderr.write(`… đã kiểm tra ${checked} hóa đơn, ${failed} lỗi\n`);
    },
  });
  console.log(`Đã kiểm tra ${result.checked} hóa đơn điện tử: ${result.valid} hợp lệ, ${result.failed.length} lỗi.`);
  if (result.failed.length > 0) {
    exitCode = 1;
    console.log(`Hóa đơn lỗi (mã hóa đơn): ${result.failed.map((f) => f.invoiceId).join(', ')}`);
    for (const f of result.failed) console.log(`  ${f.invoiceId}: ${f.reason}`);
  }
} finally {
  await database.close();
}
process.exit(exitCode);
