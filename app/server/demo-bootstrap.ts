import { sql } from 'drizzle-orm';
import { serverEnv } from '@/config/env';
import type { Database } from '@/db/client';
import { rowsOf } from '@/db/sql';
import { DEMO_PARTNER, DEMO_USERS, seedDemo } from '@/db/seed/demo';

/** Seeds an empty database once and prints the demo logins (also printed on later starts, as a reminder). */
export async function ensureDemoData(database: Database): Promise<void> {
  const [row] = rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from companies`));
  if (Number(row?.n ?? 0) === 0) {
    const started = Date.now();
    console.log('[demo] Cơ sở dữ liệu trống — đang tạo dữ liệu mẫu…');
    await seedDemo(database.db, { customers: serverEnv().DEMO_CUSTOMERS, withUsers: true });
    console.log(`[demo] Xong sau ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  }
  console.log('[demo] Tài khoản dùng thử:');
  for (const u of DEMO_USERS) console.log(`  ${u.login.padEnd(8)} mật khẩu ${u.password.padEnd(20)} ${u.role}`);
  const [partner] = rowsOf<{ n: number }>(
    await database.db.execute(sql`select count(*)::int as n from partners where code = ${DEMO_PARTNER.code}`),
  );
  if (Number(partner?.n ?? 0) > 0)
    console.log(
      `[demo] Đối tác thu hộ (API /api/partners/v1): X-Partner-Id ${DEMO_PARTNER.code}, khóa bí mật ${DEMO_PARTNER.secret}, chỉ gọi từ máy này (${DEMO_PARTNER.allowList.join(', ')})`,
    );
}
