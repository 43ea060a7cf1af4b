/**
 * Back-billing (truy thu): m3 or an amount owed for a past period, billed now at THAT period's tariff.
 *
 * Back-billed m3 were used in the past period on top of what was billed then, so they are priced as the
 * increment: the tier lines of bill(already billed + extra) minus those of bill(already billed), under the
 * versions in force in the past period. A customer who had 8 m3 billed and owes 5 more pays 2 m3 in tier 1
 * and 3 m3 in tier 2, exactly what one correct bill would have charged. An owed amount is water money
 * before VAT. VAT and fees are then added on the back-billed water with the past version's rates.
 */
import { calculateBill } from '../tariff/engine';
import { TariffError } from '../tariff/errors';
import { feeLines, type PricedAmount } from '../tariff/fees';
import type { BillLine, BillWarning, TariffVersion } from '../tariff/types';
import { sortedVersions, versionInForce } from '../tariff/versions';
import { periodBounds } from '../reading/period';
import { billInputFor, type CustomerBillFacts } from './bill-request';
import { periodLabel } from './periods';
import { lineDraft, totalsOf, type InvoiceDraft, type InvoiceLineDraft } from './invoice-draft';

export type BackbillItem =
  | { kind: 'backbill_m3'; tariffPeriod: string; quantity: number; reason: string }
  | { kind: 'backbill_amount'; tariffPeriod: string; amount: number; reason: string };

export interface BackbillContext {
  facts: CustomerBillFacts;
  versionsByServiceType: Record<string, TariffVersion[]>;
  /** m3 already billed in each past period (the regular invoice, else the readings; absent = 0). */
  billedConsumption: ReadonlyMap<string, number>;
}

function tierKey(line: BillLine): string {
  return `${line.tariffVersionId ?? ''}|${line.serviceTypeCode ?? ''}|${line.tier ?? ''}`;
}

function versionById(versionsByServiceType: Record<string, TariffVersion[]>, id: number | undefined): TariffVersion {
  for (const list of Object.values(versionsByServiceType)) {
    const found = list.find((v) => v.id === id);
    if (found) return found;
  }
  throw new Error(`tariff version ${String(id)} not loaded`);
}

/** Incremental tier lines of `extra` m3 on top of `base` m3 in `period`. */
function incrementalTierLines(
  ctx: BackbillContext,
  period: string,
  base: number,
  extra: number,
): { priced: PricedAmount[]; lines: InvoiceLineDraft[]; warnings: BillWarning[] } {
  const before = calculateBill(billInputFor(ctx.facts, base, period, ctx.versionsByServiceType));
  const after = calculateBill(billInputFor(ctx.facts, base + extra, period, ctx.versionsByServiceType));
  const beforeByKey = new Map(
    before.lines.filter((l) => l.kind === 'tier' || l.kind === 'subscription').map((l) => [tierKey(l), l]),
  );
  const priced: PricedAmount[] = [];
  const lines: InvoiceLineDraft[] = [];
  const prefix = `Truy thu kỳ ${periodLabel(period)} – `;
  for (const line of after.lines) {
    if (line.kind !== 'tier') continue;
    const prior = beforeByKey.get(tierKey(line));
    const quantity = line.quantity - (prior?.quantity ?? 0);
    const amount = line.amount - (prior?.amount ?? 0);
    if (quantity <= 0 && amount <= 0) continue;
    priced.push({ version: versionById(ctx.versionsByServiceType, line.tariffVersionId), amount });
    lines.push({ ...lineDraft(line), description: prefix + line.description, quantity, amount });
  }
  // The minimum consumption does not apply to an increment; the other warnings describe how the past period was priced.
  return { priced, lines, warnings: after.warnings.filter((w) => w.code !== 'minimum_applied') };
}

/** The version whose rates apply to an owed amount: the one in force on the last day of the past period. */
function versionForAmount(ctx: BackbillContext, period: string): TariffVersion {
  const { end } = periodBounds(period);
  const prefValid = ctx.facts.preferentialCode !== null && (ctx.facts.preferentialUntil ?? '9999-12-31') >= end;
  const code = prefValid && ctx.facts.preferentialCode ? ctx.facts.preferentialCode : ctx.facts.serviceTypeCode;
  const version = versionInForce(sortedVersions(ctx.versionsByServiceType, code), end);
  if (!version)
    throw new TariffError(
      'NO_TARIFF_VERSION',
      `Không có bảng giá của loại dịch vụ ${code} có hiệu lực vào ngày ${end}`,
    );
  return version;
}

/**
 * One back-billing invoice for all the items billed in a period. Items of the same past period are
 * priced together (their m3 stack up in the tiers, as they would have on one bill).
 */
export function backbillInvoice(items: readonly BackbillItem[], ctx: BackbillContext): InvoiceDraft {
  const byPeriod = new Map<string, BackbillItem[]>();
  for (const item of [...items].sort((a, b) =>
    a.tariffPeriod < b.tariffPeriod ? -1 : a.tariffPeriod > b.tariffPeriod ? 1 : 0,
  )) {
    const list = byPeriod.get(item.tariffPeriod) ?? [];
    list.push(item);
    byPeriod.set(item.tariffPeriod, list);
  }

  const priced: PricedAmount[] = [];
  const water: InvoiceLineDraft[] = [];
  const warnings: BillWarning[] = [];
  let consumption = 0;
  for (const [period, list] of byPeriod) {
    const m3 = list.reduce((a, i) => a + (i.kind === 'backbill_m3' ? i.quantity : 0), 0);
    if (m3 > 0) {
      const inc = incrementalTierLines(ctx, period, ctx.billedConsumption.get(period) ?? 0, m3);
      priced.push(...inc.priced);
      water.push(...inc.lines);
      for (const w of inc.warnings) if (!warnings.some((x) => x.message === w.message)) warnings.push(w);
      consumption += m3;
    }
    for (const item of list) {
      if (item.kind !== 'backbill_amount') continue;
      const version = versionForAmount(ctx, period);
      priced.push({ version, amount: item.amount });
      water.push({
        kind: 'backbill_amount',
        description: `Truy thu kỳ ${periodLabel(period)}: ${item.reason}`,
        tariffVersionId: version.id,
        tier: null,
        quantity: 1,
        unitPrice: item.amount,
        amount: item.amount,
      });
    }
  }
  const fees = feeLines(priced, null, {
    wastewater: ctx.facts.wastewater,
    isRuralCommune: ctx.facts.isRuralCommune,
  }).map(lineDraft);
  const lines = [...water, ...fees];
  return { kind: 'backbill', lines, ...totalsOf(lines, consumption), warnings };
}
