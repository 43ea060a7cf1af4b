import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@/db/sql';
import { awaitBillingRun } from '@/jobs/billing-runs';
import { buildReadingTemplate, importReadings } from '@/services/readings/reading-import.service';
import { createTestDatabase } from '../helpers/db';
import { createOrgFixture, type OrgFixture } from '../helpers/fixtures';
import { gql } from '../helpers/graphql';
import { addCustomer, seedPublishedTariffs, type TestCustomer } from '../helpers/billing-fixtures';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let f: OrgFixture;
let x: TestCustomer; // replaced on the reading screen (declaration)
let y: TestCustomer; // replaced on the customer screen (no reading written)
const PERIOD = '2026-04';

const ROW = `key meterId meterSerial isOutgoingMeter readingId previousIndex currentIndex suggestedCurrentIndex fixedCurrentIndex consumption`;

async function ok<T = Record<string, any>>(query: string, vars: Record<string, unknown>, actor = f.clerk): Promise<T> {
  const r = await gql<T>(database.db, actor, query, vars);
  if (r.errors.length) throw new Error(`${r.code}: ${r.errors[0]!.message}`);
  return r.data!;
}

async function sheetRows(customerId: number) {
  const d = await ok(
    `query($b: Int!, $p: Period!) { readingSheet(bookId: $b, period: $p) { rows { customerId ${ROW} } } }`,
    { b: f.bookIds[0], p: PERIOD },
  );
  return (
    d.readingSheet.rows as {
      customerId: number;
      meterId: number;
      meterSerial: string;
      isOutgoingMeter: boolean;
      currentIndex: number | null;
      fixedCurrentIndex: number | null;
      suggestedCurrentIndex: number | null;
    }[]
  ).filter((r) => r.customerId === customerId);
}

async function readingsOf(customerId: number) {
  return rowsOf<{ meter_id: number; current_index: number | null; consumption: number; version: number }>(
    await database.db.execute(
      sql`select meter_id, current_index, consumption, version from readings where customer_id = ${customerId} and period = ${PERIOD} order by id`,
    ),
  ).map((r) => ({
    meterId: Number(r.meter_id),
    currentIndex: r.current_index === null ? null : Number(r.current_index),
    consumption: Number(r.consumption),
    version: Number(r.version),
  }));
}

async function bill() {
  const r = await ok(`mutation($input: StartBillingRunInput!) { startBillingRun(input: $input) { id } }`, {
    input: { period: PERIOD, scope: { kind: 'books', bookIds: [f.bookIds[0]] } },
  });
  await awaitBillingRun(r.startBillingRun.id);
}

async function invoiceOf(customerId: number) {
  const d = await ok(
    `query($id: Int!) { customerInvoices(customerId: $id) { period kind consumption needsRecalculation } }`,
    { id: customerId },
  );
  return (
    d.customerInvoices as { period: string; kind: string; consumption: number; needsRecalculation: boolean }[]
  ).find((i) => i.period === PERIOD && i.kind === 'REGULAR');
}

beforeAll(async () => {
  database = await createTestDatabase();
  f = await createOrgFixture(database.db);
  await seedPublishedTariffs(database.db, f.admin);
  x = await addCustomer(database.db, f, { name: 'Thay đồng hồ khai báo' });
  y = await addCustomer(database.db, f, { name: 'Thay đồng hồ ở hồ sơ' });
  // x: old meter from 0, removed on 10 April at 5; the new meter reads 11 at the end of April: 5 + 11 = 16 m3.
  await ok(
    `mutation($input: MeterReplacementInput!, $meter: MeterInput!) { declareMeterReplacement(input: $input, newMeter: $meter) { key } }`,
    {
      input: { customerId: x.id, period: PERIOD, finalIndex: 5, removedOn: '2026-04-10' },
      meter: { serial: 'MOI-X', installedOn: '2026-04-10', initialIndex: 0, meterTypeId: f.meterTypeId },
    },
  );
  await ok(`mutation($input: SaveReadingInput!) { saveReading(input: $input) { key } }`, {
    input: { customerId: x.id, period: PERIOD, currentIndex: 11 },
  });
  await ok(
    `mutation($id: Int!, $m: MeterInput!) { replaceMeter(customerId: $id, finalIndex: 5, removedOn: "2026-04-10", meter: $m) { id } }`,
    {
      id: y.id,
      m: { serial: 'MOI-Y', installedOn: '2026-04-10', initialIndex: 0, meterTypeId: f.meterTypeId },
    },
  );
});
afterAll(async () => database?.close());

describe('the final index of a replaced meter', () => {
  it('refuses another index on the outgoing meter’s row (10 typed, 5 declared), writes nothing, and bills 16 m3 as the meter history says', async () => {
    const [outgoing] = await sheetRows(x.id);
    expect(outgoing).toMatchObject({ isOutgoingMeter: true, currentIndex: 5, fixedCurrentIndex: 5 });
    const before = await readingsOf(x.id);

    const typed = await gql(
      database.db,
      f.clerk,
      `mutation($input: SaveReadingInput!) { saveReading(input: $input) { key } }`,
      {
        input: { customerId: x.id, period: PERIOD, meterId: outgoing!.meterId, currentIndex: 10 },
      },
    );
    expect(typed.code).toBe('REPLACED_METER_FINAL_INDEX');
    expect(typed.errors[0]!.message).toContain('chỉ số cuối 5');
    const estimated = await gql(
      database.db,
      f.clerk,
      `mutation($input: SaveReadingInput!) { saveReading(input: $input) { key } }`,
      {
        input: {
          customerId: x.id,
          period: PERIOD,
          meterId: outgoing!.meterId,
          currentIndex: null,
          code: 'house_closed',
        },
      },
    );
    expect(estimated.code).toBe('REPLACED_METER_FINAL_INDEX');

    const device = await ok(
      `mutation($input: DeviceSubmissionInput!) { submitDeviceReadings(input: $input) { accepted rows { accepted errorCode } } }`,
      {
        input: {
          deviceId: 'HH-9',
          submissionId: 'thay-1',
          readings: [{ customerId: x.id, period: PERIOD, meterSerial: outgoing!.meterSerial, currentIndex: 10 }],
        },
      },
    );
    expect(device.submitDeviceReadings).toEqual({
      accepted: 0,
      rows: [{ accepted: false, errorCode: 'REPLACED_METER_FINAL_INDEX' }],
    });

    const template = await buildReadingTemplate(database.db, f.clerk, f.bookIds[0], PERIOD);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Chỉ số')!;
    for (let r = 5; r <= ws.rowCount; r++)
      if (ws.getRow(r).getCell(5).value === outgoing!.meterSerial) ws.getRow(r).getCell(7).value = 10;
    const imported = await importReadings(database.db, f.clerk, {
      bookId: f.bookIds[0],
      period: PERIOD,
      file: Buffer.from(await wb.xlsx.writeBuffer()),
      acceptValid: false,
    });
    expect(imported.applied).toBe(false);
    expect(imported.errors.map((e) => e.message)).toEqual([expect.stringContaining('chỉ số cuối 5')]);

    expect(await readingsOf(x.id)).toEqual(before);
    await bill();
    expect((await invoiceOf(x.id))?.consumption).toBe(16);
  });

  it('prefills the declared index on a replacement made from the customer’s file and accepts only that index', async () => {
    const [outgoing, incoming] = await sheetRows(y.id);
    expect(outgoing).toMatchObject({
      isOutgoingMeter: true,
      currentIndex: null,
      suggestedCurrentIndex: 5,
      fixedCurrentIndex: 5,
    });
    expect(incoming).toMatchObject({ isOutgoingMeter: false, fixedCurrentIndex: null });
    const save = `mutation($input: SaveReadingInput!) { saveReading(input: $input) { currentIndex consumption } }`;
    const wrong = await gql(database.db, f.clerk, save, {
      input: { customerId: y.id, period: PERIOD, meterId: outgoing!.meterId, currentIndex: 10 },
    });
    expect(wrong.code).toBe('REPLACED_METER_FINAL_INDEX');
    expect(await readingsOf(y.id)).toEqual([]);
    const right = await ok(save, {
      input: { customerId: y.id, period: PERIOD, meterId: outgoing!.meterId, currentIndex: 5 },
    });
    expect(right.saveReading).toEqual({ currentIndex: 5, consumption: 5 });
  });

  it('corrects the declared final index together with the reading and flags the bill, in one transaction', async () => {
    const [outgoing] = await sheetRows(x.id);
    const CORRECT = `mutation($input: CorrectMeterReplacementInput!) { correctMeterReplacement(input: $input) { id finalIndex } }`;
    const notReplaced = await gql(database.db, f.clerk, CORRECT, {
      input: { customerId: x.id, meterId: (await sheetRows(x.id))[1]!.meterId, finalIndex: 7, reason: 'Ghi nhầm' },
    });
    expect(notReplaced.code).toBe('METER_NOT_REPLACED');

    const fixed = await ok(CORRECT, {
      input: { customerId: x.id, meterId: outgoing!.meterId, finalIndex: 7, reason: 'Đọc nhầm chỉ số cuối' },
    });
    expect(fixed.correctMeterReplacement).toEqual({ id: outgoing!.meterId, finalIndex: 7 });
    const [after] = await sheetRows(x.id);
    expect(after).toMatchObject({ currentIndex: 7, fixedCurrentIndex: 7, consumption: 7 });
    expect((await invoiceOf(x.id))?.needsRecalculation).toBe(true);
    const history = await ok(
      `query($id: Int!) { customer(id: $id) { meters { id finalIndex } history { kind before after note } } }`,
      { id: x.id },
    );
    expect(history.customer.meters.find((m: { id: number }) => m.id === outgoing!.meterId).finalIndex).toBe(7);
    expect(history.customer.history).toContainEqual({
      kind: 'meter',
      before: { finalIndex: 5 },
      after: { finalIndex: 7 },
      note: 'Sửa chỉ số cuối khi thay đồng hồ: Đọc nhầm chỉ số cuối',
    });
    await bill();
    expect((await invoiceOf(x.id))?.consumption).toBe(18);
  });
});
