/**
 * Lifts the sign-in locks of one login from every address, e.g. when the admin's own office address is locked:
 *   npm run user:unlock -- <login>
 * Uses DATABASE_URL, or else the embedded database (stop the server first: it allows one process at a time).
 */
import { serverEnv } from '@/config/env';
import { openDatabase } from '@/db/client';
import { unlockLogin } from '@/services/auth/sign-in.service';

const login = process.argv[2]?.trim().toLowerCase();
if (!login || !/^[a-z0-9]{1,16}$/.test(login)) {
  process.stderr.write('Cách dùng: npm run user:unlock -- <tên đăng nhập>\n');
  process.exit(2);
}

const database = await openDatabase({ url: serverEnv().DATABASE_URL });
try {
  const lifted = await unlockLogin(database.db, login);
  console.log(
    lifted > 0
      ? `Đã mở khóa "${login}": xóa ${lifted} bộ đếm đăng nhập sai, có thể đăng nhập lại ngay.`
      : `"${login}" không có lần đăng nhập sai nào đang được đếm.`,
  );
} finally {
  await database.close();
}
