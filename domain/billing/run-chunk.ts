/**
 * One chunk of a billing run, in memory: customers' facts and period data in, invoices and skips out.
 * Pure, so the run's I/O stays in a few bulk statements per chunk and this part is unit-tested alone.
 */
import { TariffError } from '../tariff/errors';
import type { ConsumptionSplit, TariffVersion, WastewaterMode } from '../tariff/types';
import { backbillInvoice, type BackbillItem } from './backbill';
import { type BillMemo, preferentialCodeFor, type CustomerBillFacts } from './bill-request';
import { regularInvoice, type InvoiceDraft } from './invoice-draft';
import { decideBilling, type SkipReason } from './skip-reasons';

export interface ChunkCustomer {
  id: number;
  bookId: number;
  serviceTypeId: number | null;
  households: number;
  persons: number;
  status: number;
  isPreferential: boolean;
  preferentialUntil: string | null;
  wastewaterFeeMode: WastewaterMode;
  wastewaterFeeBp: number | null;
  isRuralCommune: boolean;
  /** Usage splits by service type id (percent); empty = none. */
  splits: { serviceTypeId: number; percent: number }[];
  readingCount: number;
  consumption: number;
  hasOpenAnomaly: boolean;
  isSuspended: boolean;
  spreadQuantity: number;
  backbills: BackbillItem[];
  /** m3 already billed in the past periods the back-billing refers to. */
  billedConsumption: ReadonlyMap<string, number>;
}

export interface TariffCatalog {
  versionsByServiceType: Record<string, TariffVersion[]>;
  codeOfServiceType: ReadonlyMap<number, string>;
  knownCodes: ReadonlySet<string>;
}

export interface ChunkInvoice {
  customerId: number;
  bookId: number;
  serviceTypeId: number | null;
  draft: InvoiceDraft;
}

export interface ChunkResult {
  invoices: ChunkInvoice[];
  skips: { customerId: number; reason: SkipReason }[];
}

function billFacts(c: ChunkCustomer, catalog: TariffCatalog): CustomerBillFacts | null {
  const code = c.serviceTypeId === null ? undefined : catalog.codeOfServiceType.get(c.serviceTypeId);
  if (!code) return null;
  let splits: ConsumptionSplit[] | null = null;
  if (c.splits.length > 0) {
    splits = c.splits.map((s) => ({
      serviceTypeCode: catalog.codeOfServiceType.get(s.serviceTypeId) ?? `#${s.serviceTypeId}`,
      percent: s.percent,
    }));
  }
  return {
    serviceTypeCode: code,
    households: c.households,
    persons: c.persons,
    splits,
    preferentialCode: c.isPreferential ? preferentialCodeFor(code, catalog.knownCodes) : null,
    preferentialUntil: c.preferentialUntil,
    wastewater:
      c.wastewaterFeeMode === 'custom'
        ? { mode: 'custom', customBp: c.wastewaterFeeBp ?? 0 }
        : { mode: c.wastewaterFeeMode },
    isRuralCommune: c.isRuralCommune,
  };
}

function reasonOf(error: unknown): SkipReason {
  if (error instanceof TariffError) return error.code === 'NO_TARIFF_VERSION' ? 'no_tariff' : 'invalid_data';
  throw error;
}

export function computeChunk(customers: readonly ChunkCustomer[], catalog: TariffCatalog, memo: BillMemo): ChunkResult {
  const result: ChunkResult = { invoices: [], skips: [] };
  for (const c of customers) {
    const facts = billFacts(c, catalog);
    const decision = decideBilling({
      hasServiceType: facts !== null,
      isSuspended: c.isSuspended,
      status: c.status,
      readingCount: c.readingCount,
      hasOpenAnomaly: c.hasOpenAnomaly,
      consumption: c.consumption,
      spreadQuantity: c.spreadQuantity,
      backbillCount: c.backbills.length,
    });
    if (!decision.bill || !facts) {
      result.skips.push({ customerId: c.id, reason: decision.bill ? 'no_service_type' : decision.reason });
      continue;
    }
    try {
      const drafts: InvoiceDraft[] = [];
      if (decision.regular) drafts.push(regularInvoice(memo.bill(facts, decision.consumption)));
      if (decision.backbill) {
        drafts.push(
          backbillInvoice(c.backbills, {
            facts,
            versionsByServiceType: catalog.versionsByServiceType,
            billedConsumption: c.billedConsumption,
          }),
        );
      }
      for (const draft of drafts)
        result.invoices.push({ customerId: c.id, bookId: c.bookId, serviceTypeId: c.serviceTypeId, draft });
    } catch (e) {
      result.skips.push({ customerId: c.id, reason: reasonOf(e) });
    }
  }
  return result;
}
