import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awaitBillingRun } from '@/jobs/billing-runs';
import { createTestDatabase } from '../helpers/db';
import { createOrgFixture, type OrgFixture } from '../helpers/fixtures';
import { gql } from '../helpers/graphql';
import { addCustomer, enterReadings, seedPublishedTariffs, type TestCustomer } from '../helpers/billing-fixtures';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let f: OrgFixture;
let nobody: TestCustomer; // HCMC household registered with 0 persons
let family: TestCustomer; // HCMC household of 4
const PERIOD = '2026-03';
const PERSONS_MISSING = 'Chưa khai báo nhân khẩu cho loại dịch vụ HCM_SH: tạm tính định mức theo 1 người';

async function ok<T = Record<string, any>>(
  query: string,
  vars: Record<string, unknown> = {},
  actor = f.clerk,
): Promise<T> {
  const r = await gql<T>(database.db, actor, query, vars);
  if (r.errors.length) throw new Error(`${r.code}: ${r.errors[0]!.message}`);
  return r.data!;
}

beforeAll(async () => {
  database = await createTestDatabase();
  f = await createOrgFixture(database.db);
  const types = await seedPublishedTariffs(database.db, f.admin);
  nobody = await addCustomer(database.db, f, {
    name: 'Không nhân khẩu',
    serviceTypeId: types.get('HCM_SH'),
    persons: 0,
  });
  family = await addCustomer(database.db, f, { name: 'Bốn nhân khẩu', serviceTypeId: types.get('HCM_SH'), persons: 4 });
  await enterReadings(database.db, f.clerk, PERIOD, [
    [nobody.id, 10],
    [family.id, 10],
  ]);
});
afterAll(async () => database?.close());

describe('warnings of the rate engine', () => {
  it('reach the public estimate: 0 persons is billed as 1 person, and says so', async () => {
    const query = `query($input: EstimateBillInput!) { estimateBill(input: $input) { total warnings { code message } } }`;
    const none = await gql(database.db, null, query, {
      input: { serviceTypeCode: 'HCM_SH', consumption: 10, persons: 0, period: PERIOD },
    });
    expect(none.errors).toEqual([]);
    expect(none.data!.estimateBill.warnings).toEqual([{ code: 'persons_missing', message: PERSONS_MISSING }]);
    const four = await gql(database.db, null, query, {
      input: { serviceTypeCode: 'HCM_SH', consumption: 10, persons: 4, period: PERIOD },
    });
    expect(four.data!.estimateBill.warnings).toEqual([]);
  });

  it('reach the invoice and the billing run’s warning list', async () => {
    const started = await ok(`mutation($input: StartBillingRunInput!) { startBillingRun(input: $input) { id } }`, {
      input: { period: PERIOD, scope: { kind: 'books', bookIds: [f.bookIds[0]] } },
    });
    const runId = started.startBillingRun.id as number;
    await awaitBillingRun(runId);

    const invoices = await ok(`query($id: Int!) { customerInvoices(customerId: $id) { id } }`, { id: nobody.id });
    const invoice = await ok(`query($id: Int!) { invoice(id: $id) { consumption warnings { code message } } }`, {
      id: invoices.customerInvoices[0].id,
    });
    expect(invoice.invoice).toEqual({
      consumption: 10,
      warnings: [{ code: 'persons_missing', message: PERSONS_MISSING }],
    });
    const plain = await ok(`query($id: Int!) { customerInvoices(customerId: $id) { id } }`, { id: family.id });
    const plainInvoice = await ok(`query($id: Int!) { invoice(id: $id) { warnings { code } } }`, {
      id: plain.customerInvoices[0].id,
    });
    expect(plainInvoice.invoice.warnings).toEqual([]);

    const list = await ok(
      `query($runId: Int!) { billingRunWarnings(runId: $runId) { total rows { customerId customerCode customerName invoiceId warnings { code message } } } }`,
      { runId },
    );
    expect(list.billingRunWarnings).toEqual({
      total: 1,
      rows: [
        {
          customerId: nobody.id,
          customerCode: nobody.code,
          customerName: 'Không nhân khẩu',
          invoiceId: invoices.customerInvoices[0].id,
          warnings: [{ code: 'persons_missing', message: PERSONS_MISSING }],
        },
      ],
    });
  });
});
