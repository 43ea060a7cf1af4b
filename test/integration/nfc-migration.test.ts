import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsFolder } from '@/db/client';
import { rowsOf } from '@/db/sql';
import { createTestDatabase } from '../helpers/db';
import { createOrgFixture, type OrgFixture } from '../helpers/fixtures';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let f: OrgFixture;

beforeAll(async () => {
  database = await createTestDatabase();
  f = await createOrgFixture(database.db);
});
afterAll(async () => database?.close());

function migrationSql(): string {
  const folder = readdirSync(migrationsFolder).find((d) => d.endsWith('_normalize_text_nfc'));
  if (!folder) throw new Error('normalize_text_nfc migration not found');
  return readFileSync(path.join(migrationsFolder, folder, 'migration.sql'), 'utf8');
}

const NAME = 'Trần Thị Ngọc Ánh';
const ADDRESS = '8 Ngõ Tràng Tiền, Hoàn Kiếm';
const TEAM = 'Đội lắp đặt Quận Đống Đa';

describe('migration normalize_text_nfc', () => {
  it('composes decomposed text already stored in text, varchar and jsonb columns, and leaves the rest alone', async () => {
    const nfd = (s: string) => s.normalize('NFD');
    expect(nfd(NAME)).not.toBe(NAME);
    const [c] = rowsOf<{ id: number }>(
      await database.db.execute(sql`
        insert into customers (code, book_id, sequence_no, name, customer_type, address, households, persons, wastewater_fee_mode, status,
                               is_preferential, extra, search_text)
        values ('KH9999001', ${f.bookIds[0]}, 10, ${nfd(NAME)}, 0, ${nfd(ADDRESS)}, 1, 1, 'standard', 1, false,
                ${JSON.stringify({ ghiChu: nfd('Nhà có chó dữ') })}::jsonb, 'kh9999001')
        returning id`),
    );
    const [same] = rowsOf<{ id: number }>(
      await database.db.execute(sql`
        insert into customers (code, book_id, sequence_no, name, customer_type, address, households, persons, wastewater_fee_mode, status,
                               is_preferential, search_text)
        values ('KH9999002', ${f.bookIds[0]}, 20, ${NAME}, 0, ${ADDRESS}, 1, 1, 'standard', 1, false, 'kh9999002')
        returning id`),
    );
    // varchar column (installation team phone/code are varchar; name is text).
    await database.db.execute(
      sql`insert into installation_teams (code, name, phone) values (${nfd('ĐỘI1')}, ${nfd(TEAM)}, '0241234567')`,
    );
    const [{ n: decomposedBefore }] = rowsOf<{ n: number }>(
      await database.db.execute(sql`select count(*)::int as n from customers where name is not nfc normalized`),
    ) as [{ n: number }];
    expect(Number(decomposedBefore)).toBe(1);

    await database.db.execute(sql.raw(migrationSql()));

    const rows = rowsOf<{ id: number; name: string; address: string; extra: Record<string, string> | string }>(
      await database.db.execute(
        sql`select id, name, address, extra from customers where code in ('KH9999001', 'KH9999002') order by code`,
      ),
    );
    const extra = (r: (typeof rows)[number]) =>
      typeof r.extra === 'string' ? (JSON.parse(r.extra) as Record<string, string>) : r.extra;
    expect(rows.map((r) => [Number(r.id), r.name, r.address])).toEqual([
      [Number(c!.id), NAME, ADDRESS],
      [Number(same!.id), NAME, ADDRESS],
    ]);
    expect(extra(rows[0]!)).toEqual({ ghiChu: 'Nhà có chó dữ' });
    const [team] = rowsOf<{ code: string; name: string }>(
      await database.db.execute(sql`select code, name from installation_teams where phone = '0241234567'`),
    );
    expect(team).toEqual({ code: 'ĐỘI1', name: TEAM });

    // Run again: nothing is left to change, and it still succeeds.
    await database.db.execute(sql.raw(migrationSql()));
    const [{ n }] = rowsOf<{ n: number }>(
      await database.db.execute(
        sql`select count(*)::int as n from customers where name is not nfc normalized or address is not nfc normalized`,
      ),
    ) as [{ n: number }];
    expect(Number(n)).toBe(0);
  });
});
