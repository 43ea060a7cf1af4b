import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchCustomers } from '@/services/customers/book.service';
import { addCustomer } from '../helpers/billing-fixtures';
import { createOrgFixture, type OrgFixture } from '../helpers/fixtures';
import { createCountedTestDatabase } from '../helpers/statements';

/** Cross-book search: accent-insensitive whatever the Unicode form, limited to the user's books, and indexed. */
let database: Awaited<ReturnType<typeof createCountedTestDatabase>>;
let f: OrgFixture;
const BULK = 20_000;

/**
 * The plan of a statement as the service sent it (same text, same bound parameters), with sequential scans
 * priced out: a small test table is cheaper to scan, so this proves the index CAN answer the query (the
 * 1,000,000-customer benchmark shows the planner choosing it unprompted).
 */
async function explainWithoutSeqScan(text: string, params: unknown[]): Promise<string> {
  const client = (database.db as unknown as { $client: any }).$client;
  const statement = `explain (format text) ${text}`;
  const rows: Record<string, string>[] =
    database.kind === 'postgres'
      ? await client.begin(async (tx: any) => {
          await tx.unsafe('set local enable_seqscan = off');
          return tx.unsafe(statement, params);
        })
      : await client.transaction(async (tx: any) => {
          await tx.exec('set local enable_seqscan = off');
          return (await tx.query(statement, params)).rows;
        });
  return rows.map((r) => Object.values(r)[0]).join('\n');
}

beforeAll(async () => {
  database = await createCountedTestDatabase();
  f = await createOrgFixture(database.db);
  await addCustomer(database.db, f, {
    name: 'Nguyễn Thị Đào',
    address: '12 Phố Phúc Xá, Ba Đình',
    phone: '0912345678',
  });
  await addCustomer(database.db, f, {
    bookId: f.bookIds[2],
    name: 'Đặng Văn Đào',
    address: '7 Đường Kim Chung, Đông Anh',
  });
  // enough customers in books 0 and 2 for the planner to prefer an index over a scan (written as the generator writes them)
  await database.db.execute(sql`
    insert into customers (code, book_id, sequence_no, name, address, search_text)
    select 'BX' || lpad(i::text, 7, '0'), case when i % 2 = 0 then ${f.bookIds[0]}::int else ${f.bookIds[2]}::int end, 1000 + i, 'Khách hàng ' || left(md5(i::text), 10), i || ' Phố Hàng Bạc',
           'bx' || lpad(i::text, 7, '0') || ' khach hang ' || left(md5(i::text), 10) || ' ' || i || ' pho hang bac'
    from generate_series(1, ${BULK}) as i`);
  await database.db.execute(sql`analyze customers`);
  await database.db.execute(sql`analyze meters`);
}, 120_000);

afterAll(async () => {
  await database?.close();
});

describe('cross-book customer search', () => {
  it('ignores accents, case, đ and the Unicode form (NFC or NFD) of the query', async () => {
    for (const q of [
      'nguyen thi dao',
      'NGUYỄN THỊ ĐÀO',
      'Nguyễn Thị Đào'.normalize('NFD'),
      'Nguyễn Thị Đào'.normalize('NFC'),
      'phuc xa',
    ]) {
      const hits = await searchCustomers(database.db, f.admin, { query: q });
      expect(
        hits.map((h) => h.name),
        q,
      ).toEqual(['Nguyễn Thị Đào']);
    }
    const dao = await searchCustomers(database.db, f.admin, { query: 'đào'.normalize('NFD') });
    expect(dao.map((h) => h.name).sort()).toEqual(['Nguyễn Thị Đào', 'Đặng Văn Đào']);
  });

  it('finds by code and meter serial, and only in the books the user holds', async () => {
    const [c] = await searchCustomers(database.db, f.admin, { query: 'Nguyễn Thị Đào' });
    expect((await searchCustomers(database.db, f.admin, { query: c!.code.toLowerCase() })).map((h) => h.id)).toEqual([
      c!.id,
    ]);
    expect((await searchCustomers(database.db, f.admin, { query: c!.meterSerial! })).map((h) => h.id)).toEqual([c!.id]);
    // the clerk holds books 0 and 1: Đặng Văn Đào (book 2) stays hidden
    expect((await searchCustomers(database.db, f.clerk, { query: 'dao' })).map((h) => h.name)).toEqual([
      'Nguyễn Thị Đào',
    ]);
    expect(await searchCustomers(database.db, f.clerk, { query: 'kim chung' })).toEqual([]);
  });

  it('can answer from the trigram index instead of scanning every customer', async () => {
    const fragment = createHash('md5').update('12345').digest('hex').slice(0, 10);
    const { result, statements, params } = await database.counter.measure(() =>
      searchCustomers(database.db, f.admin, { query: fragment.toUpperCase() }),
    );
    expect(result.map((h) => h.name)).toEqual([`Khách hàng ${fragment}`]);
    expect(statements).toHaveLength(1);
    const plan = await explainWithoutSeqScan(statements[0]!, params[0]!);
    expect(plan).toMatch(/Bitmap Index Scan on "?customers_search_trgm"?/);
    expect(plan).not.toMatch(/Seq Scan on "?customers"?/);
  });

  it('reads the customers of a user holding a few books through the book index, not the trigram index', async () => {
    // a common fragment: gathering it from the trigram index over every book costs far more than filtering the
    // few thousand customers of the user's books
    const { statements, params } = await database.counter.measure(() =>
      searchCustomers(database.db, f.clerk, { query: 'khach hang' }),
    );
    const plan = await explainWithoutSeqScan(statements[0]!, params[0]!);
    expect(plan).not.toMatch(/customers_search_trgm/);
    expect(plan).toMatch(/customers_book_sequence/);
  });
});
