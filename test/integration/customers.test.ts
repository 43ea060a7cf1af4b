import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const CREATE = `mutation($input: CustomerInput!, $meter: MeterInput, $contract: ContractInput) {
  createCustomer(input: $input, meter: $meter, contract: $contract) {
    id code sequenceNo version name bookCode
    contracts { number revision isCurrent address }
    meters { serial isActive }
  }
}`;

function customerInput(overrides: Record<string, unknown> = {}) {
  return {
    bookId: f.bookIds[0],
    name: 'Nguyễn Văn An',
    customerType: 'INDIVIDUAL',
    address: '12 Phố Phúc Xá, Ba Đình',
    wardId: f.wardId,
    serviceTypeId: f.serviceTypeId,
    households: 1,
    persons: 4,
    phone: '0912 345 678',
    wastewaterFeeMode: 'STANDARD',
    status: 'IN_SERVICE',
    isPreferential: false,
    ...overrides,
  };
}

let serialCounter = 1000;
const meter = () => ({
  serial: `SR${serialCounter++}`,
  installedOn: '2026-01-05',
  initialIndex: 0,
  meterTypeId: f.meterTypeId,
});
const contract = { signedOn: '2026-01-02' };

async function create(overrides: Record<string, unknown> = {}, actor = f.clerk) {
  const r = await gql(database.db, actor, CREATE, { input: customerInput(overrides), meter: meter(), contract });
  if (r.errors.length) throw new Error(`${r.code}: ${r.errors[0]!.message}`);
  return r.data!.createCustomer;
}

describe('customers', () => {
  it('generates the code, the sequence in tens and contract /01 with the customer address', async () => {
    const a = await create();
    const b = await create({ name: 'Trần Thị Bình' });
    expect(a.code).toMatch(/^KH\d{7}$/);
    expect(b.code > a.code).toBe(true);
    expect(b.sequenceNo - a.sequenceNo).toBe(10);
    expect(a.contracts).toEqual([
      { number: `${a.code}/01`, revision: 1, isCurrent: true, address: '12 Phố Phúc Xá, Ba Đình' },
    ]);
    expect(a.bookCode).toBe('S01');
  });

  it('refuses bad input with a stable code and Vietnamese message, writing nothing', async () => {
    const before = await gql(database.db, f.admin, `{ bookCustomers(bookId: ${f.bookIds[0]}) { total } }`);
    const r = await gql(database.db, f.clerk, CREATE, {
      input: customerInput({ households: 0, name: '' }),
      meter: meter(),
    });
    expect(r.code).toBe('VALIDATION_FAILED');
    expect(r.errors[0]!.message).toContain('Số hộ dùng chung phải từ 1 trở lên');
    const org = await gql(database.db, f.clerk, CREATE, { input: customerInput({ customerType: 'ORGANISATION' }) });
    expect(org.errors[0]!.message).toContain('mã số thuế');
    const after = await gql(database.db, f.admin, `{ bookCustomers(bookId: ${f.bookIds[0]}) { total } }`);
    expect(after.data!.bookCustomers.total).toBe(before.data!.bookCustomers.total);
  });

  it('refuses a sequence number already taken in the book, and a meter serial in service', async () => {
    const a = await create();
    const taken = await gql(database.db, f.clerk, CREATE, {
      input: customerInput({ sequenceNo: a.sequenceNo }),
      meter: meter(),
    });
    expect(taken.code).toBe('SEQUENCE_TAKEN');
    const dup = await gql(database.db, f.clerk, CREATE, {
      input: customerInput(),
      meter: { ...meter(), serial: a.meters[0].serial },
    });
    expect(dup.code).toBe('DUPLICATE_METER_SERIAL');
  });

  it('edits with a version check and records name and service-type history', async () => {
    const a = await create();
    const upd = `mutation($id: Int!, $v: Int!, $input: CustomerInput!) { updateCustomer(id: $id, version: $v, input: $input) { version name history { kind before after userLogin } } }`;
    const r = await gql(database.db, f.clerk, upd, {
      id: a.id,
      v: a.version,
      input: customerInput({ name: 'Nguyễn Văn Ân', sequenceNo: a.sequenceNo }),
    });
    expect(r.errors).toEqual([]);
    const h = r.data!.updateCustomer.history.find((e: any) => e.kind === 'name');
    expect(h.before).toEqual({ name: 'Nguyễn Văn An' });
    expect(h.after).toEqual({ name: 'Nguyễn Văn Ân' });
    expect(h.userLogin).toContain('clerk');
    const stale = await gql(database.db, f.clerk, upd, {
      id: a.id,
      v: a.version,
      input: customerInput({ name: 'Khác', sequenceNo: a.sequenceNo }),
    });
    expect(stale.code).toBe('VERSION_CONFLICT');
  });

  it('re-signs a contract keeping the old one, and replaces a meter keeping the history', async () => {
    const a = await create();
    const rs = await gql(
      database.db,
      f.clerk,
      `mutation($id: Int!) { resignContract(customerId: $id, input: { signedOn: "2026-06-01" }) { number revision } }`,
      { id: a.id },
    );
    expect(rs.data!.resignContract).toEqual({ number: `${a.code}/02`, revision: 2 });
    const rm = await gql(
      database.db,
      f.clerk,
      `mutation($id: Int!, $m: MeterInput!) { replaceMeter(customerId: $id, finalIndex: 321, removedOn: "2026-06-10", meter: $m) { serial isActive } }`,
      { id: a.id, m: { ...meter(), installedOn: '2026-06-10', initialIndex: 5 } },
    );
    expect(rm.errors).toEqual([]);
    const c = await gql(
      database.db,
      f.clerk,
      `query($id: Int!) { customer(id: $id) { contracts { number isCurrent } meters { isActive finalIndex initialIndex } history { kind } } }`,
      { id: a.id },
    );
    const cust = c.data!.customer;
    expect(cust.contracts.map((x: any) => [x.number, x.isCurrent])).toEqual([
      [`${a.code}/02`, true],
      [`${a.code}/01`, false],
    ]);
    expect(cust.meters.filter((m: any) => m.isActive)).toHaveLength(1);
    expect(cust.meters.find((m: any) => !m.isActive).finalIndex).toBe(321);
    expect(cust.history.map((h: any) => h.kind)).toEqual(expect.arrayContaining(['meter', 'contract', 'created']));
  });

  it('moves customers to another book, refusing a book the user lacks', async () => {
    const a = await create();
    const b = await create();
    const mv = `mutation($ids: [Int!]!, $to: Int!) { moveCustomers(customerIds: $ids, targetBookId: $to) }`;
    const refused = await gql(database.db, f.clerk, mv, { ids: [a.id], to: f.bookIds[2] });
    expect(refused.code).toBe('FORBIDDEN');
    const ok = await gql(database.db, f.clerk, mv, { ids: [a.id, b.id], to: f.bookIds[1] });
    expect(ok.data!.moveCustomers).toBe(2);
    const list = await gql(
      database.db,
      f.clerk,
      `{ bookCustomers(bookId: ${f.bookIds[1]}) { rows { id sequenceNo } } }`,
    );
    const ids = list.data!.bookCustomers.rows.map((r: any) => r.id);
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
  });

  it('inserts between neighbours without limit by renumbering when no number is free', async () => {
    const book = f.bookIds[1];
    const x = await create({ bookId: book, sequenceNo: 5000 });
    const y = await create({ bookId: book, sequenceNo: 5001 });
    const z = await create({ bookId: book });
    const place = `mutation($c: Int!, $a: Int) { placeCustomerAfter(customerId: $c, afterCustomerId: $a) }`;
    const r = await gql(database.db, f.clerk, place, { c: z.id, a: x.id });
    expect(r.errors).toEqual([]);
    const list = await gql(database.db, f.clerk, `{ bookCustomers(bookId: ${book}) { rows { id sequenceNo } } }`);
    const rows = list.data!.bookCustomers.rows as { id: number; sequenceNo: number }[];
    const order = rows.map((r) => r.id);
    expect(order.indexOf(z.id)).toBe(order.indexOf(x.id) + 1);
    expect(order.indexOf(y.id)).toBe(order.indexOf(z.id) + 1);
    expect(new Set(rows.map((r) => r.sequenceNo)).size).toBe(rows.length);
    const renum = await gql(database.db, f.clerk, `mutation { renumberBook(bookId: ${book}) }`);
    expect(renum.errors).toEqual([]);
    const after = await gql(database.db, f.clerk, `{ bookCustomers(bookId: ${book}) { rows { id sequenceNo } } }`);
    const seqs = after.data!.bookCustomers.rows.map((r: any) => r.sequenceNo);
    expect(seqs).toEqual(seqs.map((_: number, i: number) => (i + 1) * 10));
    expect(after.data!.bookCustomers.rows.map((r: any) => r.id)).toEqual(order);
  });

  it('searches by folded name, phone, code and serial, telling which book', async () => {
    const a = await create({ name: 'Phạm Thị Hồng Nhung', phone: '0987000111', bookId: f.bookIds[1] });
    const s = `query($q: String!, $b: Int) { searchCustomers(query: $q, currentBookId: $b) { id bookCode inCurrentBook } }`;
    for (const q of ['pham thi hong', '0987000111', a.code, a.meters[0].serial]) {
      const r = await gql(database.db, f.clerk, s, { q, b: f.bookIds[0] });
      expect(r.data!.searchCustomers.find((h: any) => h.id === a.id)).toEqual({
        id: a.id,
        bookCode: 'S02',
        inCurrentBook: false,
      });
    }
    // The viewer holds only S01: the customer of S02 is invisible to them.
    const hidden = await gql(database.db, f.viewer, s, { q: 'pham thi hong' });
    expect(hidden.data!.searchCustomers.find((h: any) => h.id === a.id)).toBeUndefined();
  });

  it('hides customers of books a user lacks: not by id, not in lists', async () => {
    const a = await create();
    const byId = await gql(database.db, f.outsider, `query($id: Int!) { customer(id: $id) { id name } }`, { id: a.id });
    expect(byId.data?.customer ?? null).toBeNull();
    // The same answer as for an id that does not exist.
    expect(byId.code).toBe('NOT_FOUND');
    const list = await gql(database.db, f.outsider, `{ bookCustomers(bookId: ${f.bookIds[0]}) { total } }`);
    expect(list.code).toBe('FORBIDDEN');
  });

  it('a read-only user cannot edit; delete is refused once an invoice exists', async () => {
    const a = await create();
    const del = await gql(database.db, f.viewer, `mutation { deleteCustomer(id: ${a.id}) }`);
    expect(del.code).toBe('FORBIDDEN');
    const { invoices } = await import('@/db/schema/billing');
    await database.db.insert(invoices).values({
      customerId: a.id,
      bookId: f.bookIds[0],
      period: '2026-05',
      consumption: 10,
      subtotal: 59730,
      vat: 2987,
      environmentFee: 5973,
      drainageFee: 0,
      drainageVat: 0,
      total: 68690,
    });
    const refused = await gql(database.db, f.clerk, `mutation { deleteCustomer(id: ${a.id}) }`);
    expect(refused.code).toBe('CUSTOMER_HAS_INVOICES');
    const b = await create();
    const ok = await gql(database.db, f.clerk, `mutation { deleteCustomer(id: ${b.id}) }`);
    expect(ok.data!.deleteCustomer).toBe(true);
  });
});

describe('extra fields a company defines', () => {
  it('accepts defined fields, refuses unknown keys and wrong kinds, requires required ones', async () => {
    const { customFieldDefs } = await import('@/db/schema/catalogs');
    await database.db.insert(customFieldDefs).values([
      { key: 'soHoKhau', label: 'Số hộ khẩu', kind: 'text' },
      { key: 'dienTich', label: 'Diện tích nhà', kind: 'number' },
    ]);
    const ok = await create({ extra: { soHoKhau: 'HK-123', dienTich: 72 } });
    const read = await gql(database.db, f.clerk, `query($id: Int!) { customer(id: $id) { extra } }`, { id: ok.id });
    expect(read.data!.customer.extra).toEqual({ soHoKhau: 'HK-123', dienTich: 72 });
    const unknown = await gql(database.db, f.clerk, CREATE, { input: customerInput({ extra: { khac: 'x' } }) });
    expect(unknown.code).toBe('UNKNOWN_EXTRA_FIELD');
    const wrongKind = await gql(database.db, f.clerk, CREATE, {
      input: customerInput({ extra: { dienTich: 'rộng' } }),
    });
    expect(wrongKind.code).toBe('INVALID_EXTRA_FIELD');
    await database.db.insert(customFieldDefs).values({ key: 'maVung', label: 'Mã vùng', kind: 'text', isRequired: 1 });
    const missing = await gql(database.db, f.clerk, CREATE, { input: customerInput({ extra: {} }) });
    expect(missing.code).toBe('EXTRA_FIELD_REQUIRED');
    expect(missing.errors[0]!.message).toBe('Chưa nhập Mã vùng.');
  });
});
