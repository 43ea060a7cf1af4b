/**
 * The invoice a billing run writes, as plain data: totals and numbered lines that keep the tariff
 * version, tier, m3, unit price and amount of every charge.
 */
import type { BillLine, BillResult, BillWarning } from '../tariff/types';

type InvoiceKind = 'regular' | 'backbill';

export interface InvoiceLineDraft {
  /** tier | subscription | vat | environment_fee | drainage | drainage_vat | backbill_amount */
  kind: string;
  description: string;
  tariffVersionId: number | null;
  tier: number | null;
  quantity: number;
  unitPrice: number;
  amount: number;
}

export interface InvoiceTotals {
  consumption: number;
  subtotal: number;
  vat: number;
  environmentFee: number;
  drainageFee: number;
  drainageVat: number;
  total: number;
}

export interface InvoiceDraft extends InvoiceTotals {
  kind: InvoiceKind;
  lines: InvoiceLineDraft[];
  /** What the engine assumed for this bill (kept with the invoice: the run's warning list and the invoice show them). */
  warnings: BillWarning[];
}

export function lineDraft(line: BillLine): InvoiceLineDraft {
  return {
    kind: line.kind,
    description: line.description,
    tariffVersionId: line.tariffVersionId ?? null,
    tier: line.tier ?? null,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    amount: line.amount,
  };
}

const draftLinesCache = new WeakMap<BillResult, InvoiceLineDraft[]>();

/**
 * The regular invoice of a period from an engine result. Results are memoised across customers, and so
 * are their line drafts: the same objects are shared, which is safe because nothing mutates them.
 */
export function regularInvoice(result: BillResult): InvoiceDraft {
  let lines = draftLinesCache.get(result);
  if (!lines) {
    lines = result.lines.map(lineDraft);
    draftLinesCache.set(result, lines);
  }
  return {
    kind: 'regular',
    consumption: result.billedConsumption,
    subtotal: result.subtotal,
    vat: result.vat,
    environmentFee: result.environmentFee,
    drainageFee: result.drainageFee,
    drainageVat: result.drainageVat,
    total: result.total,
    lines,
    warnings: result.warnings,
  };
}

/** Totals of lines by kind, the way the engine adds them up (total = sum of already rounded lines). */
export function totalsOf(lines: readonly InvoiceLineDraft[], consumption: number): InvoiceTotals {
  const sum = (kinds: readonly string[]) =>
    lines.filter((l) => kinds.includes(l.kind)).reduce((a, l) => a + l.amount, 0);
  const subtotal = sum(['tier', 'subscription', 'backbill_amount']);
  const vat = sum(['vat']);
  const environmentFee = sum(['environment_fee']);
  const drainageFee = sum(['drainage']);
  const drainageVat = sum(['drainage_vat']);
  return {
    consumption,
    subtotal,
    vat,
    environmentFee,
    drainageFee,
    drainageVat,
    total: subtotal + vat + environmentFee + drainageFee + drainageVat,
  };
}
