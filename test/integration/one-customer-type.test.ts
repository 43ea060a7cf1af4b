import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCustomer, type TestCustomer } from '../helpers/billing-fixtures';
import { createOrgFixture, type OrgFixture } from '../helpers/fixtures';
import { gql } from '../helpers/graphql';
import { createCountedTestDatabase } from '../helpers/statements';

/** Issue 7 "one entity, one type": the book grid, the search and the detail all answer the one `Customer` type. */
let database: Awaited<ReturnType<typeof createCountedTestDatabase>>;
let f: OrgFixture;
let customer: TestCustomer;

beforeAll(async () => {
  database = await createCountedTestDatabase();
  f = await createOrgFixture(database.db);
  customer = await addCustomer(database.db, f, { name: 'Nguyễn Văn Một Kiểu' });
}, 120_000);

afterAll(async () => {
  await database?.close();
});

describe('one Customer type', () => {
  it('the schema has no BookCustomer or CustomerSearchHit type', async () => {
    const r = await gql(
      database.db,
      f.admin,
      `{ a: __type(name: "BookCustomer") { name } b: __type(name: "CustomerSearchHit") { name } }`,
    );
    expect(r.errors).toEqual([]);
    expect(r.data).toEqual({ a: null, b: null });
  });

  it('grid rows, search hits and the detail are all Customer, with the same list fields', async () => {
    const FIELDS = '__typename id code bookId bookCode wardName serviceTypeCode meterSerial contractNumber';
    const r = await gql(
      database.db,
      f.admin,
      `query($b: Int!, $id: Int!) {
        bookCustomers(bookId: $b) { rows { ${FIELDS} } }
        searchCustomers(query: "Một Kiểu", currentBookId: $b) { ${FIELDS} inCurrentBook }
        customer(id: $id) { ${FIELDS} } }`,
      { b: f.bookIds[0], id: customer.id },
    );
    expect(r.errors).toEqual([]);
    const row = r.data!.bookCustomers.rows.find((c: { id: number }) => c.id === customer.id);
    const [hit] = r.data!.searchCustomers;
    const detail = r.data!.customer;
    expect(row.__typename).toBe('Customer');
    expect(hit).toEqual({ ...row, inCurrentBook: true });
    expect(detail).toEqual(row);
    expect(row.bookCode).toBeTruthy();
  });

  it('a grid row answers the detail-only columns and relations too, loaded for all rows at once', async () => {
    await addCustomer(database.db, f, { name: 'Trần Thị Hai' });
    const { result: r, count } = await database.counter.measure(() =>
      gql(
        database.db,
        f.admin,
        `query($b: Int!) { bookCustomers(bookId: $b) { rows { id wastewaterFeeMode createdAt extra meters { serial isActive } } } }`,
        { b: f.bookIds[0] },
      ),
    );
    expect(r.errors).toEqual([]);
    // The grid's two statements, one for the columns the grid does not read, one for the meters of every row.
    expect(count).toBeLessThanOrEqual(4);
    const rows = r.data!.bookCustomers.rows;
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) {
      expect(row.wastewaterFeeMode).toBe('STANDARD');
      expect(typeof row.createdAt).toBe('string');
      expect(row.meters.filter((m: { isActive: boolean }) => m.isActive)).toHaveLength(1);
    }
  });
});
