import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type OpenInvoice,
  allocateAmount,
  invoiceComponents,
  orderOpenInvoices,
  releaseExcess,
} from '@/domain/payments/allocation';

const inv = (invoiceId: number, period: string, water: number, vat: number, fees: number): OpenInvoice => ({
  invoiceId,
  period,
  issuedOn: `${period}-28`,
  remaining: { water, vat, fees },
});

describe('allocation of a payment', () => {
  it('pays the oldest invoice first, and inside it water, then VAT, then fees', () => {
    const ordered = orderOpenInvoices([inv(2, '2026-04', 100, 5, 10), inv(1, '2026-03', 200, 10, 20)], 'OLDEST');
    expect(allocateAmount(215, ordered)).toEqual({
      lines: [
        { invoiceId: 1, component: 'water', amount: 200 },
        { invoiceId: 1, component: 'vat', amount: 10 },
        { invoiceId: 1, component: 'fees', amount: 5 },
      ],
      left: 0,
    });
  });

  it('pays the newest first when the company says so, and the named invoice before any other', () => {
    const open = [inv(1, '2026-03', 100, 0, 0), inv(2, '2026-04', 100, 0, 0), inv(3, '2026-05', 100, 0, 0)];
    expect(orderOpenInvoices(open, 'NEWEST').map((i) => i.invoiceId)).toEqual([3, 2, 1]);
    expect(orderOpenInvoices(open, 'OLDEST', 2).map((i) => i.invoiceId)).toEqual([2, 1, 3]);
  });

  it('leaves what no invoice asks for as credit', () => {
    expect(allocateAmount(1_000, [inv(1, '2026-03', 300, 30, 0)])).toEqual({
      lines: [
        { invoiceId: 1, component: 'water', amount: 300 },
        { invoiceId: 1, component: 'vat', amount: 30 },
      ],
      left: 670,
    });
  });

  it('refuses a fractional or negative amount (money is whole VND)', () => {
    expect(() => allocateAmount(10.5, [])).toThrow(RangeError);
    expect(() => allocateAmount(-1, [])).toThrow(RangeError);
  });

  it('splits an invoice into water, VAT and everything else as fees', () => {
    expect(invoiceComponents({ subtotal: 100_000, vat: 5_000, total: 117_500 })).toEqual({
      water: 100_000,
      vat: 5_000,
      fees: 12_500,
    });
  });

  it('for any payment and invoices: lines are positive, within what each component asks, and add up exactly', () => {
    const openArb = fc.array(
      fc.record({
        period: fc.constantFrom('2026-01', '2026-02', '2026-03'),
        water: fc.nat(5_000_000),
        vat: fc.nat(500_000),
        fees: fc.nat(800_000),
      }),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(
        fc.nat(20_000_000),
        openArb,
        fc.constantFrom('OLDEST', 'NEWEST') as fc.Arbitrary<'OLDEST' | 'NEWEST'>,
        (amount, list, order) => {
          const open = list.map((o, k) => inv(k + 1, o.period, o.water, o.vat, o.fees));
          const { lines, left } = allocateAmount(amount, orderOpenInvoices(open, order));
          expect(left).toBeGreaterThanOrEqual(0);
          expect(lines.reduce((a, l) => a + l.amount, 0) + left).toBe(amount);
          for (const l of lines) {
            expect(l.amount).toBeGreaterThan(0);
            const o = open.find((x) => x.invoiceId === l.invoiceId)!;
            expect(l.amount).toBeLessThanOrEqual(o.remaining[l.component]);
          }
          // Money is left over only when every invoice is paid in full.
          const asked = open.reduce((a, o) => a + o.remaining.water + o.remaining.vat + o.remaining.fees, 0);
          expect(left).toBe(Math.max(0, amount - asked));
          // An invoice gets money only after every invoice before it in the order is paid in full.
          const ordered = orderOpenInvoices(open, order);
          const touched = new Set(lines.map((l) => l.invoiceId));
          const lastTouched = ordered.findLastIndex((o) => touched.has(o.invoiceId));
          for (let k = 0; k < lastTouched; k++) {
            const o = ordered[k]!;
            const got = lines.filter((l) => l.invoiceId === o.invoiceId).reduce((a, l) => a + l.amount, 0);
            expect(got).toBe(o.remaining.water + o.remaining.vat + o.remaining.fees);
          }
        },
      ),
    );
  });
});

describe('releasing money from an invoice whose due fell', () => {
  it('takes it from the newest allocations first', () => {
    expect(
      releaseExcess(150, [
        { paymentId: 1, amount: 100 },
        { paymentId: 2, amount: 100 },
      ]),
    ).toEqual([
      { paymentId: 2, amount: 100 },
      { paymentId: 1, amount: 50 },
    ]);
  });

  it('refuses to release more than was allocated', () => {
    expect(() => releaseExcess(10, [{ paymentId: 1, amount: 5 }])).toThrow(RangeError);
  });
});
