import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '@/db/client';
import { rowsOf } from '@/db/sql';
import { DEMO_USERS, demoBookCounts, seedDemo, type SeedDemoResult } from '@/db/seed/demo';
import { generateCustomers, type GenerateProgress } from '@/db/seed/generate';
import { VietnameseFaker, meterSerial } from '@/db/seed/names';
import { PERMISSION_OBJECTS } from '@/domain/auth/permissions';
import { foldVietnamese } from '@/domain/text/normalize';
import { verifyPassword } from '@/services/auth/password';

const TODAY = '2026-03-15';
const CUSTOMERS = 300;

async function query<T>(database: Database, q: ReturnType<typeof sql>): Promise<T[]> {
  return rowsOf<T>(await database.db.execute(q));
}

describe('names', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = new VietnameseFaker(7);
    const b = new VietnameseFaker(7);
    const c = new VietnameseFaker(8);
    const run = (f: VietnameseFaker) => Array.from({ length: 20 }, () => f.fullName());
    const first = run(a);
    expect(run(b)).toEqual(first);
    expect(run(c)).not.toEqual(first);
  });

  it('makes phones, citizen ids and tax codes of the right shape', () => {
    const f = new VietnameseFaker(1);
    for (let i = 0; i < 500; i++) {
      expect(f.mobilePhone()).toMatch(/^0[35789]\d{8}$/);
      expect(f.citizenId('female', 1985)).toMatch(/^001185\d{6}$/);
      expect(f.citizenId('male', 2001)).toMatch(/^001201\d{6}$/);
      expect(f.taxCode()).toMatch(/^01\d{8}$/);
    }
  });

  it('gives distinct meter serials to distinct numbers', () => {
    const seen = new Set<string>();
    for (let n = 0; n < 200_000; n++) seen.add(meterSerial('AC', 20, n).slice(4));
    expect(seen.size).toBe(200_000);
  });
});

describe('seedDemo into PGlite', () => {
  let database: Database;
  let summary: SeedDemoResult;

  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    summary = await seedDemo(database.db, { customers: CUSTOMERS, today: TODAY });
  });

  afterAll(async () => {
    await database?.close();
  });

  it('returns a summary of what it wrote', () => {
    expect(summary).toMatchObject({
      skipped: false,
      branches: 2,
      routes: 4,
      books: 8,
      wards: 14,
      customers: CUSTOMERS,
      meters: CUSTOMERS,
      contracts: CUSTOMERS,
      readings: CUSTOMERS * 12,
      users: ['admin', 'nv01', 'xem01'],
      periods: { from: '2025-03', to: '2026-02' },
    });
  });

  it('places every ward in the branch whose books read it, so a request for a new address finds its branch', async () => {
    const rows = await query<{ ward: string; branch: string | null }>(
      database,
      sql`select w.code as ward, b.code as branch from wards w left join branches b on b.id = w.branch_id order by w.code`,
    );
    expect(rows.filter((r) => r.branch === null)).toEqual([]);
    expect(rows.find((r) => r.ward === 'BD-KM')?.branch).toBe('CN1');
    expect(rows.find((r) => r.ward === 'DD-LH')?.branch).toBe('CN2');
  });

  it('does nothing the second time', async () => {
    const again = await seedDemo(database.db, { customers: CUSTOMERS, today: TODAY });
    expect(again.skipped).toBe(true);
    const [row] = await query<{ n: number }>(database, sql`select count(*)::int as n from customers`);
    expect(row?.n).toBe(CUSTOMERS);
  });

  it('creates the demo users with verifiable passwords', async () => {
    const users = await query<{ login: string; password_hash: string; is_admin: boolean }>(
      database,
      sql`select login, password_hash, is_admin from users order by login`,
    );
    expect(users.map((u) => u.login)).toEqual(['admin', 'nv01', 'xem01']);
    for (const demo of DEMO_USERS) {
      const user = users.find((u) => u.login === demo.login);
      expect(user).toBeDefined();
      expect(demo.password).toBe(`${demo.login}-demo-2026`);
      expect(await verifyPassword(demo.password, user?.password_hash ?? '')).toBe(true);
      expect(user?.is_admin).toBe(demo.login === 'admin');
    }
    const admin = users.find((u) => u.login === 'admin');
    expect(await verifyPassword('wrong-password', admin?.password_hash ?? '')).toBe(false);
  });

  it('gives nv01 exactly the books S01 and S02 and full document rights on their branch only', async () => {
    const books = await query<{ code: string }>(
      database,
      sql`select b.code from user_books ub join users u on u.id = ub.user_id join reading_books b on b.id = ub.book_id
          where u.login = 'nv01' order by b.code`,
    );
    expect(books.map((b) => b.code)).toEqual(['S01', 'S02']);

    const perms = await query<{ branch: string; group: string; object: string; rights: string }>(
      database,
      sql`select br.code as branch, p.group, p.object,
            concat_ws(',', case when can_access then 'access' end, case when can_add then 'add' end, case when can_edit then 'edit' end,
                      case when can_delete then 'delete' end, case when can_print then 'print' end, case when can_export then 'export' end) as rights
          from user_permissions p join users u on u.id = p.user_id join branches br on br.id = p.branch_id
          where u.login = 'nv01'`,
    );
    expect(new Set(perms.map((p) => p.branch))).toEqual(new Set(['CN1']));
    const documents = perms.filter((p) => p.group === 'document');
    expect(documents.map((p) => p.object).sort()).toEqual(Object.keys(PERMISSION_OBJECTS.document).sort());
    expect(documents.every((p) => p.rights === 'access,add,edit,delete,print,export')).toBe(true);
    const catalogs = perms.filter((p) => p.group === 'catalog');
    expect(catalogs).toHaveLength(Object.keys(PERMISSION_OBJECTS.catalog).length);
    expect(catalogs.every((p) => p.rights === 'access,export')).toBe(true);
    expect(perms.filter((p) => p.group === 'report')).toHaveLength(0);
  });

  it('makes xem01 read-only on branch CN1 and assigns it the routes of CN1', async () => {
    const routes = await query<{ code: string }>(
      database,
      sql`select r.code from user_routes ur join users u on u.id = ur.user_id join routes r on r.id = ur.route_id
          where u.login = 'xem01' order by r.code`,
    );
    expect(routes.map((r) => r.code)).toEqual(['T01', 'T02']);
    const [perm] = await query<{ n: number; branches: string; writes: number; reads: number }>(
      database,
      sql`select count(*)::int as n, string_agg(distinct br.code, ',') as branches,
            count(*) filter (where can_add or can_edit or can_delete)::int as writes,
            count(*) filter (where can_access and can_print and can_export)::int as reads
          from user_permissions p join users u on u.id = p.user_id join branches br on br.id = p.branch_id
          where u.login = 'xem01'`,
    );
    const objects = Object.values(PERMISSION_OBJECTS).reduce((n, group) => n + Object.keys(group).length, 0);
    expect(perm).toEqual({ n: objects, branches: 'CN1', writes: 0, reads: objects });
  });

  it('puts 40 % of the customers in book S01 and spreads the rest', async () => {
    expect(demoBookCounts(5000)[0]).toBe(2000);
    const rows = await query<{ code: string; n: number }>(
      database,
      sql`select b.code, count(c.id)::int as n from reading_books b left join customers c on c.book_id = b.id group by b.code order by b.code`,
    );
    expect(rows.map((r) => r.code)).toEqual(['S01', 'S02', 'S03', 'S04', 'S05', 'S06', 'S07', 'S08']);
    expect(rows[0]?.n).toBe(CUSTOMERS * 0.4);
    for (const r of rows.slice(1)) expect(r.n).toBeGreaterThan(20);
  });

  it('numbers customers in tens, unique within each book', async () => {
    const [row] = await query<{ not_tens: number; dup: number; gaps: number }>(
      database,
      sql`select count(*) filter (where sequence_no % 10 <> 0)::int as not_tens,
                 (select count(*)::int from (select book_id, sequence_no from customers group by 1, 2 having count(*) > 1) d) as dup,
                 (select count(*)::int from (select book_id from customers group by 1 having max(sequence_no) <> 10 * count(*)) g) as gaps
          from customers`,
    );
    expect(row).toEqual({ not_tens: 0, dup: 0, gaps: 0 });
  });

  it('gives every customer one active meter and one current contract numbered <code>/01', async () => {
    const [row] = await query<{
      bad_code: number;
      meters: number;
      contracts: number;
      serials: number;
      customers: number;
    }>(
      database,
      sql`select
            (select count(*)::int from customers where code !~ '^KH[0-9]{7}$') as bad_code,
            (select count(*)::int from customers c where (select count(*) from meters m where m.customer_id = c.id and m.is_active) = 1
               and not exists (select 1 from meters m where m.customer_id = c.id and not m.is_active)) as meters,
            (select count(*)::int from customers c join contracts k on k.customer_id = c.id
               where k.is_current and k.number = c.code || '/01' and k.revision = 1 and k.address = c.address
               and (select count(*) from contracts k2 where k2.customer_id = c.id) = 1) as contracts,
            (select count(distinct serial)::int from meters) as serials,
            (select count(*)::int from customers) as customers`,
    );
    expect(row).toEqual({
      bad_code: 0,
      meters: CUSTOMERS,
      contracts: CUSTOMERS,
      serials: CUSTOMERS,
      customers: CUSTOMERS,
    });
  });

  it('writes Vietnamese names with diacritics and a folded search text', async () => {
    const customers = await query<{
      code: string;
      name: string;
      address: string;
      phone: string | null;
      search_text: string;
      customer_type: number;
      tax_code: string | null;
      citizen_id: string | null;
    }>(
      database,
      sql`select code, name, address, phone, search_text, customer_type, tax_code, citizen_id from customers`,
    );
    const withDiacritics = customers.filter((c) => /[^\u0000-\u007f]/.test(c.name));
    expect(withDiacritics.length / customers.length).toBeGreaterThan(0.9);
    expect(customers.some((c) => /[ăâđêôơưĐ]/.test(c.name))).toBe(true);
    for (const c of customers) {
      expect(c.name.normalize('NFC')).toBe(c.name);
      expect(c.search_text).toBe(foldVietnamese(`${c.code} ${c.name} ${c.address} ${c.phone ?? ''}`));
      expect(c.search_text).toMatch(/^[\x20-\x7e]+$/);
      if (c.phone) expect(c.phone).toMatch(/^0[35789]\d{8}$/);
      if (c.customer_type === 1) {
        expect(c.tax_code).toMatch(/^\d{10}$/);
        expect(c.citizen_id).toBeNull();
      } else {
        expect(c.tax_code).toBeNull();
        if (c.citizen_id) expect(c.citizen_id).toMatch(/^\d{12}$/);
      }
    }
    const organisations = customers.filter((c) => c.customer_type === 1).length;
    expect(organisations).toBeGreaterThan(0);
    expect(organisations).toBeLessThan(CUSTOMERS * 0.12);
  });

  it('seeds the tariffs and uses them on customers', async () => {
    const tiers = await query<{ code: string; n: number }>(
      database,
      sql`select st.code, count(t.id)::int as n from service_types st join tariff_versions v on v.service_type_id = st.id
          join tariff_tiers t on t.version_id = v.id where st.code in ('HN_SH', 'HN_KD') group by st.code order by st.code`,
    );
    expect(tiers).toEqual([
      { code: 'HN_KD', n: 1 },
      { code: 'HN_SH', n: 4 },
    ]);
    const [row] = await query<{ sh: number; none: number }>(
      database,
      sql`select count(*) filter (where st.code = 'HN_SH')::int as sh, count(*) filter (where c.service_type_id is null)::int as none
          from customers c left join service_types st on st.id = c.service_type_id`,
    );
    expect(row?.none).toBe(0);
    expect(row?.sh).toBeGreaterThan(CUSTOMERS * 0.7);
  });

  it('seeds 12 closed periods of readings, chained and ending before the current month', async () => {
    const [row] = await query<{
      periods: string;
      per_customer_bad: number;
      unchained: number;
      bad_consumption: number;
      out_of_range: number;
    }>(
      database,
      sql`with r as (
            select r.*, c.status, lag(r.current_index) over (partition by r.customer_id order by r.period) as prev_current
            from readings r join customers c on c.id = r.customer_id)
          select string_agg(distinct period, ',' order by period) as periods,
            (select count(*)::int from (select customer_id from readings group by 1 having count(*) <> 12) x) as per_customer_bad,
            count(*) filter (where prev_current is not null and prev_current <> previous_index)::int as unchained,
            count(*) filter (where consumption <> current_index - previous_index)::int as bad_consumption,
            count(*) filter (where status = 1 and consumption not between 5 and 40)::int as out_of_range
          from r`,
    );
    expect(row?.periods.split(',')).toHaveLength(12);
    expect(row?.periods.startsWith('2025-03,')).toBe(true);
    expect(row?.periods.endsWith(',2026-02')).toBe(true);
    expect(row).toMatchObject({ per_customer_bad: 0, unchained: 0, bad_consumption: 0, out_of_range: 0 });
    const [book] = await query<{ mismatched: number }>(
      database,
      sql`select count(*)::int as mismatched from readings r join customers c on c.id = r.customer_id
          join meters m on m.id = r.meter_id where r.book_id <> c.book_id or m.customer_id <> c.id or r.source <> 'system'`,
    );
    expect(book?.mismatched).toBe(0);
  });
});

describe('generateCustomers into PGlite', () => {
  let database: Database;

  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
  });

  afterAll(async () => {
    await database?.close();
  });

  it('fills books of 2,000 in batches, reports progress, and skips when enough customers exist', async () => {
    const progress: GenerateProgress[] = [];
    const result = await generateCustomers(database, {
      customers: 2300,
      batchSize: 1000,
      today: TODAY,
      onProgress: (p) => progress.push(p),
    });
    expect(result).toMatchObject({
      skipped: false,
      existing: 0,
      created: 2300,
      booksCreated: 2,
      meters: 2300,
      contracts: 2300,
      readings: 6900,
    });
    expect(progress.map((p) => p.done)).toEqual([1000, 2000, 2300]);
    expect(progress.at(-1)?.percent).toBe(100);
    expect(progress.every((p) => p.rowsPerSecond > 0)).toBe(true);

    const books = await query<{ code: string; n: number; max: number }>(
      database,
      sql`select b.code, count(*)::int as n, max(c.sequence_no)::int as max from customers c join reading_books b on b.id = c.book_id
          group by b.code order by b.code`,
    );
    expect(books).toEqual([
      { code: 'GS00001', n: 2000, max: 20000 },
      { code: 'GS00002', n: 300, max: 3000 },
    ]);
    const [readings] = await query<{ periods: string }>(
      database,
      sql`select string_agg(distinct period, ',' order by period) as periods from readings`,
    );
    expect(readings?.periods).toBe('2025-12,2026-01,2026-02');

    const again = await generateCustomers(database, { customers: 2300, today: TODAY, onProgress: null });
    expect(again).toMatchObject({ skipped: true, existing: 2300, created: 0 });

    const more = await generateCustomers(database, { customers: 2350, today: TODAY, onProgress: null });
    expect(more).toMatchObject({ skipped: false, existing: 2300, created: 50, booksCreated: 0 });
    const [last] = await query<{ n: number; max: number }>(
      database,
      sql`select count(*)::int as n, max(sequence_no)::int as max from customers c join reading_books b on b.id = c.book_id where b.code = 'GS00002'`,
    );
    expect(last).toEqual({ n: 350, max: 3500 });
  });
});
