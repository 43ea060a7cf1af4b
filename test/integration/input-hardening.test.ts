import { sql } from 'drizzle-orm';
import type { GraphQLScalarType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rowsOf } from '@/db/sql';
import { schema } from '@/graphql/schema';
import { runQuery } from '@/graphql/server';
import { createTestDatabase } from '../helpers/db';
import { seedPublishedTariffs } from '../helpers/billing-fixtures';
import { createOrgFixture, type OrgFixture } from '../helpers/fixtures';
import { gql } from '../helpers/graphql';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let f: OrgFixture;

beforeAll(async () => {
  database = await createTestDatabase();
  f = await createOrgFixture(database.db);
  await seedPublishedTariffs(database.db, f.admin);
});
afterAll(async () => database?.close());

const CREATE = `mutation($input: CustomerInput!, $meter: MeterInput, $contract: ContractInput) {
  createCustomer(input: $input, meter: $meter, contract: $contract) { id name address }
}`;

let serial = 5000;
const customerInput = (overrides: Record<string, unknown> = {}) => ({
  bookId: f.bookIds[0],
  name: 'Lê Thị Hồng',
  customerType: 'INDIVIDUAL',
  address: '5 Ngõ Huế, Hai Bà Trưng',
  wardId: f.wardId,
  serviceTypeId: f.serviceTypeId,
  households: 1,
  persons: 3,
  wastewaterFeeMode: 'STANDARD',
  status: 'IN_SERVICE',
  isPreferential: false,
  ...overrides,
});
const meterInput = (overrides: Record<string, unknown> = {}) => ({
  serial: `HX${serial++}`,
  installedOn: '2026-01-05',
  initialIndex: 0,
  meterTypeId: f.meterTypeId,
  ...overrides,
});

async function countRows(table: 'customers' | 'meters' | 'period_locks'): Promise<number> {
  const [r] = rowsOf<{ n: number }>(await database.db.execute(sql.raw(`select count(*)::int as n from ${table}`)));
  return Number(r!.n);
}

describe('Date and Period scalars', () => {
  it.each(['2026-02-30', '0000-01-01', '2101-01-01', '1899-12-31', '2026-13-01', '26-01-01'])(
    'refuses the date %s with INVALID_DATE, writing nothing',
    async (bad) => {
      const before = await countRows('customers');
      const preferential = await gql(database.db, f.clerk, CREATE, {
        input: customerInput({ isPreferential: true, preferentialUntil: bad }),
      });
      expect(preferential.code).toBe('INVALID_DATE');
      const installed = await gql(database.db, f.clerk, CREATE, {
        input: customerInput(),
        meter: meterInput({ installedOn: bad }),
      });
      expect(installed.code).toBe('INVALID_DATE');
      // The Vietnamese message alone, without graphql-js's English "Variable … got invalid value" prefix.
      expect(installed.errors[0]!.message).toMatch(/^Ngày không hợp lệ/);
      expect(await countRows('customers')).toBe(before);
    },
  );

  it.each(['0000-01', '2101-01', '1899-12', '2026-00', '2026-13'])(
    'refuses the period %s with INVALID_PERIOD, writing nothing',
    async (bad) => {
      const before = await countRows('period_locks');
      const r = await gql(database.db, f.admin, `mutation($p: Period!) { lockPeriod(period: $p) { period } }`, {
        p: bad,
      });
      expect(r.code).toBe('INVALID_PERIOD');
      expect(r.errors[0]!.message).toMatch(/^Kỳ không hợp lệ/);
      const q = await gql(
        database.db,
        f.admin,
        `query($p: Period!) { bookInvoices(bookId: ${f.bookIds[0]}, period: $p) { total } }`,
        { p: bad },
      );
      expect(q.code).toBe('INVALID_PERIOD');
      expect(await countRows('period_locks')).toBe(before);
    },
  );

  it('accepts the edges of the window and a leap day', async () => {
    const r = await gql(database.db, f.clerk, CREATE, {
      input: customerInput({ isPreferential: true, preferentialUntil: '2028-02-29' }),
      meter: meterInput({ installedOn: '2024-02-29' }),
    });
    expect(r.errors).toEqual([]);
    const q = await gql(
      database.db,
      f.admin,
      `query($p: Period!) { bookInvoices(bookId: ${f.bookIds[0]}, period: $p) { total } }`,
      { p: '1900-01' },
    );
    expect(q.errors).toEqual([]);
  });

  it('DateTime refuses garbage, impossible instants and instants without an offset', () => {
    const scalar = schema.getType('DateTime') as GraphQLScalarType;
    for (const bad of [
      'garbage',
      '2026-02-30T10:00:00Z',
      '2026-03-01T25:00:00Z',
      '2026-03-01T10:00:00',
      '0000-01-01T00:00:00Z',
      42,
    ]) {
      expect(() => scalar.parseValue(bad), String(bad)).toThrow(
        expect.objectContaining({ extensions: { code: 'INVALID_DATETIME' } }),
      );
    }
    expect((scalar.parseValue('2026-03-01T08:00:00+07:00') as Date).toISOString()).toBe('2026-03-01T01:00:00.000Z');
  });
});

describe('meter bounds', () => {
  it('refuses an installation date in the far future or past, and indexes out of range, writing nothing', async () => {
    const before = await countRows('meters');
    const future = await gql(database.db, f.clerk, CREATE, {
      input: customerInput(),
      meter: meterInput({ installedOn: '2099-01-01' }),
    });
    expect(future.code).toBe('VALIDATION_FAILED');
    expect(future.errors[0]!.message).toContain('Ngày lắp');
    const past = await gql(database.db, f.clerk, CREATE, {
      input: customerInput(),
      meter: meterInput({ installedOn: '1901-01-01' }),
    });
    expect(past.code).toBe('VALIDATION_FAILED');
    const negative = await gql(database.db, f.clerk, CREATE, {
      input: customerInput(),
      meter: meterInput({ initialIndex: -1 }),
    });
    expect(negative.code).toBe('VALIDATION_FAILED');
    expect(negative.errors[0]!.message).toContain('Chỉ số đầu không được âm');
    const huge = await gql(database.db, f.clerk, CREATE, {
      input: customerInput(),
      meter: meterInput({ initialIndex: 1_500_000_000 }),
    });
    expect(huge.code).toBe('VALIDATION_FAILED');
    expect(await countRows('meters')).toBe(before);
  });

  it("refuses an initial index above the meter type's capacity", async () => {
    const [type] = rowsOf<{ max_index: number }>(
      await database.db.execute(sql`select max_index from meter_types where id = ${f.meterTypeId}`),
    );
    const before = await countRows('customers');
    const r = await gql(database.db, f.clerk, CREATE, {
      input: customerInput(),
      meter: meterInput({ initialIndex: Number(type!.max_index) + 1 }),
    });
    expect(r.code).toBe('INDEX_ABOVE_CAPACITY');
    expect(r.errors[0]!.message).toContain('vượt quá chỉ số tối đa');
    expect(await countRows('customers')).toBe(before);
  });
});

describe('meter replacement bounds', () => {
  it("refuses a final index above the old meter's capacity and a removal date far ahead, writing nothing", async () => {
    const created = await gql(database.db, f.clerk, CREATE, { input: customerInput(), meter: meterInput() });
    const customerId = created.data!.createCustomer.id;
    const [type] = rowsOf<{ max_index: number }>(
      await database.db.execute(sql`select max_index from meter_types where id = ${f.meterTypeId}`),
    );
    const REPLACE = `mutation($c: Int!, $fi: Int!, $on: Date!, $m: MeterInput!) { replaceMeter(customerId: $c, finalIndex: $fi, removedOn: $on, meter: $m) { id } }`;
    const before = await countRows('meters');
    const above = await gql(database.db, f.clerk, REPLACE, {
      c: customerId,
      fi: Number(type!.max_index) + 1,
      on: '2026-02-01',
      m: meterInput({ installedOn: '2026-02-01' }),
    });
    expect(above.code).toBe('INDEX_ABOVE_CAPACITY');
    const farAhead = await gql(database.db, f.clerk, REPLACE, {
      c: customerId,
      fi: 10,
      on: '2090-02-01',
      m: meterInput({ installedOn: '2026-02-01' }),
    });
    expect(farAhead.code).toBe('VALIDATION_FAILED');
    expect(farAhead.errors[0]!.message).toContain('Ngày tháo');
    expect(await countRows('meters')).toBe(before);
  });
});

describe('server log', () => {
  it('an unexpected database error logs no parameter of the failed statement', async () => {
    // A trigger stands in for any unforeseen database failure (not a constraint the API maps).
    await database.db.execute(
      sql.raw(`create function refuse_test_customer() returns trigger language plpgsql as $$
        begin if new.name = 'Đỗ Bí Mật' then raise exception 'test failure'; end if; return new; end $$`),
    );
    await database.db.execute(
      sql.raw(
        `create trigger refuse_test_customer before insert on customers for each row execute function refuse_test_customer()`,
      ),
    );
    const logged: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      logged.push(
        args
          .map((a) => (a instanceof Error ? `${a.message}\n${a.stack ?? ''}\n${JSON.stringify(a)}` : String(a)))
          .join(' '),
      );
    });
    try {
      const r = await gql(database.db, f.clerk, CREATE, {
        input: customerInput({ name: 'Đỗ Bí Mật', citizenId: '079123456789', address: '99 Đường Bí Mật' }),
      });
      expect(r.code).toBe('INTERNAL');
      // Server components show the thrown message on the page: it must be the generic one.
      const thrown = await runQuery({ db: database.db, actor: f.clerk, ip: '127.0.0.1' }, CREATE, {
        input: customerInput({ name: 'Đỗ Bí Mật', citizenId: '079123456789', address: '99 Đường Bí Mật' }),
      }).catch((e: unknown) => e as Error & { extensions?: { code?: string } });
      expect(thrown).toBeInstanceOf(Error);
      expect((thrown as { extensions?: { code?: string } }).extensions?.code).toBe('INTERNAL');
      expect((thrown as Error).message).toBe('Đã có lỗi hệ thống, vui lòng thử lại.');
    } finally {
      spy.mockRestore();
      await database.db.execute(sql.raw(`drop trigger refuse_test_customer on customers`));
    }
    const log = logged.join('\n');
    expect(log).toContain('P0001');
    expect(log).toContain('insert into "customers"');
    for (const secret of ['079123456789', 'Đỗ Bí Mật', 'Bí Mật', '99 Đường', 'test failure'])
      expect(log).not.toContain(secret);
  });
});

describe('Unicode normalisation', () => {
  it('stores a name and address sent decomposed (NFD) in composed form (NFC)', async () => {
    const name = 'Nguyễn Thị Ánh Tuyết';
    const address = '17 Phố Đường Thành, Hoàn Kiếm';
    const r = await gql(database.db, f.clerk, CREATE, {
      input: customerInput({ name: name.normalize('NFD'), address: address.normalize('NFD') }),
      contract: { signedOn: '2026-01-02' },
    });
    expect(r.errors).toEqual([]);
    expect(name.normalize('NFD')).not.toBe(name);
    const [row] = rowsOf<{ name: string; address: string; contract_address: string }>(
      await database.db.execute(
        sql`select c.name, c.address, ct.address as contract_address from customers c join contracts ct on ct.customer_id = c.id where c.id = ${r.data!.createCustomer.id}`,
      ),
    );
    expect(row).toEqual({ name, address, contract_address: address });
  });

  it('finds an NFC name with an NFD search and the other way round', async () => {
    const created = await gql(database.db, f.clerk, CREATE, { input: customerInput({ name: 'Phạm Thị Hoà Bình' }) });
    expect(created.errors).toEqual([]);
    const q = `query($s: String!) { bookCustomers(bookId: ${f.bookIds[0]}, search: $s) { rows { id } } }`;
    for (const s of ['Hoà Bình'.normalize('NFD'), 'Hoà Bình']) {
      const r = await gql(database.db, f.clerk, q, { s });
      expect(r.errors).toEqual([]);
      expect(r.data!.bookCustomers.rows.map((x: { id: number }) => x.id)).toContain(created.data!.createCustomer.id);
    }
  });
});

const ESTIMATE = `query($input: EstimateBillInput!) {
  estimateBill(input: $input) { lines { quantity unitPrice amount } subtotal vat environmentFee drainageFee drainageVat total }
}`;

describe('Money', () => {
  it('estimateBill takes 1,000,000 m3 and returns the exact amount above 2^31', async () => {
    const r = await gql(database.db, null, ESTIMATE, {
      input: { serviceTypeCode: 'HN_SH', consumption: 1_000_000, period: '2026-03' },
    });
    expect(r.errors).toEqual([]);
    const e = r.data!.estimateBill;
    expect(e.total).toBeGreaterThan(2 ** 31);
    expect(Number.isSafeInteger(e.total)).toBe(true);
    const lines = e.lines as { quantity: number; unitPrice: number; amount: number }[];
    const tiers = lines.slice(0, -2);
    expect(tiers.reduce((s, l) => s + l.quantity, 0)).toBe(1_000_000);
    for (const l of tiers) expect(BigInt(l.amount)).toBe(BigInt(l.quantity) * BigInt(l.unitPrice));
    const subtotal = tiers.reduce((s, l) => s + BigInt(l.amount), 0n);
    expect(BigInt(e.subtotal)).toBe(subtotal);
    // 5 % VAT and 10 % environment fee, each rounded half up once.
    expect(BigInt(e.vat)).toBe((subtotal * 5n + 50n) / 100n);
    expect(BigInt(e.environmentFee)).toBe((subtotal * 10n + 50n) / 100n);
    expect(BigInt(e.total)).toBe(lines.reduce((s, l) => s + BigInt(l.amount), 0n));
  });

  it('refuses more than 1,000,000 m3 with a Vietnamese message', async () => {
    const r = await gql(database.db, null, ESTIMATE, { input: { serviceTypeCode: 'HN_SH', consumption: 1_000_001 } });
    expect(r.code).toBe('VALIDATION_FAILED');
    expect(r.errors[0]!.message).toContain('1.000.000 m3');
  });

  it('estimateBill refuses a period outside 1900–2100 as bad input, not an internal error', async () => {
    for (const period of ['0000-01', '2101-01']) {
      const r = await gql(database.db, null, ESTIMATE, {
        input: { serviceTypeCode: 'HN_SH', consumption: 10, period },
      });
      expect(r.code, period).toBe('VALIDATION_FAILED');
      expect(r.errors[0]!.message).toMatch(/^Kỳ không hợp lệ/);
    }
  });

  it.each([1.5, 2 ** 53, -(2 ** 53), '100000'])(
    'refuses the amount %s with INVALID_MONEY, writing nothing',
    async (amount) => {
      const created = await gql(database.db, f.clerk, CREATE, { input: customerInput() });
      const customerId = created.data!.createCustomer.id;
      const r = await gql(
        database.db,
        f.clerk,
        `mutation($input: BackBillInput!) { createBackBill(input: $input) { id } }`,
        {
          input: { customerId, tariffPeriod: '2026-03', billPeriod: '2026-04', amount, reason: 'Câu đấu trái phép' },
        },
      );
      expect(r.code).toBe('INVALID_MONEY');
      expect(r.errors[0]!.message).toMatch(/Số tiền/);
      const [n] = rowsOf<{ n: number }>(
        await database.db.execute(sql`select count(*)::int as n from adjustments where customer_id = ${customerId}`),
      );
      expect(Number(n!.n)).toBe(0);
    },
  );

  it('every VND amount in the schema is Money', () => {
    const amountFields: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || !('getFields' in type)) continue;
      for (const field of Object.values(type.getFields())) {
        if (
          !/^(amount|unitPrice|subtotal|vat|total|totalAmount|environmentFee|drainageFee|drainageVat|meterSubscription)$/.test(
            field.name,
          )
        )
          continue;
        // `total` of a page or of the reading sheet is a row count.
        if (field.name === 'total' && (type.name.endsWith('Page') || type.name === 'ReadingSheet')) continue;
        amountFields.push(`${type.name}.${field.name}: ${String(field.type)}`);
      }
    }
    expect(amountFields.length).toBeGreaterThan(20);
    expect(amountFields.filter((f) => !/: Money!?$/.test(f))).toEqual([]);
  });
});
