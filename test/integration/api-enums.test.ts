import { sql } from 'drizzle-orm';
import { getNamedType, isEnumType, isInputObjectType, isObjectType, type GraphQLEnumType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@/db/sql';
import { schema } from '@/graphql/schema';
import { createTestDatabase } from '../helpers/db';
import { createOrgFixture, type OrgFixture } from '../helpers/fixtures';
import { gql } from '../helpers/graphql';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let f: OrgFixture;

beforeAll(async () => {
  database = await createTestDatabase();
  f = await createOrgFixture(database.db);
});
afterAll(async () => database?.close());

/** Fields whose values used to be listed in descriptions only: each is now a described GraphQL enum. */
const ENUM_FIELDS: [type: string, field: string, enumName: string][] = [
  ['BillingRun', 'status', 'BillingRunStatus'],
  ['Invoice', 'kind', 'InvoiceKind'],
  ['InvoiceSummary', 'kind', 'InvoiceKind'],
  ['Invoice', 'status', 'InvoiceStatus'],
  ['InvoiceSummary', 'status', 'InvoiceStatus'],
  ['ReadingSheetRow', 'anomalyStatus', 'AnomalyStatus'],
  ['Reading', 'anomalyStatus', 'AnomalyStatus'],
  ['ReadingSheetRow', 'source', 'ReadingSource'],
  ['Reading', 'source', 'ReadingSource'],
  ['Customer', 'customerType', 'CustomerType'],
  ['Customer', 'status', 'CustomerStatus'],
  ['Customer', 'wastewaterFeeMode', 'WastewaterFeeMode'],
  ['CustomerInput', 'customerType', 'CustomerType'],
  ['CustomerInput', 'status', 'CustomerStatus'],
  ['CustomerInput', 'wastewaterFeeMode', 'WastewaterFeeMode'],
];

describe('enums and instants in the schema', () => {
  it.each(ENUM_FIELDS)('%s.%s is the %s enum, every value described', (typeName, fieldName, enumName) => {
    const type = schema.getType(typeName);
    if (!isObjectType(type) && !isInputObjectType(type)) throw new Error(`${typeName} is not an object or input type`);
    const fieldType = getNamedType(type.getFields()[fieldName]!.type);
    expect(fieldType.name).toBe(enumName);
    expect(isEnumType(fieldType)).toBe(true);
    for (const value of (fieldType as GraphQLEnumType).getValues()) {
      expect(value.name).toMatch(/^[A-Z][A-Z_]*$/);
      expect(value.description, value.name).toBeTruthy();
    }
  });

  it('every timestamp field (…At) is a DateTime', () => {
    const wrong: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        if (/[a-z]At$/.test(field.name) && getNamedType(field.type).name !== 'DateTime')
          wrong.push(`${type.name}.${field.name}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('customer enums on the wire', () => {
  it('takes and answers enum names while the database keeps its stored values', async () => {
    const created = await gql(
      database.db,
      f.clerk,
      `mutation($input: CustomerInput!) { createCustomer(input: $input) { id customerType status wastewaterFeeMode wastewaterFeeBp } }`,
      {
        input: {
          bookId: f.bookIds[0],
          name: 'Công ty Nước Sạch Thử',
          customerType: 'ORGANISATION',
          taxCode: '0101234567',
          address: '3 Phố Thử, Ba Đình',
          households: 1,
          persons: 1,
          wastewaterFeeMode: 'CUSTOM',
          wastewaterFeeBp: 1500,
          status: 'CUT_OFF',
          isPreferential: false,
        },
      },
    );
    expect(created.errors).toEqual([]);
    const c = created.data!.createCustomer;
    expect(c).toMatchObject({
      customerType: 'ORGANISATION',
      status: 'CUT_OFF',
      wastewaterFeeMode: 'CUSTOM',
      wastewaterFeeBp: 1500,
    });

    const [row] = rowsOf<Record<string, unknown>>(
      await database.db.execute(
        sql`select customer_type, status, wastewater_fee_mode from customers where id = ${c.id}`,
      ),
    );
    expect([Number(row!.customer_type), Number(row!.status), row!.wastewater_fee_mode]).toEqual([1, 0, 'custom']);

    const listed = await gql(
      database.db,
      f.admin,
      `{ bookCustomers(bookId: ${f.bookIds[0]}) { rows { id customerType status } } }`,
    );
    expect(listed.data!.bookCustomers.rows.find((r: { id: number }) => r.id === c.id)).toMatchObject({
      customerType: 'ORGANISATION',
      status: 'CUT_OFF',
    });
  });

  it('refuses a stored value sent in place of the enum name', async () => {
    const r = await gql(
      database.db,
      f.clerk,
      `mutation($input: CustomerInput!) { createCustomer(input: $input) { id } }`,
      {
        input: {
          bookId: f.bookIds[0],
          name: 'Sai loại',
          customerType: 0,
          address: 'x',
          households: 1,
          persons: 1,
          wastewaterFeeMode: 'standard',
          status: 1,
          isPreferential: false,
        },
      },
    );
    expect(r.errors.length).toBeGreaterThan(0);
    expect(r.data?.createCustomer ?? null).toBeNull();
  });
});
