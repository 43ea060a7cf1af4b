/**
 * One customer's bill for a period, computed the way a billing run computes it (same inputs, same engine) but
 * written nowhere: corrections (replacement and adjustment invoices) start from it.
 */
import type { DbOrTx } from '@/db/client';
import { BillMemo } from '@/domain/billing/bill-request';
import { computeChunk, type ChunkResult } from '@/domain/billing/run-chunk';
import { loadChunk } from './billing-inputs';
import { loadTariffCatalog } from './billing-executor';
import { drizzleRunner } from './bulk-sql';

export async function computeCustomerBill(db: DbOrTx, customerId: number, period: string): Promise<ChunkResult> {
  const catalog = await loadTariffCatalog(db);
  const chunk = await loadChunk(drizzleRunner(db), period, { kind: 'customer', customerId }, 0, 1);
  return computeChunk(chunk.customers, catalog, new BillMemo(period, catalog.versionsByServiceType));
}
