/**
 * Errors must not tell a user anything about books they do not hold: not whether an id exists, not which
 * customer holds a meter serial, not which customer code lives elsewhere, not the database's constraint names.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatError } from '@/graphql/errors';
import { addAttachment } from '@/services/customers/attachment.service';
import { createBackBill } from '@/services/readings/adjustments.service';
import { declareSuspension } from '@/services/readings/declarations.service';
import { buildReadingTemplate, importReadings } from '@/services/readings/reading-import.service';
import { createTestDatabase } from '../helpers/db';
import { createOrgFixture, type OrgFixture } from '../helpers/fixtures';
import { gql } from '../helpers/graphql';
import { addCustomer, type TestCustomer } from '../helpers/billing-fixtures';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let f: OrgFixture;
let held: TestCustomer; // book 0: clerk and viewer hold it, outsider does not
let heldSerial: string;
let storageDir: string;

beforeAll(async () => {
  storageDir = await mkdtemp(path.join(tmpdir(), 'capnuoc-errors-'));
  process.env.STORAGE_DIR = storageDir;
  database = await createTestDatabase();
  f = await createOrgFixture(database.db);
  held = await addCustomer(database.db, f, { name: 'Trần Thị Kín' });
  const r = await gql(database.db, f.admin, `query($id: Int!) { customer(id: $id) { meters { serial } } }`, {
    id: held.id,
  });
  heldSerial = r.data!.customer.meters[0].serial;
});
afterAll(async () => {
  await database?.close();
  await rm(storageDir, { recursive: true, force: true });
});

const CREATE = `mutation($input: CustomerInput!, $meter: MeterInput) { createCustomer(input: $input, meter: $meter) { id } }`;
const customerInput = (bookId: number) => ({
  bookId,
  name: 'Khách hàng mới',
  customerType: 'INDIVIDUAL',
  address: '9 Phố Mới',
  households: 1,
  persons: 1,
  wastewaterFeeMode: 'STANDARD',
  status: 'IN_SERVICE',
  isPreferential: false,
});

describe('errors do not leak across books', () => {
  it('customer(id) answers a missing customer and one of a book the caller lacks the same way', async () => {
    const doc = `query($id: Int!) { customer(id: $id) { id name } }`;
    const foreign = await gql(database.db, f.outsider, doc, { id: held.id });
    const missing = await gql(database.db, f.outsider, doc, { id: held.id + 10_000 });
    expect(foreign.code).toBe('NOT_FOUND');
    expect({ code: foreign.code, message: foreign.errors[0]?.message, data: foreign.data }).toEqual({
      code: missing.code,
      message: missing.errors[0]?.message,
      data: missing.data,
    });
    // The holder still reads it.
    expect((await gql(database.db, f.viewer, doc, { id: held.id })).data!.customer.name).toBe('Trần Thị Kín');
  });

  it('every id-keyed query answers NOT_FOUND for a missing id, as it does for an id of another book', async () => {
    for (const field of ['customer', 'invoice', 'billingRun']) {
      const r = await gql(database.db, f.outsider, `query($id: Int!) { ${field}(id: $id) { __typename } }`, {
        id: 999_999,
      });
      expect([field, r.code]).toEqual([field, 'NOT_FOUND']);
    }
  });

  it('an id of a row in another book answers exactly like an id that does not exist (code and message)', async () => {
    const suspension = await declareSuspension(database.db, f.admin, {
      customerId: held.id,
      fromPeriod: '2026-10',
      toPeriod: null,
      reason: 'Đi vắng',
    });
    const adjustment = await createBackBill(database.db, f.admin, {
      customerId: held.id,
      tariffPeriod: '2026-01',
      billPeriod: '2026-02',
      amount: 1000,
      reason: 'Truy thu',
    });
    const attachment = await addAttachment(database.db, f.admin, {
      customerId: held.id,
      fileName: 'a.pdf',
      data: new TextEncoder().encode('%PDF-1.4\n'),
    });
    const probes: [string, number][] = [
      ['mutation($id: Int!) { endSuspension(id: $id, toPeriod: "2026-11") { id } }', suspension.id],
      ['mutation($id: Int!) { deleteSuspension(id: $id) }', suspension.id],
      ['mutation($id: Int!) { deleteAdjustment(id: $id) }', adjustment.id],
      ['mutation($id: Int!) { deleteAttachment(id: $id) }', attachment.id],
      ['mutation($id: Int!) { deleteCustomer(id: $id) }', held.id],
      ['query($id: Int!) { customer(id: $id) { id } }', held.id],
    ];
    for (const [doc, id] of probes) {
      const foreign = await gql(database.db, f.outsider, doc, { id });
      const missing = await gql(database.db, f.outsider, doc, { id: id + 100_000 });
      expect([doc, foreign.code, foreign.errors[0]?.message]).toEqual([doc, missing.code, missing.errors[0]?.message]);
      expect(foreign.code).toBe('NOT_FOUND');
    }
  });

  it('a duplicate meter serial names the customer holding it only to a user who holds that customer’s book', async () => {
    const meter = { serial: heldSerial, installedOn: '2026-01-01', initialIndex: 0 };
    const outsider = await gql(database.db, f.outsider, CREATE, { input: customerInput(f.bookIds[2]), meter });
    expect(outsider.code).toBe('DUPLICATE_METER_SERIAL');
    expect(outsider.errors[0]!.message).not.toContain(held.code);
    expect(outsider.errors[0]!.message).toContain(heldSerial);

    const clerk = await gql(database.db, f.clerk, CREATE, { input: customerInput(f.bookIds[1]), meter });
    expect(clerk.code).toBe('DUPLICATE_METER_SERIAL');
    expect(clerk.errors[0]!.message).toContain(held.code);
  });

  it('replacing a meter with a serial in service elsewhere does not name the other book’s customer either', async () => {
    const mine = await addCustomer(database.db, f, { name: 'Khách sổ ba', bookId: f.bookIds[2] });
    const r = await gql(
      database.db,
      f.outsider,
      `mutation($c: Int!, $m: MeterInput!) { replaceMeter(customerId: $c, finalIndex: 5, removedOn: "2026-06-01", meter: $m) { id } }`,
      { c: mine.id, m: { serial: heldSerial, installedOn: '2026-06-01', initialIndex: 0 } },
    );
    expect(r.code).toBe('DUPLICATE_METER_SERIAL');
    expect(r.errors[0]!.message).not.toContain(held.code);
  });

  it('a reading import names a customer code of a book the caller lacks like a code that does not exist', async () => {
    const mine = await addCustomer(database.db, f, { name: 'Khách sổ ba nhập', bookId: f.bookIds[2] });
    const template = await buildReadingTemplate(database.db, f.outsider, f.bookIds[2], '2026-03');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Chỉ số')!;
    let last = 5;
    while (ws.getRow(last).getCell(2).value !== mine.code) last++;
    ws.getRow(last).getCell(7).value = 12;
    ws.getRow(last + 1).values = [null, held.code, null, null, null, null, 15];
    ws.getRow(last + 2).values = [null, 'KH9999999', null, null, null, null, 15];
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await importReadings(database.db, f.outsider, {
      bookId: f.bookIds[2],
      period: '2026-03',
      file,
      acceptValid: false,
    });
    const messages = r.errors
      .filter((e) => e.field === 'customerCode')
      .map((e) => e.message.replace(e.customerCode ?? '', '<code>'));
    expect(messages).toHaveLength(2);
    expect(messages[0]).toBe(messages[1]);
  });

  it('database constraint names never reach the client', () => {
    const pg = Object.assign(new Error('duplicate key value violates unique constraint "customers_book_sequence"'), {
      code: '23505',
      constraint_name: 'customers_book_sequence',
    });
    const error = new GraphQLError(pg.message, { originalError: pg });
    const out = formatError(error.toJSON(), error);
    expect(out.extensions).toEqual({ code: 'DUPLICATE' });
    expect(JSON.stringify(out)).not.toContain('customers_book_sequence');
  });
});
