/**
 * Seeds the demo company into DATABASE_URL (PostgreSQL) or else the PGlite folder (PGLITE_DIR, default .data/pglite):
 *   npx tsx db/seed/cli.ts [--customers 5000] [--no-users]
 * Does nothing when the database already has a company. Prints what it wrote and the demo logins.
 */
import { parseArgs } from 'node:util';
import { serverEnv } from '@/config/env';
import { openDatabase } from '@/db/client';
import { DEMO_CUSTOMER_COUNT, DEMO_PARTNER, DEMO_USERS, seedDemo } from './demo';

const { values } = parseArgs({
  options: {
    customers: { type: 'string' },
    'no-users': { type: 'boolean' },
  },
});
const customers = values.customers === undefined ? DEMO_CUSTOMER_COUNT : Number(values.customers);
if (!Number.isSafeInteger(customers) || customers < 0) {
  process.stderr.write(`--customers phải là số nguyên không âm, nhận được "${values.customers}"\n`);
  process.exit(2);
}

const started = performance.now();
const database = await openDatabase({ url: serverEnv().DATABASE_URL });
const opened = performance.now();
try {
  const result = await seedDemo(database.db, { customers, withUsers: !values['no-users'] });
  if (result.skipped) {
    console.log('Cơ sở dữ liệu đã có công ty: bỏ qua dữ liệu mẫu.');
  } else {
    console.log(
      `Dữ liệu mẫu (${database.kind}): ${result.customers} khách hàng, ${result.meters} đồng hồ, ${result.contracts} hợp đồng, ` +
        `${result.readings} chỉ số (${result.periods?.from} → ${result.periods?.to}), ${result.books} sổ, ${result.wards} phường – xã.`,
    );
    console.log(
      `Mở CSDL + migration: ${((opened - started) / 1000).toFixed(1)} s; nạp dữ liệu: ${(result.ms / 1000).toFixed(1)} s`,
    );
    if (result.users.length > 0) {
      console.log('\nTài khoản dùng thử:');
      console.table(DEMO_USERS.map((u) => ({ 'Tên đăng nhập': u.login, 'Mật khẩu': u.password, 'Vai trò': u.role })));
    }
    if (result.partners.includes(DEMO_PARTNER.code)) {
      console.log('\nĐối tác thu hộ dùng thử (API /api/partners/v1, xem README "Partner API"):');
      console.table([
        {
          'X-Partner-Id': DEMO_PARTNER.code,
          'Khóa bí mật': DEMO_PARTNER.secret,
          'Gọi được từ': DEMO_PARTNER.allowList.join(', '),
        },
      ]);
    }
  }
} finally {
  await database.close();
}
