import type { Db } from '@/db/client';
import { branches, readingBooks, routes } from '@/db/schema/org';

export interface OrgTreeIds {
  b1: number;
  b2: number;
  r1: number;
  r2: number;
  s1: number;
  s2: number;
  s3: number;
}

export type OrgTreeBook = { name: string; readingDay?: number };

/**
 * Two branches (CN1 Quận 1, CN2 Thủ Đức), one route each (R01 Lê Lợi, R02 Võ Văn Ngân) and three books:
 * S01 and S02 on R01, S03 on R02. `books` names the three books (and their reading days).
 */
export async function createOrgTree(
  db: Db,
  books: readonly [OrgTreeBook, OrgTreeBook, OrgTreeBook] = [
    { name: 'Sổ Lê Lợi 1', readingDay: 5 },
    { name: 'Sổ Lê Lợi 2', readingDay: 6 },
    { name: 'Sổ Võ Văn Ngân', readingDay: 10 },
  ],
): Promise<OrgTreeIds> {
  const [b1, b2] = await db
    .insert(branches)
    .values([
      { code: 'CN1', name: 'Chi nhánh Quận 1' },
      { code: 'CN2', name: 'Chi nhánh Thủ Đức' },
    ])
    .returning();
  const [r1, r2] = await db
    .insert(routes)
    .values([
      { branchId: b1!.id, code: 'R01', name: 'Tuyến Lê Lợi' },
      { branchId: b2!.id, code: 'R02', name: 'Tuyến Võ Văn Ngân' },
    ])
    .returning();
  const [s1, s2, s3] = await db
    .insert(readingBooks)
    .values([
      { routeId: r1!.id, code: 'S01', ...books[0] },
      { routeId: r1!.id, code: 'S02', ...books[1] },
      { routeId: r2!.id, code: 'S03', ...books[2] },
    ])
    .returning();
  return { b1: b1!.id, b2: b2!.id, r1: r1!.id, r2: r2!.id, s1: s1!.id, s2: s2!.id, s3: s3!.id };
}
