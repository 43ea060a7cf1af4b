import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backbillInvoice } from '@/domain/billing/backbill';
import { billInputFor, type CustomerBillFacts } from '@/domain/billing/bill-request';
import { calculateBill } from '@/domain/tariff/engine';
import { seedVersionsByServiceType } from '@/domain/tariff/seed-tariffs';
import type { TariffVersion } from '@/domain/tariff/types';

const facts: CustomerBillFacts = {
  serviceTypeCode: 'HN_SH',
  households: 1,
  persons: 4,
  splits: null,
  preferentialCode: null,
  preferentialUntil: null,
  wastewater: { mode: 'standard' },
  isRuralCommune: false,
};

/** Hanoi's published tariff, then a price rise on 1 April 2026 (version 901). */
function versions(): Record<string, TariffVersion[]> {
  const v = seedVersionsByServiceType(['HN_SH']);
  const published = v.HN_SH![0]!;
  v.HN_SH!.push({
    ...published,
    id: 901,
    effectiveFrom: '2026-04-01',
    tiers: published.tiers.map((t) => ({ ...t, unitPrice: t.unitPrice + 1_000 })),
  });
  return v;
}

describe('backbillInvoice', () => {
  it('prices owed m3 as the increment over what the past period billed, at that period’s tariff', () => {
    const inv = backbillInvoice([{ kind: 'backbill_m3', tariffPeriod: '2026-02', quantity: 5, reason: 'x' }], {
      facts,
      versionsByServiceType: versions(),
      billedConsumption: new Map([['2026-02', 8]]),
    });
    expect(inv.lines.map((l) => [l.kind, l.tariffVersionId, l.tier, l.quantity, l.unitPrice, l.amount])).toEqual([
      ['tier', 101, 1, 2, 5_973, 11_946],
      ['tier', 101, 2, 3, 7_052, 21_156],
      ['vat', null, null, 1, 1_655, 1_655],
      ['environment_fee', null, null, 1, 3_310, 3_310],
    ]);
    expect(inv).toMatchObject({
      kind: 'backbill',
      consumption: 5,
      subtotal: 33_102,
      vat: 1_655,
      environmentFee: 3_310,
      total: 38_067,
    });
  });

  it('uses the newer prices for a period after the change, and stacks items of one period in the tiers', () => {
    const inv = backbillInvoice(
      [
        { kind: 'backbill_m3', tariffPeriod: '2026-04', quantity: 3, reason: 'a' },
        { kind: 'backbill_m3', tariffPeriod: '2026-04', quantity: 4, reason: 'b' },
      ],
      { facts, versionsByServiceType: versions(), billedConsumption: new Map() },
    );
    expect(inv.lines.filter((l) => l.kind === 'tier').map((l) => [l.tariffVersionId, l.quantity, l.unitPrice])).toEqual(
      [[901, 7, 6_973]],
    );
  });

  it('bills an owed amount as water money of the period, with its VAT and fee', () => {
    const inv = backbillInvoice(
      [{ kind: 'backbill_amount', tariffPeriod: '2026-03', amount: 100_000, reason: 'Câu đấu trái phép' }],
      {
        facts,
        versionsByServiceType: versions(),
        billedConsumption: new Map(),
      },
    );
    expect(inv.lines.map((l) => [l.kind, l.description, l.amount])).toEqual([
      ['backbill_amount', 'Truy thu kỳ 03/2026: Câu đấu trái phép', 100_000],
      ['vat', 'Thuế GTGT (5%)', 5_000],
      ['environment_fee', 'Phí bảo vệ môi trường đối với nước thải (10%)', 10_000],
    ]);
    expect(inv.total).toBe(115_000);
  });

  it('property: the increment bills exactly the extra m3, never a negative line, and from 0 equals a plain bill', () => {
    fc.assert(
      fc.property(
        fc.nat(60),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 3 }),
        (base, extra, households) => {
          const f = { ...facts, households };
          const v = versions();
          const inv = backbillInvoice(
            [{ kind: 'backbill_m3', tariffPeriod: '2026-02', quantity: extra, reason: 'x' }],
            {
              facts: f,
              versionsByServiceType: v,
              billedConsumption: new Map([['2026-02', base]]),
            },
          );
          const tiers = inv.lines.filter((l) => l.kind === 'tier');
          expect(tiers.reduce((a, l) => a + l.quantity, 0)).toBe(extra);
          for (const l of inv.lines) expect(l.amount).toBeGreaterThanOrEqual(0);
          expect(inv.total).toBe(inv.lines.reduce((a, l) => a + l.amount, 0));
          const full = calculateBill(billInputFor(f, base + extra, '2026-02', v));
          const before = calculateBill(billInputFor(f, base, '2026-02', v));
          expect(inv.subtotal).toBe(full.subtotal - before.subtotal);
          if (base === 0) expect(inv.total).toBe(full.total);
        },
      ),
    );
  });
});
