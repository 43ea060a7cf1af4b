import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awaitBillingRun } from '@/jobs/billing-runs';
import { createTariffVersion } from '@/services/tariffs/tariff-catalog.service';
import { createTestDatabase } from '../helpers/db';
import { createOrgFixture, type OrgFixture } from '../helpers/fixtures';
import { gql } from '../helpers/graphql';
import { addCustomer, enterReadings, seedPublishedTariffs, type TestCustomer } from '../helpers/billing-fixtures';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let f: OrgFixture;
let newVersionId: number;
let bb: TestCustomer; // back-billed
let sp: TestCustomer; // owed m3 spread
let mr: TestCustomer; // meter replaced in April
let cp: TestCustomer; // corrected previous index

const INVOICE = `query($id: Int!) { invoice(id: $id) { kind consumption subtotal vat environmentFee total lines { kind description tariffVersionId quantity unitPrice amount } } }`;

async function bill(period: string) {
  const r = await gql(
    database.db,
    f.clerk,
    `mutation($input: StartBillingRunInput!) { startBillingRun(input: $input) { id } }`,
    {
      input: { period, scope: { kind: 'books', bookIds: [f.bookIds[0]] } },
    },
  );
  if (r.errors.length) throw new Error(`${r.code}: ${r.errors[0]!.message}`);
  await awaitBillingRun(r.data!.startBillingRun.id);
}

async function invoicesOf(customerId: number) {
  const r = await gql(
    database.db,
    f.clerk,
    `query($id: Int!) { customerInvoices(customerId: $id) { id period kind consumption total needsRecalculation } }`,
    { id: customerId },
  );
  return r.data!.customerInvoices as {
    id: number;
    period: string;
    kind: string;
    consumption: number;
    total: number;
    needsRecalculation: boolean;
  }[];
}

async function mutate(query: string, vars: Record<string, unknown>) {
  const r = await gql(database.db, f.clerk, query, vars);
  if (r.errors.length) throw new Error(`${r.code}: ${r.errors[0]!.message}`);
  return r.data!;
}

beforeAll(async () => {
  database = await createTestDatabase();
  f = await createOrgFixture(database.db);
  await seedPublishedTariffs(database.db, f.admin);
  // Hanoi prices go up on 1 April 2026 (a new version; March and before keep the published prices).
  newVersionId = (
    await createTariffVersion(database.db, f.admin, {
      serviceTypeId: f.serviceTypeId,
      effectiveFrom: '2026-04-01',
      basis: 'household',
      pricesIncludeVat: false,
      vatRateBp: 500,
      prorationMethod: 'split_days',
      minConsumption: null,
      meterSubscription: null,
      environmentFeeBp: 1000,
      drainageBp: 0,
      drainageVatBp: 0,
      note: 'Giá mới',
      tiers: [
        { upTo: 10, unitPrice: 7_000 },
        { upTo: 20, unitPrice: 8_000 },
        { upTo: 30, unitPrice: 9_000 },
        { upTo: null, unitPrice: 16_000 },
      ],
    })
  ).id;
  bb = await addCustomer(database.db, f, { name: 'Truy thu' });
  sp = await addCustomer(database.db, f, { name: 'Phân bổ' });
  mr = await addCustomer(database.db, f, { name: 'Thay đồng hồ' });
  cp = await addCustomer(database.db, f, { name: 'Sửa chỉ số cũ' });
  const all = [bb, sp, mr, cp];
  await enterReadings(
    database.db,
    f.clerk,
    '2026-01',
    all.map((c) => [c.id, 10] as const),
  );
  await enterReadings(
    database.db,
    f.clerk,
    '2026-02',
    all.map((c) => [c.id, c === bb ? 18 : 20] as const),
  );
  await bill('2026-02');
  await enterReadings(
    database.db,
    f.clerk,
    '2026-03',
    all.map((c) => [c.id, c === bb ? 28 : 30] as const),
  );
});
afterAll(async () => database?.close());

describe('declarations', () => {
  it('bills a meter replaced inside the period on both meters', async () => {
    const rows = (
      await mutate(
        `mutation($input: MeterReplacementInput!, $meter: MeterInput!) {
          declareMeterReplacement(input: $input, newMeter: $meter) { meterSerial isOutgoingMeter previousIndex currentIndex consumption anomalies notices { kind message } }
        }`,
        {
          input: { customerId: mr.id, period: '2026-04', finalIndex: 36, removedOn: '2026-04-15' },
          meter: { serial: 'MOI-0001', installedOn: '2026-04-15', initialIndex: 0, meterTypeId: f.meterTypeId },
        },
      )
    ).declareMeterReplacement;
    expect(
      rows.map(
        (r: {
          isOutgoingMeter: boolean;
          previousIndex: number;
          currentIndex: number | null;
          consumption: number | null;
        }) => [r.isOutgoingMeter, r.previousIndex, r.currentIndex, r.consumption],
      ),
    ).toEqual([
      [true, 30, 36, 6],
      [false, 0, null, null],
    ]);
    expect(rows[0].anomalies).toEqual([]);
    expect(rows[1].notices[0]).toEqual({
      kind: 'meter_replaced',
      message: `Thay đồng hồ ngày 15/04/2026: đồng hồ cũ ${rows[0].meterSerial} chỉ số cuối 36; đồng hồ mới MOI-0001 chỉ số đầu 0`,
    });
    const saved = await mutate(
      `mutation($input: SaveReadingInput!) { saveReading(input: $input) { meterSerial consumption anomalies } }`,
      {
        input: { customerId: mr.id, period: '2026-04', currentIndex: 4 },
      },
    );
    // 6 + 4 = 10 m3 for the period: judged as a whole against the usual 10 m3, not as two small readings.
    expect(saved.saveReading).toEqual({ meterSerial: 'MOI-0001', consumption: 4, anomalies: [] });
  });

  it('corrects a rolled-back previous index and recomputes the consumption', async () => {
    const high = await mutate(
      `mutation($input: SaveReadingInput!) { saveReading(input: $input) { consumption anomalies } }`,
      {
        input: { customerId: cp.id, period: '2026-04', currentIndex: 46 },
      },
    );
    expect(high.saveReading).toEqual({ consumption: 16, anomalies: ['high'] });
    const fixed = await mutate(
      `mutation($input: CorrectPreviousIndexInput!) { correctPreviousIndex(input: $input) { previousIndex currentIndex consumption anomalies anomalyStatus note } }`,
      {
        input: { customerId: cp.id, period: '2026-04', previousIndex: 36, reason: 'Ghi nhầm chỉ số tháng 3' },
      },
    );
    expect(fixed.correctPreviousIndex).toEqual({
      previousIndex: 36,
      currentIndex: 46,
      consumption: 10,
      anomalies: [],
      anomalyStatus: 'NONE',
      note: 'Sửa chỉ số cũ từ 30 thành 36: Ghi nhầm chỉ số tháng 3',
    });
  });

  it('spreads owed m3 over the next periods, earlier periods taking the remainder', async () => {
    const r = await mutate(
      `mutation($input: SpreadOwedConsumptionInput!) { spreadOwedConsumption(input: $input) { billPeriod quantity kind groupKey } }`,
      {
        input: {
          customerId: sp.id,
          quantity: 10,
          firstPeriod: '2026-04',
          periods: 3,
          reason: 'Đồng hồ kẹt số tháng 3',
        },
      },
    );
    expect(
      r.spreadOwedConsumption.map((a: { billPeriod: string; quantity: number }) => [a.billPeriod, a.quantity]),
    ).toEqual([
      ['2026-04', 4],
      ['2026-05', 3],
      ['2026-06', 3],
    ]);
    expect(new Set(r.spreadOwedConsumption.map((a: { groupKey: string }) => a.groupKey)).size).toBe(1);
  });

  it('records back-billing of m3 and of an amount, and refuses neither or both', async () => {
    const m3 = await mutate(
      `mutation($input: BackBillInput!) { createBackBill(input: $input) { kind tariffPeriod billPeriod quantity amount } }`,
      {
        input: {
          customerId: bb.id,
          tariffPeriod: '2026-02',
          billPeriod: '2026-04',
          quantity: 5,
          reason: 'Đồng hồ chạy chậm tháng 2',
        },
      },
    );
    expect(m3.createBackBill).toEqual({
      kind: 'backbill_m3',
      tariffPeriod: '2026-02',
      billPeriod: '2026-04',
      quantity: 5,
      amount: null,
    });
    await mutate(`mutation($input: BackBillInput!) { createBackBill(input: $input) { id } }`, {
      input: {
        customerId: bb.id,
        tariffPeriod: '2026-03',
        billPeriod: '2026-04',
        amount: 100_000,
        reason: 'Câu đấu trái phép',
      },
    });
    const both = await gql(
      database.db,
      f.clerk,
      `mutation($input: BackBillInput!) { createBackBill(input: $input) { id } }`,
      {
        input: {
          customerId: bb.id,
          tariffPeriod: '2026-03',
          billPeriod: '2026-04',
          amount: 1,
          quantity: 1,
          reason: 'x',
        },
      },
    );
    expect(both.code).toBe('VALIDATION_FAILED');
  });
});

describe('billing the adjustments', () => {
  it('bills back-billed m3 at the past period’s tariff, on top of what that period billed, on a separate invoice', async () => {
    await enterReadings(database.db, f.clerk, '2026-04', [
      [bb.id, 38],
      [sp.id, 40],
    ]);
    await bill('2026-04');
    const invoices = (await invoicesOf(bb.id)).filter((i) => i.period === '2026-04');
    expect(invoices.map((i) => i.kind).sort()).toEqual(['BACKBILL', 'REGULAR']);
    const regular = (await gql(database.db, f.clerk, INVOICE, { id: invoices.find((i) => i.kind === 'REGULAR')!.id }))
      .data!.invoice;
    expect(regular.lines[0]).toMatchObject({ tariffVersionId: newVersionId, quantity: 10, unitPrice: 7_000 });

    const back = (await gql(database.db, f.clerk, INVOICE, { id: invoices.find((i) => i.kind === 'BACKBILL')!.id }))
      .data!.invoice;
    // February billed 8 m3: the 5 m3 owed fill tier 1 up to 10 (2 m3) and tier 2 (3 m3), at February's prices.
    expect(
      back.lines.map(
        (l: { kind: string; description: string; quantity: number; unitPrice: number; amount: number }) => [
          l.kind,
          l.description,
          l.quantity,
          l.unitPrice,
          l.amount,
        ],
      ),
    ).toEqual([
      ['tier', 'Truy thu kỳ 02/2026 – Bậc 1 (0–10 m3)', 2, 5_973, 11_946],
      ['tier', 'Truy thu kỳ 02/2026 – Bậc 2 (10–20 m3)', 3, 7_052, 21_156],
      ['backbill_amount', 'Truy thu kỳ 03/2026: Câu đấu trái phép', 1, 100_000, 100_000],
      ['vat', 'Thuế GTGT (5%)', 1, 6_655, 6_655],
      ['environment_fee', 'Phí bảo vệ môi trường đối với nước thải (10%)', 1, 13_310, 13_310],
    ]);
    expect(back.lines[0].tariffVersionId).not.toBe(newVersionId);
    expect(back).toMatchObject({
      kind: 'BACKBILL',
      consumption: 5,
      subtotal: 133_102,
      vat: 6_655,
      environmentFee: 13_310,
      total: 153_067,
    });
  });

  it('adds the spread m3 of the period to the regular invoice', async () => {
    const april = (await invoicesOf(sp.id)).find((i) => i.period === '2026-04' && i.kind === 'REGULAR')!;
    expect(april.consumption).toBe(10 + 4);
  });

  it('bills the replaced meter’s period on both meters', async () => {
    const april = (await invoicesOf(mr.id)).find((i) => i.period === '2026-04')!;
    expect(april.consumption).toBe(10);
  });

  it('flags the invoice when an adjustment is deleted after billing', async () => {
    const adjustments = (
      await gql(
        database.db,
        f.clerk,
        `query($id: Int!) { customerAdjustments(customerId: $id) { id kind billPeriod } }`,
        { id: sp.id },
      )
    ).data!.customerAdjustments;
    const deleted = await mutate(`mutation($id: Int!) { deleteAdjustment(id: $id, wholeGroup: true) }`, {
      id: adjustments[0].id,
    });
    expect(deleted.deleteAdjustment).toBe(3);
    expect((await invoicesOf(sp.id)).find((i) => i.period === '2026-04')!.needsRecalculation).toBe(true);
    await bill('2026-04');
    expect((await invoicesOf(sp.id)).find((i) => i.period === '2026-04')).toMatchObject({
      consumption: 10,
      needsRecalculation: false,
    });
  });
});
